import type { CreateEngine } from './engine';

/** Run order: the floor first, then Rampart (the core, then through the Node SDK), then the peers. */
export const ENGINE_NAMES = ['floor', 'rampart', 'sdk-node', 'unleash-client', 'growthbook', 'flagd-core'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(value: string): value is EngineName {
  return ENGINE_NAMES.some((name) => name === value);
}

/** Loads only the named engine, so a child process never loads the other engines' libraries. */
export async function loadEngine(name: EngineName): Promise<CreateEngine> {
  switch (name) {
    case 'floor':
      return (await import('./floor')).createFloorEngine;
    case 'rampart':
      return (await import('./rampart')).createRampartEngine;
    case 'sdk-node':
      return (await import('./sdk-node')).createSdkNodeEngine;
    case 'unleash-client':
      return (await import('./unleash-client')).createUnleashEngine;
    case 'growthbook':
      return (await import('./growthbook')).createGrowthbookEngine;
    case 'flagd-core':
      return (await import('./flagd-core')).createFlagdEngine;
  }
}
