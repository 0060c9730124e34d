import type { Schemas } from '../../api.js';

// Written by this section's own change.
export function ReleasePanel(_props: { flagKey: string; environment: Schemas['Environment'] }) {
  return null;
}
