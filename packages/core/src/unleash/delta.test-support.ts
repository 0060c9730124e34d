import type { UnleashDocument, UnleashFeature, UnleashSegment } from './types';

/** One event of Unleash's delta API, as the client specification's files 19 and 20 hold them. */
export interface UnleashDeltaEvent {
  type: string;
  features?: UnleashFeature[];
  segments?: UnleashSegment[];
  feature?: UnleashFeature;
  featureName?: string;
  segment?: UnleashSegment;
  segmentId?: number | string;
}

/** Folds delta events, in order, into the client-API document they describe. */
export function documentFromDelta(events: readonly UnleashDeltaEvent[]): UnleashDocument {
  const features = new Map<string, UnleashFeature>();
  const segments = new Map<string, UnleashSegment>();
  for (const event of events) {
    switch (event.type) {
      case 'hydration':
        features.clear();
        segments.clear();
        for (const feature of event.features ?? []) features.set(String(feature.name), feature);
        for (const segment of event.segments ?? []) segments.set(String(segment.id), segment);
        break;
      case 'feature-updated':
        if (event.feature) features.set(String(event.feature.name), event.feature);
        break;
      case 'feature-removed':
        features.delete(String(event.featureName));
        break;
      case 'segment-updated':
        if (event.segment) segments.set(String(event.segment.id), event.segment);
        break;
      case 'segment-removed':
        segments.delete(String(event.segmentId));
        break;
      default:
        throw new Error(`Unknown Unleash delta event type '${event.type}'`);
    }
  }
  return { features: [...features.values()], segments: [...segments.values()] };
}
