import { RampartApiError, unwrap, type Schemas } from '@rampart/api-client';
import { CliError } from '../cli-error.js';
import { connect, text } from '../command-context.js';
import { planInput } from '../release/plan-input.js';
import { describePlan } from '../release/timeline.js';
import type { Session } from '../session.js';
import { withSuggestions } from '../suggest.js';

type Plan = Schemas['ReleasePlan'];
type Action = 'pause' | 'resume' | 'advance' | 'abort';

/**
 * `rampart release start <flag> --env <env> --steps 1,5,25,50,100 --hold 10m [--rule <id>]
 * [--start-at <time>] [--guard <event> [--guard-action kill|pause]]`.
 */
export async function start(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const environment = text(options, 'env') ?? '';
  const body = planInput({
    steps: text(options, 'steps') ?? '',
    hold: text(options, 'hold') ?? '',
    rule: text(options, 'rule'),
    startAt: text(options, 'startAt'),
    guard: text(options, 'guard'),
    guardAction: text(options, 'guardAction'),
    guardAlpha: text(options, 'guardAlpha'),
    guardMinExposures: text(options, 'guardMinExposures'),
  });
  const session = connect(options);
  const plan = await withSuggestions(session, { flag: key, environment }, () =>
    unwrap(
      session.client.POST('/api/v1/flags/{key}/environments/{env}/release', {
        params: { path: { key, env: environment } },
        body,
      }),
    ),
  );
  show(session, plan, `Release plan started: ${plan.steps.map((step) => step.percentage).join(' → ')} %`);
}

/** `rampart release status <flag> --env <env>`: the plan as a timeline; `--json` gives it as the API does. */
export async function status(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const environment = text(options, 'env') ?? '';
  const session = connect(options);
  const plan = await session.out.progress('reading the release plan', () =>
    planRequest(session, key, environment, () =>
      session.client.GET('/api/v1/flags/{key}/environments/{env}/release', {
        params: { path: { key, env: environment } },
      }),
    ),
  );
  show(session, plan);
}

/** `rampart release pause <flag> --env <env> [--reason <text>]`. */
export const pause = (args: string[], options: Record<string, unknown>) => act('pause', args, options);

/** `rampart release resume <flag> --env <env> [--reason <text>]`. */
export const resume = (args: string[], options: Record<string, unknown>) => act('resume', args, options);

/** `rampart release advance <flag> --env <env> [--reason <text>]`: the next step, now. */
export const advance = (args: string[], options: Record<string, unknown>) => act('advance', args, options);

/** `rampart release abort <flag> --env <env> [--reason <text>]`. */
export const abort = (args: string[], options: Record<string, unknown>) => act('abort', args, options);

const DONE: Record<Action, string> = {
  pause: 'Release plan paused',
  resume: 'Release plan resumed',
  advance: 'Release plan advanced',
  abort: 'Release plan aborted (the current percentage stays)',
};

async function act(action: Action, args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const environment = text(options, 'env') ?? '';
  const reason = text(options, 'reason');
  const session = connect(options);
  const { client } = session;
  const init = { params: { path: { key, env: environment } }, body: reason === undefined ? {} : { reason } };
  const plan = await planRequest(session, key, environment, () => {
    switch (action) {
      case 'pause':
        return client.POST('/api/v1/flags/{key}/environments/{env}/release/pause', init);
      case 'resume':
        return client.POST('/api/v1/flags/{key}/environments/{env}/release/resume', init);
      case 'advance':
        return client.POST('/api/v1/flags/{key}/environments/{env}/release/advance', init);
      case 'abort':
        return client.POST('/api/v1/flags/{key}/environments/{env}/release/abort', init);
    }
  });
  show(session, plan, DONE[action]);
}

/**
 * A request about the flag's plan: a misspelled flag or environment gets the nearest keys, and
 * a flag without a plan says how to start one.
 */
async function planRequest(
  session: Session,
  key: string,
  environment: string,
  request: () => Promise<{ data?: Plan; error?: unknown; response: Response }>,
): Promise<Plan> {
  try {
    return await withSuggestions(session, { flag: key, environment }, () => unwrap(request()));
  } catch (error) {
    if (!(error instanceof RampartApiError) || error.status !== 404) throw error;
    throw new CliError(`${key} has no release plan in ${environment}`, {
      hint: `start one: rampart release start ${key} --env ${environment} --steps 1,5,25,50,100 --hold 10m`,
    });
  }
}

function show({ out }: Session, plan: Plan, headline?: string): void {
  out.data(plan);
  if (headline !== undefined) out.line(headline);
  for (const line of describePlan(plan, out.paint)) out.line(line);
}
