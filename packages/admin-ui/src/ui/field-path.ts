/**
 * Where the server's `error.details[].path` (`rules.0.rollout.percentage`) shows in a form.
 * A pattern names one field of the form, `#` standing for any list index:
 * `rules.#.conditions.#.values`.
 */

const INDEX = /^\d+$/;

function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((part, i) => (part === '#' ? INDEX.test(segments[i] ?? '') : part === segments[i]))
  );
}

/**
 * The field of the form that shows a detail: the longest start of `path` that one of the
 * form's `patterns` names (`rules.0.segments.2` shows at `rules.0.segments`), or `undefined`
 * when no field does (the message then shows only in the form's summary).
 *
 * @example
 * fieldOf('rules.0.conditions.1.values.3', ['rules.#.conditions.#.values']); // 'rules.0.conditions.1.values'
 */
export function fieldOf(path: string, patterns: readonly string[]): string | undefined {
  const segments = path.split('.');
  const split = patterns.map((pattern) => pattern.split('.'));
  for (let length = segments.length; length > 0; length--) {
    const start = segments.slice(0, length);
    if (split.some((pattern) => matches(pattern, start))) return start.join('.');
  }
  return undefined;
}

/**
 * Messages by the field that shows them; details no field shows are left out.
 *
 * @example
 * errorsByField([{ path: 'variants.1.value', message: 'must be a number' }], ['variants.#.value']);
 * // Map { 'variants.1.value' => ['must be a number'] }
 */
export function errorsByField(
  details: readonly { path: string; message: string }[],
  patterns: readonly string[],
): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const { path, message } of details) {
    const field = fieldOf(path, patterns);
    if (field === undefined) continue;
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return byField;
}

const SINGULAR: Record<string, string> = {
  rules: 'rule',
  conditions: 'condition',
  variants: 'variant',
  prerequisites: 'prerequisite',
  segments: 'segment',
  overrides: 'override',
  values: 'value',
  bucketBy: 'unit',
  variantsBucketBy: 'unit',
};

const WORDS: Record<string, string> = {
  bucketBy: 'bucket by',
  variantsBucketBy: 'variants bucket by',
  defaultVariant: 'default variant',
  caseInsensitive: 'case-insensitive',
  flag: 'flag',
};

/**
 * A detail's path for people: `rules.0.rollout.percentage` → `Rule 1, rollout, percentage`.
 *
 * @example
 * describePath('variants.1.value'); // 'Variant 2, value'
 */
export function describePath(path: string): string {
  const parts: string[] = [];
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const next = segments[i + 1];
    if (next !== undefined && INDEX.test(next)) {
      parts.push(`${SINGULAR[segment] ?? segment} ${Number(next) + 1}`);
      i++;
    } else {
      parts.push(WORDS[segment] ?? segment);
    }
  }
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
