import type { WriteDeps } from './write-deps.js';
import { RampartError } from '../base/errors.js';
import type { AuditEntry, AuditVia, NewAuditEntry, StoreWriter, WebhookRecord } from '../store/store.js';
import type { EventType } from './events.js';
import { queueEvents } from './outbox.js';

/** An audit entry as a write describes it; the change adds when and who. */
export type AuditInput = Omit<NewAuditEntry, 'at' | 'actor' | 'via' | 'action'> & { action: EventType };

/** Who acts, and how (a person through the UI, the API or the CLI; a key, plan or trigger on its own). */
export interface ChangeActor {
  name: string;
  via: AuditVia;
}

/** An actor, or only its name (tests, and writes that record no `via`). */
export type Who = ChangeActor | string;

/** The name of `who`, as audited. */
export function nameOf(who: Who): string {
  return typeof who === 'string' ? who : who.name;
}

/** One write in progress: the transaction, who acts, and what to audit and publish. */
export interface Change {
  readonly tx: StoreWriter;
  /** The actor's name, as audited. */
  readonly actor: string;
  /** The time of the change, as ISO 8601. */
  readonly at: string;
  /** Appends the audit entry and queues its event for every webhook that receives it. */
  audit(entry: AuditInput): Promise<AuditEntry>;
  /** The flag's data in `environment` changed: bump that environment. */
  flagChanged(environment: string, flag: string): void;
  /** A segment changed; segments are global, so every environment is bumped. */
  segmentChanged(segment: string): void;
}

export interface ChangeOptions {
  /** Do everything, then roll back: nothing is stored, audited or published. */
  dryRun?: boolean;
}

type ChangeDeps = Pick<WriteDeps, 'store' | 'bus' | 'logger' | 'clock' | 'random'>;

/**
 * Runs `work` in one store transaction; every audit entry's event is queued for the webhooks
 * that receive it in the same transaction (change/outbox.ts); before committing, bumps the
 * version of every environment the work touched (recording which flags and segments changed),
 * and after the commit announces the new versions on the bus, without waiting for it. Work
 * that throws leaves no trace.
 *
 * @example
 * await applyChange(deps, 'ops', async (change) => {
 *   await change.tx.putFlagConfig(next);
 *   await change.audit({ action: 'config.killed', targetKind: 'flag', target: 'a', environment: 'production', before, after });
 *   change.flagChanged('production', 'a');
 * });
 */
export async function applyChange<T>(
  deps: ChangeDeps,
  who: Who,
  work: (change: Change) => Promise<T>,
  options: ChangeOptions = {},
): Promise<T> {
  const actor = nameOf(who);
  const via = typeof who === 'string' ? undefined : who.via;
  const published: { environment: string; version: number }[] = [];
  // A dry run does all the work, then rolls it back by throwing this and keeps the result.
  const rollback = new RampartError('internal', 'dry run rolled back');
  let dryResult: { value: T } | undefined;
  const transaction = deps.store.transaction(async (tx) => {
    published.length = 0;
    const at = deps.clock.now().toISOString();
    const flagsByEnvironment = new Map<string, Set<string>>();
    const segments = new Set<string>();
    // Read once per change, when it audits first: an import audits hundreds of entries.
    let webhooks: WebhookRecord[] | undefined;
    const change: Change = {
      tx,
      actor,
      at,
      audit: async (entry) => {
        const appended = await tx.appendAudit({ ...entry, at, actor, ...(via === undefined ? {} : { via }) });
        webhooks ??= await tx.listWebhooks();
        await queueEvents(tx, appended, webhooks, deps.random);
        return appended;
      },
      flagChanged(environment, flag) {
        const set = flagsByEnvironment.get(environment) ?? new Set<string>();
        set.add(flag);
        flagsByEnvironment.set(environment, set);
      },
      segmentChanged(segment) {
        segments.add(segment);
      },
    };
    const value = await work(change);
    const environments =
      segments.size > 0 ? (await tx.listEnvironments()).map((e) => e.key) : [...flagsByEnvironment.keys()];
    for (const environment of environments) {
      const flags = [...(flagsByEnvironment.get(environment) ?? [])];
      const version = await tx.bumpVersion(environment, { flags, segments: [...segments] });
      published.push({ environment, version });
    }
    if (options.dryRun === true) {
      dryResult = { value };
      throw rollback;
    }
    return value;
  });
  let result: T;
  try {
    result = await transaction;
  } catch (error) {
    if (error === rollback && dryResult !== undefined) return dryResult.value;
    throw error;
  }
  // The store is the truth and the bus only a hint: the answer never waits on the bus (a
  // stalled Redis would hold it), and a message that is lost is made up for by every
  // instance's poll of the store's versions (delivery/environment-cache.ts).
  for (const message of published)
    deps.bus
      .publish(message)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not announce a change'));
  return result;
}
