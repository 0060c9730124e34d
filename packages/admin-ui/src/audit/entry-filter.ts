import type { Schemas } from '../api.js';

type Entry = Schemas['AuditEntry'];

/** Filters over the entries already loaded: parts of the actor and of the action, any case. */
export interface EntryFilter {
  actor: string;
  action: string;
}

export const NO_ENTRY_FILTER: EntryFilter = { actor: '', action: '' };

/**
 * The entries whose actor and action contain the filter's text, in their order. `release.`
 * keeps every release event, `ops@` everyone at that address.
 *
 * @example
 * filterEntries(entries, { actor: 'trigger:', action: '' }); // what triggers did
 */
export function filterEntries(entries: readonly Entry[], filter: EntryFilter): Entry[] {
  const actor = filter.actor.trim().toLowerCase();
  const action = filter.action.trim().toLowerCase();
  return entries.filter(
    (entry) =>
      (actor === '' || entry.actor.toLowerCase().includes(actor)) &&
      (action === '' || entry.action.toLowerCase().includes(action)),
  );
}

const VIA: Readonly<Record<NonNullable<Entry['via']>, string>> = {
  ui: 'web UI',
  api: 'API',
  cli: 'CLI',
  key: 'admin key',
  plan: 'release plan',
  trigger: 'trigger',
  system: 'server',
};

/**
 * How a change was made, for people: "web UI", "CLI", "release plan"; `undefined` for entries
 * made before the log recorded it.
 *
 * @example
 * viaText('key'); // 'admin key'
 */
export const viaText = (via: Entry['via']): string | undefined => (via === undefined ? undefined : VIA[via]);

/** The families of actions whose target is a flag's key. */
const FLAG_FAMILIES = new Set(['flag', 'config', 'release', 'trigger']);

/**
 * The flag an entry is about, when it is about one: its page can be linked.
 *
 * @example
 * flagOf({ action: 'config.killed', target: 'new-checkout', ... }); // 'new-checkout'
 */
export function flagOf(entry: Pick<Entry, 'action' | 'target'>): string | undefined {
  return FLAG_FAMILIES.has(entry.action.split('.')[0] ?? '') ? entry.target : undefined;
}
