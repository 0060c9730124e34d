import type { Logger } from './logger.js';

/** Told after a commit that an environment reached a new version; SDK delivery listens to it. */
export interface Notifier {
  published(environment: string, version: number): void;
}

export interface Publication {
  environment: string;
  version: number;
}

export interface RecordingNotifier extends Notifier {
  /** Every publication, in order. */
  readonly publications: readonly Publication[];
}

/**
 * An in-process notifier that remembers what it was told.
 *
 * @example
 * const notifier = createRecordingNotifier();
 * notifier.published('production', 3);
 * notifier.publications; // [{ environment: 'production', version: 3 }]
 */
export function createRecordingNotifier(): RecordingNotifier {
  const publications: Publication[] = [];
  return {
    publications,
    published(environment, version) {
      publications.push({ environment, version });
    },
  };
}

/**
 * A notifier that only logs each publication (at debug level), for a server with no
 * listeners yet; it keeps nothing in memory.
 *
 * @example
 * const notifier = createLoggingNotifier(logger);
 */
export function createLoggingNotifier(logger: Pick<Logger, 'debug'>): Notifier {
  return {
    published(environment, version) {
      logger.debug({ environment, version }, 'published');
    },
  };
}
