/** One field that differs between two JSON values. */
export type DiffLine =
  | { kind: 'changed'; path: string; before: unknown; after: unknown }
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'moved'; path: string; from: number; to: number };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function keyPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Elements of an array that each carry a distinct string `id` (rules, variants) are matched by it. */
function ids(items: readonly unknown[]): string[] | undefined {
  const found = items.map((item) => (isObject(item) && typeof item.id === 'string' ? item.id : undefined));
  if (found.some((id) => id === undefined)) return undefined;
  const strings = found.filter((id): id is string => id !== undefined);
  return new Set(strings).size === strings.length ? strings : undefined;
}

function diffArrays(before: readonly unknown[], after: readonly unknown[], path: string, out: DiffLine[]): void {
  const beforeIds = ids(before);
  const afterIds = ids(after);
  if (beforeIds === undefined || afterIds === undefined || (before.length === 0 && after.length === 0)) {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      const at = `${path}[${index}]`;
      if (index >= after.length) out.push({ kind: 'removed', path: at, before: before[index] });
      else if (index >= before.length) out.push({ kind: 'added', path: at, after: after[index] });
      else walk(before[index], after[index], at, out);
    }
    return;
  }
  // A rule inserted at the top shifts every index: matched by id, only the new rule is new.
  const afterIndex = new Map(afterIds.map((id, index) => [id, index]));
  const common = beforeIds.filter((id) => afterIndex.has(id));
  const commonAfter = afterIds.filter((id) => beforeIds.includes(id));
  beforeIds.forEach((id, index) => {
    const to = afterIndex.get(id);
    if (to === undefined) out.push({ kind: 'removed', path: `${path}[${index}]`, before: before[index] });
  });
  afterIds.forEach((id, index) => {
    const from = beforeIds.indexOf(id);
    if (from === -1) {
      out.push({ kind: 'added', path: `${path}[${index}]`, after: after[index] });
      return;
    }
    // Moved means moved among the elements both sides share, not shifted by an insertion.
    if (common.indexOf(id) !== commonAfter.indexOf(id)) out.push({ kind: 'moved', path, from, to: index });
    walk(before[from], after[index], `${path}[${index}]`, out);
  });
}

function walk(before: unknown, after: unknown, path: string, out: DiffLine[]): void {
  if (Object.is(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, out);
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) out.push({ kind: 'removed', path: keyPath(path, key), before: before[key] });
      } else {
        walk(before[key], after[key], keyPath(path, key), out);
      }
    }
    for (const key of Object.keys(after)) {
      if ((!(key in before) || before[key] === undefined) && after[key] !== undefined) {
        out.push({ kind: 'added', path: keyPath(path, key), after: after[key] });
      }
    }
    return;
  }
  out.push({ kind: 'changed', path, before, after });
}

/**
 * The fields that differ between two JSON values, in the order they appear: a changed leaf, an
 * added or removed field or element, an element moved in an array of identified objects. A
 * side that is absent (`null` before a creation, after a deletion) counts as an empty object,
 * so a new flag lists its fields as added rather than as one unreadable line.
 *
 * @example
 * diffJson({ rules: [{ id: 'a', rollout: { percentage: 5 } }] }, { rules: [{ id: 'a', rollout: { percentage: 25 } }] });
 * // [{ kind: 'changed', path: 'rules[0].rollout.percentage', before: 5, after: 25 }]
 */
export function diffJson(before: unknown, after: unknown): DiffLine[] {
  const absent = (value: unknown) => value === null || value === undefined;
  const out: DiffLine[] = [];
  if (absent(before) && isObject(after)) walk({}, after, '', out);
  else if (isObject(before) && absent(after)) walk(before, {}, '', out);
  else if (!(absent(before) && absent(after))) walk(before, after, '', out);
  return out;
}

/**
 * A JSON value on one line, as short as JSON writes it: `"on"`, `25`, `["web","beta"]`.
 *
 * @example
 * formatJsonValue({ percentage: 5 }); // '{"percentage":5}'
 */
export function formatJsonValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return JSON.stringify(value) ?? String(value);
}
