/** The exit codes, as `rampart --help` lists them. */
export const EXIT = {
  /** Done; `eval`: the flag is on; `plan`: nothing to change. */
  ok: 0,
  /** It failed (the message says why and what to do); `eval`: the flag is off. */
  failed: 1,
  /** `plan`: changes are pending. */
  changesPending: 2,
  /** `eval`: the flag could not be evaluated (unknown flag or environment, server unreachable). */
  evalError: 3,
  /** The command line itself is wrong: an unknown command or option, a missing argument. */
  usage: 64,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0   done; eval: the flag is on; plan: nothing to change
  1   failed (the message says why); eval: the flag is off
  2   plan: changes are pending
  3   eval: the flag could not be evaluated
  64  the command line is wrong (unknown command or option, missing argument)`;
