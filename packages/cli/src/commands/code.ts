import { RampartApiError, unwrap } from '@rampart/api-client';
import { writeFileSync } from 'node:fs';
import { confirm } from '../ask.js';
import { CliError } from '../cli-error.js';
import { connect, text } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import type { Session } from '../session.js';
import { exportFile, toYaml } from '../code/export-file.js';
import { fileJsonSchema } from '../code/file-schema.js';
import { loadFlagsFile } from '../code/load-file.js';
import { makePlan, type ChangeInput, type Plan } from '../code/make-plan.js';
import { readPlan, writePlan } from '../code/plan-file.js';
import { renderPlan, summary } from '../code/render-plan.js';
import { readServerState } from '../code/server-state.js';

/** `rampart export [--env …] [-o file]`: the server as a flags-as-code file. */
export async function exportFlags(_args: string[], options: Record<string, unknown>): Promise<void> {
  const session = connect(options);
  const environments = Array.isArray(options.env) ? (options.env as string[]) : undefined;
  const state = await session.out.progress('reading the server', () => readServerState(session));
  const known = state.environments.map((environment) => environment.key);
  const unknown = environments?.filter((key) => !known.includes(key)) ?? [];
  if (unknown.length > 0) {
    throw new CliError(`there is no environment ${unknown.map((key) => `'${key}'`).join(', ')}`, {
      hint: `environments: ${known.join(', ')}`,
    });
  }
  const file = exportFile(state, environments);
  const output = text(options, 'output');
  if (output !== undefined) {
    writeFileSync(output, toYaml(file));
    const counts = { flags: file.flags?.length ?? 0, segments: file.segments?.length ?? 0 };
    session.out.data({ written: output, ...counts });
    if (!session.out.json) session.out.note(`Wrote ${counts.flags} flags and ${counts.segments} segments to ${output}`);
  } else if (session.out.json) {
    session.out.data(file);
  } else {
    process.stdout.write(toYaml(file));
  }
}

/** `rampart plan -f file [--out plan.json]`: exit 0 nothing to change, 2 changes pending. */
export async function plan(_args: string[], options: Record<string, unknown>): Promise<number> {
  const session = connect(options);
  const planned = await planFor(session, text(options, 'file') ?? '');
  const out = text(options, 'out');
  if (out !== undefined)
    writePlan(
      out,
      session.url,
      planned.changes.map((change) => change.change),
    );
  session.out.data(planJson(planned));
  session.out.line(renderPlan(planned, session.out.paint));
  if (out !== undefined && planned.changes.length > 0)
    session.out.note(`Saved the plan to ${out}: rampart apply --plan ${out}`);
  return planned.changes.length === 0 ? EXIT.ok : EXIT.changesPending;
}

/** `rampart apply -f file | --plan plan.json [--yes] [--reason text] [--dry-run]`. */
export async function apply(_args: string[], options: Record<string, unknown>): Promise<number> {
  const session = connect(options);
  const { out } = session;
  const file = text(options, 'file');
  const saved = text(options, 'plan');
  if ((file === undefined) === (saved === undefined)) {
    throw new CliError('give the file (-f rampart.yaml) or a saved plan (--plan plan.json), one of them');
  }
  let changes: ChangeInput[];
  if (saved !== undefined) {
    changes = readPlan(saved, session.url).changes;
    out.line(`${changes.length} change${changes.length === 1 ? '' : 's'} from ${saved}`);
  } else {
    const planned = await planFor(session, file ?? '');
    changes = planned.changes.map((change) => change.change);
    out.line(renderPlan(planned, out.paint));
  }
  if (changes.length === 0) {
    out.data({ dryRun: false, changes: [] });
    return EXIT.ok;
  }
  if (!session.dryRun && options.yes !== true && process.stdin.isTTY === true && !out.json) {
    if (!(await confirm('Apply these changes?'))) throw new CliError('nothing was applied');
  }
  const reason = text(options, 'reason');
  const body = { changes, ...(reason === undefined ? {} : { reason }) };
  let result;
  try {
    result = await out.progress('applying', () => unwrap(session.client.POST('/api/v1/change-sets', { body })));
  } catch (error) {
    if (error instanceof RampartApiError && error.code === 'version_mismatch') {
      throw new CliError(`someone changed the server since the plan, so nothing was applied: ${error.message}`, {
        hint:
          saved === undefined
            ? 'run apply again (it plans afresh)'
            : `plan again: rampart plan -f <file> --out ${saved}`,
        code: error.code,
      });
    }
    throw error;
  }
  out.data(result);
  const changed = result.changes.filter((change) => change.outcome !== 'unchanged').length;
  out.line(`Applied ${changed} change${changed === 1 ? '' : 's'} in one transaction.`);
  return EXIT.ok;
}

/** `rampart schema`: the file's JSON Schema, for editors. */
export async function schema(): Promise<void> {
  process.stdout.write(`${JSON.stringify(fileJsonSchema(), null, 2)}\n`);
}

async function planFor(session: Session, path: string): Promise<Plan> {
  const file = loadFlagsFile(path);
  const named = new Set((file.flags ?? []).map((flag) => flag.key));
  const state = await session.out.progress('reading the server', () => readServerState(session, named));
  return makePlan(file, state);
}

function planJson(planned: Plan) {
  return {
    pending: planned.changes.length > 0,
    summary: summary(planned),
    changes: planned.changes.map(({ action, subject, change, differences }) => ({
      action,
      subject,
      change,
      differences,
    })),
    unmanaged: planned.unmanaged,
  };
}
