import type { Schemas } from '@rampart/api-client';
import type { Paint } from '../output/style.js';
import { formatDuration, formatTime, fromNow } from '../output/time.js';

type Plan = Schemas['ReleasePlan'];

const STATUS_STYLE: Record<Plan['status'], Parameters<Paint>[0]> = {
  scheduled: 'cyan',
  running: 'green',
  paused: 'yellow',
  completed: 'green',
  aborted: 'dim',
  killed: 'red',
};

/**
 * A release plan for people: its status, each step on a line (applied ones with their time, the
 * current one marked, the next one with when it is due), why it is paused, and its guard.
 *
 * @example
 * for (const line of describePlan(plan, paint)) out.line(line);
 * // new-checkout in production: running  (plan q3k7m2xa9wbt, rule r1)
 * //   ✓ 1 %    applied 2030-01-01 12:00:00, held 10m
 * //   ▶ 5 %    applied 2030-01-01 12:10:00, holds 10m   ← current
 * //   · 25 %   due 2030-01-01 12:20:00 (in 4m)
 */
export function describePlan(plan: Plan, paint: Paint, now = Date.now()): string[] {
  const facts = [`plan ${plan.id}`, plan.ruleId === null ? undefined : `rule ${plan.ruleId}`].filter(Boolean);
  const lines = [
    `${paint('bold', plan.flag)} in ${paint('bold', plan.environment)}: ` +
      `${paint(STATUS_STYLE[plan.status], plan.status)}  ${paint('dim', `(${facts.join(', ')})`)}`,
  ];
  const width = Math.max(...plan.steps.map((step) => `${step.percentage} %`.length));
  plan.steps.forEach((step, index) => {
    const percentage = `${step.percentage} %`.padEnd(width);
    lines.push(`  ${stepLine(plan, index, percentage, paint, now)}`);
  });
  if (plan.pausedReason !== null) lines.push(`${paint('yellow', 'paused')}: ${plan.pausedReason}`);
  if (plan.guard !== null) lines.push(...describeGuard(plan.guard, paint));
  return lines;
}

function stepLine(plan: Plan, index: number, percentage: string, paint: Paint, now: number): string {
  const step = plan.steps[index];
  const hold = step?.holdSeconds === undefined ? '' : formatDuration(step.holdSeconds);
  const current = plan.currentStep;
  const underWay = plan.status === 'running' || plan.status === 'paused' || plan.status === 'scheduled';
  if (step?.appliedAt !== undefined && index === current && underWay) {
    const holds = hold === '' ? '' : `, holds ${hold}`;
    return `${paint('bold', `▶ ${percentage}`)}  applied ${formatTime(step.appliedAt)}${holds}   ${paint('cyan', '← current')}`;
  }
  if (step?.appliedAt !== undefined) {
    // How long it held: until the next step applied (early, when someone advanced the plan).
    const nextAt = plan.steps[index + 1]?.appliedAt;
    const heldFor =
      nextAt === undefined ? '' : formatDuration(Math.round((Date.parse(nextAt) - Date.parse(step.appliedAt)) / 1000));
    const held = heldFor === '' ? '' : `, held ${heldFor}`;
    return `${paint('green', '✓')} ${percentage}  applied ${formatTime(step.appliedAt)}${held}`;
  }
  const isNext = index === (current ?? -1) + 1;
  if (isNext && plan.nextStepAt !== null) {
    return `${paint('dim', '·')} ${percentage}  due ${formatTime(plan.nextStepAt)} (${fromNow(plan.nextStepAt, now)})`;
  }
  return `${paint('dim', '·')} ${paint('dim', percentage.trimEnd())}`;
}

const DECISIONS: Record<NonNullable<Schemas['ReleaseGuard']['decision']>, string> = {
  continue: 'continue (no harm seen)',
  harm: 'harm: the release raises the rate',
  'sample-ratio-mismatch': 'sample ratio mismatch: the counts cannot be trusted',
};

/** The guard's event, what it does, its latest decision and the figures it rests on. */
function describeGuard(guard: Schemas['ReleaseGuard'], paint: Paint): string[] {
  const decision =
    guard.decision === null
      ? paint('dim', 'not measured yet')
      : paint(guard.decision === 'continue' ? 'green' : 'red', DECISIONS[guard.decision]);
  const lines = [`guard: ${guard.event} (${guard.action} on harm, alpha ${guard.alpha}): ${decision}`];
  const figures = guard.figures;
  if (figures === null) return lines;
  const rate = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(2)} %`);
  const rows = [
    ['', 'treatment', 'control'],
    ['exposures', String(figures.exposures.treatment), String(figures.exposures.control)],
    ['events', String(figures.events.treatment), String(figures.events.control)],
    ['rate', rate(figures.rates.treatment), rate(figures.rates.control)],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of rows) {
    lines.push(`  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
  }
  const exposures = figures.minExposuresReached ? '' : `; harm needs ${guard.minExposures} exposures per arm first`;
  lines.push(
    `  statistic ${figures.statistic.toFixed(2)} of threshold ${figures.threshold.toFixed(2)}` +
      ` over ${figures.batches} ${figures.batches === 1 ? 'batch' : 'batches'}${exposures}`,
  );
  return lines;
}
