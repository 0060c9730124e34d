/**
 * The parts of Unleash's client API (`GET /api/client/features`) that the mapping reads.
 * Everything is optional: documents come from other systems and are read defensively.
 */

export interface UnleashConstraint {
  contextName?: string;
  operator?: string;
  values?: unknown[];
  value?: unknown;
  inverted?: boolean;
  caseInsensitive?: boolean;
}

export interface UnleashPayload {
  type?: string;
  value?: unknown;
}

export interface UnleashVariant {
  name?: string;
  weight?: number;
  stickiness?: string;
  payload?: UnleashPayload;
  overrides?: { contextName?: string; values?: unknown[] }[];
}

export interface UnleashStrategy {
  id?: string;
  name?: string;
  /** What people call this strategy in Unleash's UI; optional. */
  title?: string | null;
  parameters?: Record<string, unknown>;
  constraints?: UnleashConstraint[];
  segments?: (number | string)[];
  variants?: UnleashVariant[];
}

export interface UnleashDependency {
  feature?: string;
  enabled?: boolean;
  variants?: string[];
}

export interface UnleashFeature {
  name?: string;
  description?: string | null;
  type?: string;
  enabled?: boolean;
  strategies?: UnleashStrategy[];
  variants?: UnleashVariant[];
  dependencies?: UnleashDependency[];
}

export interface UnleashSegment {
  id?: number | string;
  name?: string;
  description?: string | null;
  constraints?: UnleashConstraint[];
}

export interface UnleashDocument {
  features: UnleashFeature[];
  segments?: UnleashSegment[];
}

/** An Unleash SDK context: well-known fields at the top level, the rest under `properties`. */
export interface UnleashContext {
  userId?: string;
  sessionId?: string;
  remoteAddress?: string;
  currentTime?: string | Date;
  environment?: string;
  appName?: string;
  properties?: Record<string, unknown>;
  [field: string]: unknown;
}
