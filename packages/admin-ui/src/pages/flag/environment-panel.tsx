import type { Schemas } from '../../api.js';

// Written by this section's own change.
export function EnvironmentPanel(_props: {
  flag: Schemas['FlagWithEnvironments'];
  environment: Schemas['Environment'];
  config: Schemas['FlagConfig'];
}) {
  return null;
}
