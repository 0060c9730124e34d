import type { Schemas } from '@rampart/api-client';
import { CliError } from '../cli-error.js';

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** The longest hold the server takes: 30 days. */
const MAX_HOLD_SECONDS = 30 * 86_400;

/** What `rampart release start` was given, as commander hands it over. */
export interface PlanOptions {
  steps: string;
  hold: string;
  rule?: string | undefined;
  startAt?: string | undefined;
  guard?: string | undefined;
  guardAction?: string | undefined;
  guardAlpha?: string | undefined;
  guardMinExposures?: string | undefined;
}

/**
 * `90s`, `10m`, `2h` or `1d` (units may be combined: `1h30m`) in seconds; anything else is a
 * CliError naming the option.
 *
 * @example
 * parseDuration('1h30m'); // 5400
 */
export function parseDuration(value: string, option = '--hold'): number {
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (!/^(\d+[smhd])+$/.test(text) || parts.length === 0) {
    throw new CliError(`${option}: '${value}' is not a duration`, { hint: `e.g. ${option} 90s, 10m, 2h or 1d` });
  }
  const seconds = parts.reduce((sum, [, count, unit]) => sum + Number(count) * (SECONDS_PER_UNIT[unit ?? ''] ?? 0), 0);
  if (seconds > MAX_HOLD_SECONDS) {
    throw new CliError(`${option}: '${value}' is longer than 30 days`, { hint: 'a step holds at most 30d' });
  }
  return seconds;
}

/**
 * `1,5,25,50,100` as percentages: whole numbers from 1 to 100, each above the one before.
 *
 * @example
 * parseSteps('1,5,25,50,100'); // [1, 5, 25, 50, 100]
 */
export function parseSteps(value: string): number[] {
  const hint = 'e.g. --steps 1,5,25,50,100 (whole percentages, each above the one before)';
  const percentages = value.split(',').map((part) => part.trim().replace(/%$/, ''));
  let previous = 0;
  return percentages.map((part) => {
    const percentage = Number(part);
    if (!/^\d+$/.test(part) || percentage < 1 || percentage > 100) {
      throw new CliError(`--steps: '${part}' is not a whole percentage from 1 to 100`, { hint });
    }
    if (percentage <= previous) {
      throw new CliError(`--steps: ${percentage} does not go above the step before it (${previous})`, { hint });
    }
    previous = percentage;
    return percentage;
  });
}

/**
 * An ISO 8601 date and time; without a UTC offset, in the reader's time zone. Sent in UTC.
 *
 * @example
 * parseStartAt('2030-01-07T09:00:00+01:00'); // '2030-01-07T08:00:00.000Z'
 */
export function parseStartAt(value: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
  const time = iso.test(value.trim()) ? new Date(value.trim()).getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    throw new CliError(`--start-at: '${value}' is not a date and time`, {
      hint: 'e.g. --start-at 2030-01-07T09:00 (your time zone) or 2030-01-07T09:00:00Z',
    });
  }
  return new Date(time).toISOString();
}

/**
 * The body of `POST …/release` from the command line's options.
 *
 * @example
 * planInput({ steps: '1,50,100', hold: '10m' });
 * // { steps: [{ percentage: 1, holdSeconds: 600 }, { percentage: 50, holdSeconds: 600 }, { percentage: 100 }] }
 */
export function planInput(options: PlanOptions): Schemas['ReleasePlanInput'] {
  const percentages = parseSteps(options.steps);
  const holdSeconds = parseDuration(options.hold);
  const steps = percentages.map((percentage, index) =>
    index < percentages.length - 1 ? { percentage, holdSeconds } : { percentage },
  );
  return {
    steps,
    ruleId: options.rule,
    startAt: options.startAt === undefined ? undefined : parseStartAt(options.startAt),
    guard: options.guard === undefined ? undefined : guardInput(options.guard, options),
  };
}

function guardInput(event: string, options: PlanOptions): Schemas['ReleaseGuardInput'] {
  const action = options.guardAction === 'pause' ? 'pause' : 'kill';
  const alpha = Number(options.guardAlpha ?? '0.05');
  if (!(alpha > 0 && alpha <= 0.5)) {
    throw new CliError(`--guard-alpha: '${options.guardAlpha}' is not in (0, 0.5]`, {
      hint: 'e.g. --guard-alpha 0.05',
    });
  }
  const minExposures = Number(options.guardMinExposures ?? '500');
  if (!Number.isInteger(minExposures) || minExposures < 1) {
    throw new CliError(`--guard-min-exposures: '${options.guardMinExposures}' is not a whole number above 0`, {
      hint: 'e.g. --guard-min-exposures 500',
    });
  }
  return { event, action, alpha, minExposures };
}
