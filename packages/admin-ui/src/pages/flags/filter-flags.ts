import type { Schemas } from '../../api.js';

type Flag = Schemas['FlagListItem'];

export interface FlagFilter {
  /** A part of the key, the description or a tag, any case. */
  text: string;
  tag: string;
  /** Only flags on in this environment. */
  onIn: string;
  /** Only flags changed (the flag or a configuration) in the last 7 days. */
  changedThisWeek: boolean;
  /** Only temporary flags on for everyone (100 %) everywhere, unchanged for 30 days: ready to remove. */
  stale: boolean;
}

export const NO_FILTER: FlagFilter = { text: '', tag: '', onIn: '', changedThisWeek: false, stale: false };

const DAY = 86_400_000;

/** The latest change of the flag or any of its configurations, in ms. */
function lastChange(flag: Flag): number {
  return Math.max(Date.parse(flag.updatedAt), ...Object.values(flag.environments).map((s) => Date.parse(s.updatedAt)));
}

/**
 * The flags that pass `filter`, in the list's order. Pure and linear, so 1,000 flags filter in
 * well under a frame.
 *
 * @example
 * filterFlags(flags, { ...NO_FILTER, onIn: 'production' }, Date.now());
 */
export function filterFlags(flags: readonly Flag[], filter: FlagFilter, now: number): Flag[] {
  const text = filter.text.trim().toLowerCase();
  return flags.filter((flag) => {
    if (text !== '') {
      const haystack = `${flag.key}\n${flag.description}\n${flag.tags.join('\n')}`.toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    if (filter.tag !== '' && !flag.tags.includes(filter.tag)) return false;
    if (filter.onIn !== '' && flag.environments[filter.onIn]?.enabled !== true) return false;
    if (filter.changedThisWeek && now - lastChange(flag) > 7 * DAY) return false;
    if (filter.stale) {
      const states = Object.values(flag.environments);
      const everywhere = states.length > 0 && states.every((s) => s.enabled && s.everyone === 100 && s.rules === 1);
      if (!flag.temporary || !everywhere || now - lastChange(flag) < 30 * DAY) return false;
    }
    return true;
  });
}
