import { readFileSync, writeFileSync } from 'node:fs';
import { CliError } from '../cli-error.js';
import { sameServer } from '../profiles.js';
import type { ChangeInput } from './make-plan.js';

/** What `plan --out` writes and `apply --plan` reads: the exact change set, with what it was planned against. */
export interface SavedPlan {
  format: 'rampart-plan';
  version: 1;
  /** The server it was planned against. */
  server: string;
  changes: ChangeInput[];
}

export function writePlan(path: string, server: string, changes: ChangeInput[]): void {
  const plan: SavedPlan = { format: 'rampart-plan', version: 1, server, changes };
  writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
}

export function readPlan(path: string, server: string): SavedPlan {
  let plan: Partial<SavedPlan>;
  try {
    plan = JSON.parse(readFileSync(path, 'utf8')) as Partial<SavedPlan>;
  } catch (error) {
    throw new CliError(`cannot read the plan ${path}: ${(error as Error).message}`);
  }
  if (plan.format !== 'rampart-plan' || plan.version !== 1 || !Array.isArray(plan.changes)) {
    throw new CliError(`${path} is not a plan written by \`rampart plan --out\``);
  }
  if (plan.server === undefined || !sameServer(plan.server, server)) {
    throw new CliError(`${path} was planned against ${plan.server}, not ${server}`, {
      hint: 'plan again against this server',
    });
  }
  return plan as SavedPlan;
}
