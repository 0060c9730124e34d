import type { Schemas } from '../../api.js';

// Written by this section's own change.
export function FlagHeader(_props: { flag: Schemas['FlagWithEnvironments'] }) {
  return null;
}
