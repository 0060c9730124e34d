/** The slice of a structured logger (pino's shape) that the app uses; `main.ts` passes pino. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/**
 * A logger that drops everything, for tests and embedding.
 *
 * @example
 * const app = createApp({ ...deps, logger: createSilentLogger() });
 */
export function createSilentLogger(): Logger {
  const drop = (): void => undefined;
  return { debug: drop, info: drop, warn: drop, error: drop };
}
