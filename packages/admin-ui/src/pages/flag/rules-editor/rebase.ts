import { DRAFT_FIELDS, type ConfigDraft, type DraftField } from './draft.js';

/**
 * Whether two JSON-like values are the same, whatever their objects' key order.
 *
 * @example
 * sameValue({ a: [1, 2] }, { a: [1, 2] }); // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const aEntries = Object.entries(a).filter(([, value]) => value !== undefined);
  const bRecord = new Map(Object.entries(b).filter(([, value]) => value !== undefined));
  return aEntries.length === bRecord.size && aEntries.every(([key, value]) => sameValue(value, bRecord.get(key)));
}

/**
 * The fields a person changed between the draft they started from and their draft now.
 *
 * @example
 * changedFields(draftOf(config, 'boolean'), edited); // ['rules']
 */
export function changedFields(before: ConfigDraft, after: ConfigDraft): DraftField[] {
  return DRAFT_FIELDS.filter((field) => !sameValue(before[field], after[field]));
}

/**
 * A person's draft redone on top of someone else's newer version: the newer version, with the
 * fields the person changed (since `base`, the version they started from) taken from their
 * draft. Fields both changed end up as the person has them, so `bothChanged` names them
 * first, to say so before anything is saved.
 *
 * @example
 * const next = rebaseDraft(draftOf(read, type), mine, draftOf(latest, type));
 */
export function rebaseDraft(base: ConfigDraft, mine: ConfigDraft, latest: ConfigDraft): ConfigDraft {
  const next = { ...latest };
  for (const field of changedFields(base, mine)) assign(next, mine, field);
  return next;
}

function assign<K extends DraftField>(target: ConfigDraft, source: ConfigDraft, field: K): void {
  target[field] = source[field];
}

/**
 * The fields that the person and someone else both changed since `base`: redoing the
 * person's changes replaces the other's there.
 *
 * @example
 * bothChanged(base, mine, latest); // ['rules']
 */
export function bothChanged(base: ConfigDraft, mine: ConfigDraft, latest: ConfigDraft): DraftField[] {
  const theirs = new Set(changedFields(base, latest));
  return changedFields(base, mine).filter((field) => theirs.has(field));
}
