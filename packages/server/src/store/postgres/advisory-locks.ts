/**
 * The advisory locks Rampart takes, as (space, id) pairs: the space is "ramp" in ASCII, so
 * the locks stay apart from any an application sharing the database might take.
 */
export const LOCK_SPACE = 0x72616d70;

/** Held (per session) while migrations run: instances starting together take turns. */
export const MIGRATION_LOCK = 1;

/** Held (per transaction) by every write transaction: writes run one after another. */
export const WRITE_LOCK = 2;
