import type { ResolvedDeps } from '../deps.js';

/** What write operations use from the app's dependencies. */
export type WriteDeps = Pick<ResolvedDeps, 'store' | 'bus' | 'logger' | 'clock' | 'random'>;
