import type { Clock } from '../base/clock.js';
import type { Logger } from '../base/logger.js';
import type { RandomSource } from '../base/random.js';
import type { ChangeBus } from '../bus/bus.js';
import type { Store } from '../store/store.js';

/** What write operations need from the app's dependencies. */
export interface WriteDeps {
  store: Store;
  /** Where committed changes are announced. */
  bus: ChangeBus;
  clock: Clock;
  logger: Logger;
  random: RandomSource;
}
