import { fromUnleash, type SnapshotFlag, type UnleashImport, type UnleashStrategyNotCarried } from '@rampart/core';
import { validationFailed, type ErrorDetail } from '../base/errors.js';
import { issueDetails } from '../model/issue-details.js';
import { resourceKeySchema } from '../model/common.js';
import { flagConfigInputSchema, type FlagConfigInput } from '../model/flag-config-input.js';
import { createSegmentSchema } from '../segments/index.js';
import type { SegmentInput } from '../segments/index.js';

export interface ImportedFlag {
  flag: SnapshotFlag;
  config: FlagConfigInput;
}

export interface ImportedSegment {
  key: string;
  input: SegmentInput;
}

export interface MappedImport {
  flags: ImportedFlag[];
  segments: ImportedSegment[];
  /** Strategies whose meaning could not be carried over; their rules are imported off (0 %). */
  notCarried: UnleashStrategyNotCarried[];
}

/**
 * Maps an Unleash document with the core mapping and validates the result exactly as the
 * admin API validates writes, with paths such as `flags.new-checkout.rules.0.rollout`.
 * Anything unmappable is a 400, never a 500.
 *
 * @example
 * const mapped = mapUnleashDocument(await request.json());
 */
export function mapUnleashDocument(document: unknown): MappedImport {
  let mapped: UnleashImport;
  try {
    mapped = fromUnleash(document);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'not an Unleash client-API document';
    throw validationFailed([{ path: 'features', message }]);
  }
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  const flags: ImportedFlag[] = [];
  for (const flag of mapped.flags) {
    const prefix = `flags.${flag.key}`;
    const key = resourceKeySchema.safeParse(flag.key);
    if (!key.success) details.push(...prefixed(`${prefix}.key`, issueDetails(key.error.issues)));
    if (seen.has(flag.key)) details.push({ path: prefix, message: `feature '${flag.key}' appears twice` });
    seen.add(flag.key);
    const config = flagConfigInputSchema.safeParse({
      enabled: flag.enabled,
      rules: flag.rules,
      variants: flag.variants,
      variantsBucketBy: flag.variantsBucketBy,
      prerequisites: flag.prerequisites,
    });
    if (config.success) flags.push({ flag, config: config.data });
    else details.push(...prefixed(prefix, issueDetails(config.error.issues)));
  }
  const segments: ImportedSegment[] = [];
  for (const segment of mapped.segments) {
    const parsed = createSegmentSchema.safeParse(segment);
    if (parsed.success) {
      const { key, ...input } = parsed.data;
      segments.push({ key, input });
    } else {
      details.push(...prefixed(`segments.${segment.key}`, issueDetails(parsed.error.issues)));
    }
  }
  if (details.length > 0) throw validationFailed(details);
  return { flags, segments, notCarried: mapped.notCarried };
}

function prefixed(prefix: string, details: readonly ErrorDetail[]): ErrorDetail[] {
  return details.map((detail) => ({
    path: detail.path === '' ? prefix : `${prefix}.${detail.path}`,
    message: detail.message,
  }));
}
