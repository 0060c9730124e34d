import type { Schemas } from '../../api.js';

// Written by this section's own change.
export function TriggersPanel(_props: { flagKey: string; environment: Schemas['Environment'] }) {
  return null;
}
