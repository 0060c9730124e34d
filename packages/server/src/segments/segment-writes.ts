import type { Condition } from '@rampart/core';
import { RampartError } from '../base/errors.js';
import { toJsonValue } from '../model/json-value.js';
import { stableJson } from '../base/stable-json.js';
import type { SegmentRecord, StoreWriter } from '../store/store.js';
import { quoteList } from '../model/config-problems.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import type { WriteDeps } from '../change/write-deps.js';

export interface SegmentInput {
  name?: string | undefined;
  description?: string | undefined;
  conditions: Condition[];
}

/**
 * Creates a segment. Segments are global, so every environment's version moves.
 *
 * @example
 * await createSegment(deps, 'ops', 'internal-users', { conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'] }] });
 */
export async function createSegment(
  deps: WriteDeps,
  actor: Who,
  key: string,
  input: SegmentInput,
): Promise<SegmentRecord> {
  return applyChange(deps, actor, (change) => createSegmentInChange(change, key, input));
}

/**
 * {@link createSegment}'s work inside a change that is already running.
 *
 * @example
 * await applyChange(deps, 'ops', (change) => createSegmentInChange(change, 'beta', { conditions: [] }));
 */
export async function createSegmentInChange(change: Change, key: string, input: SegmentInput): Promise<SegmentRecord> {
  if ((await change.tx.getSegment(key)) !== undefined)
    throw new RampartError('conflict', `segment '${key}' already exists`);
  const segment: SegmentRecord = {
    key,
    name: input.name ?? key,
    description: input.description ?? '',
    conditions: input.conditions,
    createdAt: change.at,
    updatedAt: change.at,
  };
  await change.tx.insertSegment(segment);
  await change.audit({
    action: 'segment.created',
    targetKind: 'segment',
    target: key,
    before: null,
    after: segmentJson(segment),
  });
  change.segmentChanged(key);
  return segment;
}

/**
 * Replaces a segment's name, description and conditions.
 *
 * @example
 * await replaceSegment(deps, 'ops', 'internal-users', { conditions: [] });
 */
export async function replaceSegment(
  deps: WriteDeps,
  actor: Who,
  key: string,
  input: SegmentInput,
): Promise<SegmentRecord> {
  return applyChange(deps, actor, (change) => replaceSegmentInChange(change, key, input));
}

/**
 * {@link replaceSegment}'s work inside a change that is already running.
 *
 * @example
 * await applyChange(deps, 'ops', (change) => replaceSegmentInChange(change, 'beta', { conditions: [] }));
 */
export async function replaceSegmentInChange(change: Change, key: string, input: SegmentInput): Promise<SegmentRecord> {
  const current = await requireSegment(change.tx, key);
  const next: SegmentRecord = {
    ...current,
    name: input.name ?? key,
    description: input.description ?? '',
    conditions: input.conditions,
  };
  if (stableJson(next) === stableJson(current)) return current;
  const saved = { ...next, updatedAt: change.at };
  await change.tx.updateSegment(saved);
  await change.audit({
    action: 'segment.updated',
    targetKind: 'segment',
    target: key,
    before: segmentJson(current),
    after: segmentJson(saved),
  });
  change.segmentChanged(key);
  return saved;
}

/**
 * Deletes a segment that no rule names (409 naming the flags otherwise, archived ones included,
 * so that restoring a flag never brings back a rule with a missing segment).
 *
 * @example
 * await deleteSegment(deps, 'ops', 'internal-users');
 */
export async function deleteSegment(deps: WriteDeps, actor: Who, key: string): Promise<SegmentRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await requireSegment(change.tx, key);
    const users = (await change.tx.listFlagConfigs())
      .filter((config) => config.rules.some((rule) => (rule.segments ?? []).includes(key)))
      .map((config) => `${config.flag} (${config.environment})`);
    if (users.length > 0) throw new RampartError('conflict', `segment '${key}' is used by ${quoteList(users)}`);
    await change.tx.deleteSegment(key);
    await change.audit({
      action: 'segment.deleted',
      targetKind: 'segment',
      target: key,
      before: segmentJson(current),
      after: null,
    });
    change.segmentChanged(key);
    return current;
  });
}

async function requireSegment(tx: StoreWriter, key: string): Promise<SegmentRecord> {
  const segment = await tx.getSegment(key);
  if (segment === undefined) throw new RampartError('not_found', `segment '${key}' does not exist`);
  return segment;
}

function segmentJson(segment: SegmentRecord) {
  return toJsonValue(segment) ?? null;
}
