import { Command, InvalidArgumentError, Option, type CommanderError } from 'commander';
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { VERSION } from './version.js';

/** A command's work: its arguments, then its options merged with the global ones; returns the exit code. */
type Handler = (args: string[], options: Record<string, unknown>) => Promise<unknown>;

/** Loads the command's module only when it runs, so `rampart --help` starts fast. */
type Load = () => Promise<Handler>;

const percentage = (value: string): string => {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) throw new InvalidArgumentError('a number from 0 to 100');
  return value;
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Every command, its arguments and options, and where its work lives. `run` calls `onAction`
 * with the chosen command's handler.
 */
export function createProgram(
  onAction: (load: Load, args: string[], options: Record<string, unknown>) => void,
): Command {
  const program = new Command('rampart')
    .description("Rampart's command line: flags, releases and keys, and flags as code")
    .version(VERSION, '-v, --version')
    .option('--json', 'print JSON for machines (errors go to stderr, also as JSON)')
    .option('--profile <name>', 'the profile to use (default: $RAMPART_PROFILE, else the current one)')
    .showSuggestionAfterError()
    .configureHelp({ showGlobalOptions: true })
    // Before the subcommands, which inherit them.
    .exitOverride()
    .addHelpText(
      'after',
      `
Credentials: \`rampart login --url <url>\` keeps a token per profile in the user's configuration
directory (mode 0600); RAMPART_URL and RAMPART_TOKEN override it (for CI).

${EXIT_CODES_HELP}`,
    );

  const action = (load: Load) =>
    function (this: Command, ...args: unknown[]) {
      const positional = args.slice(0, this.registeredArguments.length).flat() as string[];
      onAction(load, positional, this.optsWithGlobals());
    };
  const dryRun = new Option('--dry-run', 'print the HTTP request that would be sent, and send nothing');
  const env = (description = 'the environment') => new Option('-e, --env <env>', description);

  program
    .command('login')
    .description('check a token and keep it in a profile (asks for it, or reads it from stdin)')
    .requiredOption('--url <url>', "the server's URL, e.g. https://flags.example.com")
    .action(action(async () => (await import('./commands/login.js')).login));
  program
    .command('logout')
    .description('forget the profile')
    .action(action(async () => (await import('./commands/login.js')).logout));
  program
    .command('profiles')
    .description('list the profiles (the current one is marked)')
    .action(action(async () => (await import('./commands/login.js')).listProfiles));

  const flags = program.command('flags').description('list and read flags');
  flags
    .command('list')
    .description('every flag with its state in each environment')
    .addOption(env('only this environment'))
    .option('--tag <tag>', 'only flags with this tag')
    .option('-q, --search <text>', 'only flags whose key or description contains it')
    .option('--archived', 'archived flags instead of live ones')
    .action(action(async () => (await import('./commands/flags.js')).listFlags));
  flags
    .command('get')
    .description('a flag with its configuration in every environment')
    .argument('<flag>')
    .action(action(async () => (await import('./commands/flags.js')).getFlag));

  for (const [name, what] of [
    ['kill', 'turn a flag off for everyone'],
    ['revive', 'turn a killed flag back on (its rules apply again)'],
  ] as const) {
    program
      .command(name)
      .description(`${what}, in one environment or in all of them`)
      .argument('<flag>')
      .addOption(env().conflicts('allEnvs'))
      .option('--all-envs', 'in every environment at once')
      .option('--reason <text>', 'why; kept in the audit log')
      .addOption(dryRun)
      .action(action(async () => (await import('./commands/kill.js'))[name]));
  }

  program
    .command('ramp')
    .description('set the rollout percentage of the flag\'s "everyone" rule (or of --rule)')
    .argument('<flag>')
    .argument('<percentage>', 'from 0 to 100, at most three decimals', percentage)
    .addOption(env().makeOptionMandatory())
    .option('--rule <id>', 'the rule to ramp')
    .option('--enable', 'also turn the flag on if it is off')
    .option('--keep-off', 'ramp it while it stays off')
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/ramp.js')).ramp));

  const release = program.command('release').description('release plans: ramps that advance on their own');
  release
    .command('start')
    .description('start a release plan: --steps 1,5,25,50,100 --hold 10m')
    .argument('<flag>')
    .addOption(env().makeOptionMandatory())
    .requiredOption('--steps <percentages>', 'comma-separated percentages, e.g. 1,5,25,50,100')
    .requiredOption('--hold <duration>', 'how long each step holds before the next: 90s, 10m, 2h, 1d')
    .option('--rule <id>', 'the rule to roll out (default: the "everyone" rule)')
    .option('--start-at <time>', 'when the first step applies (ISO 8601; default now)')
    .option('--guard <event>', 'watch this event and act when the release raises its rate')
    .addOption(
      new Option('--guard-action <action>', 'with --guard: what it does on harm')
        .choices(['kill', 'pause'])
        .default('kill'),
    )
    .option('--guard-alpha <level>', 'with --guard: its significance level, in (0, 0.5]', '0.05')
    .option('--guard-min-exposures <count>', 'with --guard: exposures per arm before it judges', '500')
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/release.js')).start));
  release
    .command('status')
    .description("the plan's steps, where it stands and its guard's figures")
    .argument('<flag>')
    .addOption(env().makeOptionMandatory())
    .action(action(async () => (await import('./commands/release.js')).status));
  for (const [name, what] of [
    ['pause', 'stop advancing (the current percentage stays)'],
    ['resume', 'advance again'],
    ['advance', 'apply the next step now'],
    ['abort', 'end the plan (the current percentage stays)'],
  ] as const) {
    release
      .command(name)
      .description(what)
      .argument('<flag>')
      .addOption(env().makeOptionMandatory())
      .option('--reason <text>', 'why; kept in the audit log')
      .addOption(dryRun)
      .action(action(async () => (await import('./commands/release.js'))[name]));
  }

  program
    .command('audit')
    .description('the audit log, newest first; --follow keeps printing new entries')
    .option('--flag <flag>', 'only entries about this flag')
    .addOption(env('only entries in this environment'))
    .option('-n, --limit <count>', 'how many entries (1–500)', '20')
    .option('-f, --follow', 'then print entries as they are made, until interrupted')
    .addHelpText(
      'after',
      `
With --follow, the page is printed oldest first, then each new entry on one line as it is made;
with --json, every entry is one JSON object on its own line (NDJSON). It reconnects by itself
when the connection drops, missing nothing, and stops on Ctrl-C (exit 0).`,
    )
    .action(action(async () => (await import('./commands/audit.js')).audit));
  program
    .command('watch')
    .description('print changes as they happen (from the live audit stream), until interrupted')
    .option('--flag <flag>', 'only changes to this flag')
    .addOption(env('only changes in this environment'))
    .addHelpText(
      'after',
      `
One line per change, e.g.
  12:03:04  alice@example.com (cli)  config.killed  new-checkout in production — "errors up"
With --json, one JSON object per line (NDJSON): the audit entry as \`rampart audit --json\` gives it.
It reconnects by itself when the connection drops, missing nothing, and stops on Ctrl-C (exit 0).`,
    )
    .action(action(async () => (await import('./commands/audit.js')).watch));

  program
    .command('eval')
    .description('evaluate a flag for a context, as the SDKs do; exit 0 when on, 1 when off')
    .argument('<flag>')
    .addOption(env().makeOptionMandatory())
    .option('-c, --context <key=value>', 'a context attribute; repeat it: -c userId=42 -c plan=pro', collect)
    .addHelpText(
      'after',
      `
Context values: true and false are booleans, a number that reads back the same (42, -1.5) is a
number, anything else a string; key= is the empty string. It reads the flag, its prerequisites
and the segments from the server and evaluates locally, as the SDKs do.
Exit codes: 0 on, 1 off, 3 it could not be evaluated (unknown flag or environment, archived
flag, server unreachable, token refused).`,
    )
    .action(action(async () => (await import('./commands/eval.js')).evaluate));

  const keys = program.command('keys').description('API keys');
  keys
    .command('list')
    .description('every key (never its secret)')
    .action(action(async () => (await import('./commands/keys.js')).list));
  keys
    .command('create')
    .description('create a key; its secret is printed once')
    .addOption(
      new Option('--kind <kind>', 'admin, server or client')
        .choices(['admin', 'server', 'client'])
        .makeOptionMandatory(),
    )
    .addOption(env('the environment (server and client keys)'))
    .requiredOption('--name <name>', 'what the key is for')
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/keys.js')).create));
  keys
    .command('revoke')
    .description('revoke a key at once, on every instance')
    .argument('<id>')
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/keys.js')).revoke));

  const triggers = program.command('triggers').description("a flag's trigger URLs, for alerting tools");
  triggers
    .command('list')
    .argument('<flag>')
    .addOption(env().makeOptionMandatory())
    .action(action(async () => (await import('./commands/triggers.js')).list));
  triggers
    .command('create')
    .description('create a trigger URL; it is printed once')
    .argument('<flag>')
    .addOption(env().makeOptionMandatory())
    .requiredOption('--name <name>', 'e.g. high-error-rate')
    .addOption(new Option('--action <action>', 'what a call does').choices(['kill', 'revive']).default('kill'))
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/triggers.js')).create));
  triggers
    .command('revoke')
    .argument('<flag>')
    .argument('<id>')
    .addOption(env().makeOptionMandatory())
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/triggers.js')).revoke));

  program
    .command('export')
    .description('write flags, segments and configurations as a flags-as-code file (YAML)')
    .option('-e, --env <env...>', 'only these environments')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(action(async () => (await import('./commands/code.js')).exportFlags));
  program
    .command('plan')
    .description('show what apply would change; exit 0 nothing, 2 changes pending, 1 error')
    .requiredOption('-f, --file <file>', 'the flags-as-code file')
    .option('--out <file>', 'also write the plan, to apply exactly it later with apply --plan')
    .action(action(async () => (await import('./commands/code.js')).plan));
  program
    .command('apply')
    .description('make the server match the file, in one transaction')
    .option('-f, --file <file>', 'the flags-as-code file')
    .option('--plan <file>', 'apply a plan written by plan --out (fails if the server changed since)')
    .option('-y, --yes', 'do not ask for confirmation (a terminal asks; CI never does)')
    .option('--reason <text>', 'kept in the audit log')
    .addOption(dryRun)
    .action(action(async () => (await import('./commands/code.js')).apply));
  program
    .command('schema')
    .description("print the flags-as-code file's JSON Schema, for editors to complete and check it")
    .action(action(async () => (await import('./commands/code.js')).schema));

  return program;
}

/** Commander's own exits (help, version) keep their code; usage errors exit 64. */
export function exitCodeOf(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
  if (error.code === 'commander.help') return EXIT.ok;
  return EXIT.usage;
}
