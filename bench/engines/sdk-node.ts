import { createClient } from '@rampart/sdk-node';
import { bindEngine, type CreateEngine } from './engine';
import { rampartSnapshot } from './rampart';

/**
 * The Node SDK's `isEnabled`, answering from the same snapshot as the Rampart engine (given as
 * `bootstrap`), so the difference between the two is the client's own cost per call. The
 * client points at a port where nothing listens: it never receives anything, and its
 * reconnection timers stay off the timed path.
 */
export const createSdkNodeEngine: CreateEngine = async (contexts) => {
  const flags = createClient({
    url: 'http://127.0.0.1:9',
    sdkKey: 'rps_bench',
    bootstrap: rampartSnapshot(),
    timeoutMs: 1,
    initialReconnectDelayMs: 60_000,
  });
  await flags.ready();
  return bindEngine(contexts, (flagKey, context) => flags.isEnabled(flagKey, context), () => void flags.close());
};
