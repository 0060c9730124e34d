/** Where the app reads the time; tests pass one they move by hand. */
export interface Clock {
  now(): Date;
}

/** The clock of the real world. */
export const systemClock: Clock = { now: () => new Date() };
