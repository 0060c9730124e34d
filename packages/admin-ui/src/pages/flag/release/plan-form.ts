import type { Schemas } from '../../../api.js';
import { parseDuration } from '../../../ui/duration.js';

/** The start form's fields, as typed. */
export interface PlanForm {
  steps: string;
  hold: string;
  /** A `datetime-local` value (the reader's zone), or empty for now. */
  startAt: string;
  /** Empty for no guard. */
  guardEvent: string;
  guardAction: 'kill' | 'pause';
  guardAlpha: string;
  guardMinExposures: string;
}

export type PlanField = keyof PlanForm;

export const NEW_PLAN_FORM: PlanForm = {
  steps: '1, 5, 25, 50, 100',
  hold: '10m',
  startAt: '',
  guardEvent: '',
  guardAction: 'kill',
  guardAlpha: '0.05',
  guardMinExposures: '500',
};

/** The server's limits (docs/releases.md), checked here too so that a slip is named at once. */
const MAX_STEPS = 20;
const MAX_HOLD_SECONDS = 30 * 86_400;

export type PlanFormResult =
  { ok: true; input: Schemas['ReleasePlanInput'] } | { ok: false; errors: Map<PlanField, string> };

function readSteps(text: string, errors: Map<PlanField, string>): number[] {
  const parts = text
    .split(/[\s,]+/)
    .map((part) => part.replace(/%$/, ''))
    .filter((part) => part !== '');
  if (parts.length === 0) errors.set('steps', 'give at least one percentage, e.g. 1, 5, 25, 50, 100');
  if (parts.length > MAX_STEPS) errors.set('steps', `at most ${MAX_STEPS} steps`);
  let previous = 0;
  const percentages: number[] = [];
  for (const part of parts) {
    const percentage = Number(part);
    if (!/^\d+$/.test(part) || percentage < 1 || percentage > 100) {
      errors.set('steps', `'${part}' is not a whole percentage from 1 to 100`);
      break;
    }
    if (percentage <= previous) {
      errors.set('steps', `${percentage} is not above the step before it (${previous}): each step must go higher`);
      break;
    }
    previous = percentage;
    percentages.push(percentage);
  }
  return percentages;
}

function readGuard(form: PlanForm, errors: Map<PlanField, string>): Schemas['ReleaseGuardInput'] | undefined {
  const event = form.guardEvent.trim();
  if (event === '') return undefined;
  if (event.length > 200) errors.set('guardEvent', 'at most 200 characters');
  const alpha = Number(form.guardAlpha);
  if (form.guardAlpha.trim() === '' || !(alpha > 0 && alpha <= 0.5)) {
    errors.set('guardAlpha', 'a number more than 0 and at most 0.5, e.g. 0.05');
  }
  const minExposures = Number(form.guardMinExposures);
  if (!/^\d+$/.test(form.guardMinExposures.trim()) || minExposures < 1) {
    errors.set('guardMinExposures', 'a whole number above 0, e.g. 500');
  }
  return { event, action: form.guardAction, alpha, minExposures };
}

/**
 * The body of `POST …/release` from the form, or a message at each field that cannot be read.
 * The hold applies to every step but the last, whose hold would delay nothing.
 *
 * @example
 * readPlanForm({ ...NEW_PLAN_FORM, steps: '5, 100', hold: '1h' });
 * // { ok: true, input: { steps: [{ percentage: 5, holdSeconds: 3600 }, { percentage: 100 }] } }
 */
export function readPlanForm(form: PlanForm): PlanFormResult {
  const errors = new Map<PlanField, string>();
  const percentages = readSteps(form.steps, errors);
  let holdSeconds = 0;
  if (percentages.length > 1 || form.hold.trim() !== '') {
    const parsed = parseDuration(form.hold);
    if (parsed === undefined) errors.set('hold', `'${form.hold.trim()}' is not a duration: e.g. 90s, 10m, 2h or 1d`);
    else if (parsed > MAX_HOLD_SECONDS) errors.set('hold', 'at most 30 days (30d)');
    else holdSeconds = parsed;
  }
  let startAt: string | undefined;
  if (form.startAt.trim() !== '') {
    // A datetime-local value has no offset, so Date reads it in the reader's zone, as they typed it.
    const at = new Date(form.startAt.trim());
    if (Number.isNaN(at.getTime())) errors.set('startAt', 'not a date and time');
    else startAt = at.toISOString();
  }
  const guard = readGuard(form, errors);
  if (errors.size > 0) return { ok: false, errors };
  const steps = percentages.map((percentage, index) =>
    index < percentages.length - 1 ? { percentage, holdSeconds } : { percentage },
  );
  return {
    ok: true,
    input: { steps, ...(startAt === undefined ? {} : { startAt }), ...(guard === undefined ? {} : { guard }) },
  };
}

const GUARD_FIELDS: Readonly<Record<string, PlanField>> = {
  guard: 'guardEvent',
  'guard.event': 'guardEvent',
  'guard.action': 'guardAction',
  'guard.alpha': 'guardAlpha',
  'guard.minExposures': 'guardMinExposures',
};

/** The form's field that shows the server's message about `path`, and the message as it reads there. */
function place(path: string, message: string): [PlanField, string] | undefined {
  const step = /^steps\.(\d+)(?:\.(percentage|holdSeconds))?$/.exec(path);
  if (step !== null) {
    return [step[2] === 'holdSeconds' ? 'hold' : 'steps', `step ${Number(step[1]) + 1}: ${message}`];
  }
  if (path === 'steps') return ['steps', message];
  if (path === 'startAt') return ['startAt', message];
  const guard = GUARD_FIELDS[path];
  return guard === undefined ? undefined : [guard, message];
}

/**
 * The server's messages (`error.details`, by path) at the form's fields: `steps.1.holdSeconds`
 * is said at the hold, as "step 2: …". What no field shows (`ruleId`) is kept in `rest`.
 *
 * @example
 * placeServerErrors(new Map([['steps.1.percentage', "must be more than the previous step's 5"]]));
 * // { fields: Map { 'steps' => "step 2: must be more than the previous step's 5" }, rest: [] }
 */
export function placeServerErrors(details: ReadonlyMap<string, string>): {
  fields: Map<PlanField, string>;
  rest: string[];
} {
  const fields = new Map<PlanField, string>();
  const rest: string[] = [];
  for (const [path, message] of details) {
    const placed = place(path, message);
    if (placed === undefined) {
      rest.push(path === '' ? message : `${path}: ${message}`);
      continue;
    }
    const [field, text] = placed;
    const before = fields.get(field);
    fields.set(field, before === undefined ? text : `${before}; ${text}`);
  }
  return { fields, rest };
}
