import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { CliError } from '../cli-error.js';
import { fileSchema, type FlagsFile } from './file-schema.js';

/**
 * Reads and checks a flags-as-code file; every problem is reported as `file:line: path: message`,
 * all of them at once.
 *
 * @example
 * const file = loadFlagsFile('rampart.yaml');
 */
export function loadFlagsFile(path: string): FlagsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, {
      hint: 'write one with `rampart export > rampart.yaml`',
    });
  }
  return parseFlagsFile(text, path);
}

/** {@link loadFlagsFile} on text already read; `path` names it in messages. */
export function parseFlagsFile(text: string, path: string): FlagsFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const { line, col } = lines.linePos(error.pos[0]);
      return `${path}:${line}:${col}: ${error.message.split('\n')[0]}`;
    });
    throw new CliError(`${path} is not valid YAML:\n  ${problems.join('\n  ')}`);
  }
  const parsed = fileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.map(String);
      return `${path}:${lineOf(document, lines, issue.path)}: ${where.join('.') || '(the file)'}: ${issue.message}`;
    });
    throw new CliError(`${path} does not describe flags as rampart expects:\n  ${problems.join('\n  ')}`, {
      hint: 'the JSON Schema (`rampart schema`) lets an editor complete and check the file',
    });
  }
  const duplicates = [
    ...repeated((parsed.data.flags ?? []).map((flag) => flag.key)).map((key) => `flag '${key}'`),
    ...repeated((parsed.data.segments ?? []).map((segment) => segment.key)).map((key) => `segment '${key}'`),
    ...repeated((parsed.data.environments ?? []).map((environment) => environment.key)).map(
      (key) => `environment '${key}'`,
    ),
  ];
  if (duplicates.length > 0) throw new CliError(`${path} lists ${duplicates.join(', ')} more than once`);
  // A rule's name is how apply finds the server's rule it stands for: two of one name are ambiguous.
  const ruleNames = (parsed.data.flags ?? []).flatMap((flag, f) =>
    Object.entries(flag.environments ?? {}).flatMap(([environment, config]) => {
      const names = (config.rules ?? []).map((rule) => rule.name);
      return names.flatMap((name, r) => {
        if (name === undefined || names.indexOf(name) === r) return [];
        const at = ['flags', f, 'environments', environment, 'rules', r, 'name'];
        return [`${path}:${lineOf(document, lines, at)}: ${at.join('.')}: another rule here is named '${name}'`];
      });
    }),
  );
  if (ruleNames.length > 0) {
    throw new CliError(`${path} names two rules of one configuration alike:\n  ${ruleNames.join('\n  ')}`, {
      hint: "rule names tell apply which of the server's rules each one is: give each its own",
    });
  }
  return parsed.data;
}

/** The line of the node at `path`, or of its nearest parent that exists. */
function lineOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function repeated(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
}
