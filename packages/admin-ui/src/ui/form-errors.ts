/** A failed request as `problemOf` (api.ts) reads it: its message and the fields the server named. */
export interface Problem {
  message: string;
  fields: ReadonlyMap<string, string>;
}

/** What a form shows of a problem: a message at each of its fields, and the rest in one alert. */
export interface FormErrors {
  /** By the form's field name: the first message the server gave for it or for a part of it. */
  fields: Map<string, string>;
  /** For the alert under the form; `undefined` when every detail sits at a field. */
  message: string | undefined;
}

export const NO_ERRORS: FormErrors = { fields: new Map(), message: undefined };

/**
 * Places a problem's details at the form's fields: `events.2` belongs to the field `events`.
 * A detail no field shows (a field the form does not have, the body as a whole) goes to the
 * message, with its path, so that nothing the server said is lost.
 *
 * @example
 * formErrors({ message: 'invalid', fields: new Map([['url', 'must be an http or https URL']]) }, ['url', 'events']);
 * // { fields: Map { 'url' => 'must be an http or https URL' }, message: undefined }
 */
export function formErrors(problem: Problem | undefined, known: readonly string[]): FormErrors {
  if (problem === undefined) return NO_ERRORS;
  const fields = new Map<string, string>();
  const rest: string[] = [];
  for (const [path, message] of problem.fields) {
    const field = path.split('.')[0] ?? '';
    if (known.includes(field)) {
      if (!fields.has(field)) fields.set(field, message);
    } else {
      rest.push(path === '' ? message : `${path}: ${message}`);
    }
  }
  if (problem.fields.size === 0) return { fields, message: problem.message };
  return { fields, message: rest.length === 0 ? undefined : rest.join('; ') };
}
