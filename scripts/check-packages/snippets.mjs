// The TypeScript snippets of the docs (```ts and ```tsx fences), as files to type-check. A snippet
// may use names it does not define (`user`, `App`) when an HTML comment that ends just before its
// fence declares them; rendered Markdown does not show it, and it may span several lines:
//
//   <!-- ts-prelude: declare const user: { id: string }; -->
//   ```ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const FENCE = /^```(ts|tsx)\s*$/;
const PRELUDE = /^<!--\s*ts-prelude:([\s\S]*)-->\s*$/;
const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

/** The Markdown files whose snippets are checked, relative to the repository. */
export function documents(root) {
  const within = (dir, pick) =>
    readdirSync(join(root, dir))
      .filter(pick)
      .map((name) => `${dir}/${name}`);
  return [
    'README.md',
    ...within('docs', (name) => name.endsWith('.md')),
    ...within('packages', () => true)
      .map((dir) => `${dir}/README.md`)
      .filter((path) => existsSync(join(root, path))),
  ];
}

/** The lines of the prelude comment that ends on the line before the fence at `fence`, if any. */
function preludeBefore(lines, fence) {
  if (!lines[fence - 1]?.trimEnd().endsWith('-->')) return [];
  const start = lines.findLastIndex((line, i) => i < fence && line.startsWith('<!--'));
  const prelude = PRELUDE.exec(lines.slice(start, fence).join('\n'));
  return prelude ? prelude[1].trim().split('\n') : [];
}

/**
 * Each snippet as `{ source, line, offset, name, text }`: `line` is the Markdown line of its
 * first line of code, and `text` holds the prelude's `offset` lines, then the snippet.
 */
export function extractSnippets(root, paths) {
  const snippets = [];
  for (const source of paths) {
    const lines = readFileSync(join(root, source), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const fence = FENCE.exec(lines[i]);
      if (!fence) continue;
      const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
      if (end === -1) throw new Error(`${source}:${i + 1}: a \`\`\`${fence[1]} fence that never closes`);
      const prelude = preludeBefore(lines, i);
      const name = `${source.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-L${i + 2}.${fence[1]}`;
      const text = [...prelude, ...lines.slice(i + 1, end)].join('\n') + '\n';
      snippets.push({ source, line: i + 2, offset: prelude.length, name, text });
      i = end;
    }
  }
  return snippets;
}

/** The packages the snippets import, other than Node's own. */
export function importedPackages(snippets) {
  const names = new Set();
  for (const { text } of snippets) {
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

/**
 * Rewrites tsc's `file(line,column): message` lines about snippet files to `source:line:column`,
 * the place to fix in the Markdown.
 */
export function locate(output, snippets) {
  const byName = new Map(snippets.map((snippet) => [snippet.name, snippet]));
  return output.replace(/^(?:.*[/\\])?([^/\\(]+)\((\d+),(\d+)\): /gm, (whole, name, line, column) => {
    const snippet = byName.get(name);
    if (!snippet) return whole;
    const at = Number(line) - snippet.offset;
    // A mistake in the prelude points at the fence, whose comment it is.
    return `${snippet.source}:${at > 0 ? snippet.line + at - 1 : snippet.line - 1}:${at > 0 ? column : 1}: `;
  });
}
