import type { Paint } from '../output/style.js';
import type { Difference } from './diff.js';
import type { Plan } from './make-plan.js';

/**
 * The plan for people: one block per change (`+` creates, `~` updates) with each field's
 * before → after, a count, and what the file leaves alone.
 *
 * @example
 * out.line(renderPlan(plan, out.paint));
 */
export function renderPlan(plan: Plan, paint: Paint): string {
  const lines: string[] = [];
  for (const { action, subject, change, differences } of plan.changes) {
    const mark = action === 'create' ? paint('green', '+') : paint('yellow', '~');
    const version =
      change.kind === 'config.replace' && change.expectedVersion !== undefined
        ? ` (version ${change.expectedVersion})`
        : '';
    lines.push(`${mark} ${paint('bold', subject)}${paint('dim', version)}`);
    for (const difference of differences) lines.push(`    ${describe(difference, paint)}`);
  }
  const counts = summary(plan);
  lines.push(
    plan.changes.length === 0
      ? 'No changes: the server matches the file.'
      : `Plan: ${counts.create} to create, ${counts.update} to update.`,
  );
  const { flags, segments } = plan.unmanaged;
  const left = [
    flags.length > 0 ? `${flags.length} flag${flags.length === 1 ? '' : 's'} (${listed(flags)})` : undefined,
    segments.length > 0
      ? `${segments.length} segment${segments.length === 1 ? '' : 's'} (${listed(segments)})`
      : undefined,
  ].filter((part) => part !== undefined);
  if (left.length > 0) lines.push(paint('dim', `Not in the file, left alone: ${left.join(', ')}.`));
  return lines.join('\n');
}

export function summary(plan: Plan): { create: number; update: number } {
  return {
    create: plan.changes.filter((change) => change.action === 'create').length,
    update: plan.changes.filter((change) => change.action === 'update').length,
  };
}

function describe({ path, before, after }: Difference, paint: Paint): string {
  if (before === undefined) return `${path}: ${paint('green', show(after))}`;
  if (after === undefined) return `${path}: ${paint('red', show(before))} → ${paint('dim', '(removed)')}`;
  return `${path}: ${paint('red', show(before))} → ${paint('green', show(after))}`;
}

const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

function listed(keys: readonly string[]): string {
  return keys.length <= 5 ? keys.join(', ') : `${keys.slice(0, 5).join(', ')}, …`;
}
