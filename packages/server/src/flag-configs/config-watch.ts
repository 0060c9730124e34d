import type { Change } from '../change/apply-change.js';
import type { EventType } from '../change/events.js';
import type { WriteDeps } from '../change/write-deps.js';
import type { FlagConfigRecord } from '../store/store.js';

/** A configuration that a request changed: as it was, as it is now, and the action audited. */
export interface ConfigWrite {
  before: FlagConfigRecord;
  after: FlagConfigRecord;
  action: EventType;
}

/**
 * Told of every configuration that a request to this feature changes (replace, ramp, kill,
 * revive), inside that change's transaction, after the write and its audit entry: whatever it
 * writes commits or rolls back with the change. This is how another feature reacts to a
 * person's change (a release plan pauses) without this one knowing of it; the wiring passes it in.
 *
 * @example
 * const onConfigChange: ConfigWatcher = async (change, { after }) => {
 *   if (!after.enabled) await change.audit({ action: 'flag.updated', targetKind: 'flag', target: after.flag, before: null, after: null });
 * };
 */
export type ConfigWatcher = (change: Change, write: ConfigWrite) => Promise<void>;

/** What this feature's routes need: the write dependencies, and who to tell of each change. */
export interface FlagConfigDeps extends WriteDeps {
  onConfigChange?: ConfigWatcher | undefined;
}
