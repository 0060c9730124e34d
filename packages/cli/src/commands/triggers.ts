import { RampartApiError, unwrap, type Schemas } from '@rampart/api-client';
import { CliError } from '../cli-error.js';
import { connect, text } from '../command-context.js';
import { formatTime } from '../output/time.js';
import { withSuggestions } from '../suggest.js';
import { didYouMeanId } from '../suggest-id.js';

type Action = Schemas['CreateTrigger']['action'];

/** `rampart triggers list <flag> --env <env>`: the flag's triggers there, never their URLs. */
export async function list(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const environment = text(options, 'env') ?? '';
  const session = connect(options);
  const { client, out } = session;
  const { triggers } = await out.progress('reading triggers', () =>
    withSuggestions(session, { flag: key, environment }, () =>
      unwrap(
        client.GET('/api/v1/flags/{key}/environments/{env}/triggers', { params: { path: { key, env: environment } } }),
      ),
    ),
  );
  out.data({ triggers });
  if (out.json) return;
  if (triggers.length === 0) {
    out.line(`${key} has no triggers in ${environment}.`);
    return;
  }
  out.table(
    ['ID', 'NAME', 'ACTION', 'CREATED BY', 'CREATED', 'LAST CALLED'],
    triggers.map((trigger) => [
      trigger.id,
      trigger.name,
      trigger.action,
      trigger.createdBy,
      formatTime(trigger.createdAt),
      trigger.lastFiredAt === null ? out.paint('dim', 'never') : formatTime(trigger.lastFiredAt),
    ]),
  );
}

/** `rampart triggers create <flag> --env <env> --name <name> [--action kill|revive]`: the URL is printed once. */
export async function create(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const environment = text(options, 'env') ?? '';
  const body = { name: text(options, 'name') ?? '', action: actionOf(text(options, 'action')) };
  const session = connect(options);
  const { client, out } = session;
  const trigger = await withSuggestions(session, { flag: key, environment }, () =>
    unwrap(
      client.POST('/api/v1/flags/{key}/environments/{env}/triggers', {
        params: { path: { key, env: environment } },
        body,
      }),
    ),
  );
  out.data(trigger);
  out.line(
    `Created trigger '${trigger.name}': a POST to this URL will ${trigger.action} ${key} in ${environment} ` +
      out.paint('dim', `(id ${trigger.id})`),
  );
  out.line(trigger.url);
  out.line(
    out.paint('yellow', 'This URL is the credential and will not be shown again: give it to your alerting tool now.'),
  );
}

/** `rampart triggers revoke <flag> <id> --env <env>`: its URL stops working at once. */
export async function revoke(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = '', id = ''] = args;
  const environment = text(options, 'env') ?? '';
  const session = connect(options);
  const { client, out } = session;
  const path = { key, env: environment, id };
  let revoked: Schemas['Trigger'];
  try {
    revoked = await withSuggestions(session, { flag: key, environment }, () =>
      unwrap(client.DELETE('/api/v1/flags/{key}/environments/{env}/triggers/{id}', { params: { path } })),
    );
  } catch (error) {
    if (!(error instanceof RampartApiError) || error.status !== 404) throw error;
    const { triggers } = await unwrap(
      client.GET('/api/v1/flags/{key}/environments/{env}/triggers', { params: { path: { key, env: environment } } }),
    );
    throw new CliError(`${key} has no trigger '${id}' in ${environment}`, {
      hint: didYouMeanId(id, triggers, `rampart triggers list ${key} --env ${environment}`),
    });
  }
  out.data(revoked);
  out.line(`Revoked trigger '${revoked.name}' of ${key} in ${environment} ${out.paint('dim', `(id ${revoked.id})`)}`);
}

function actionOf(value: string | undefined): Action {
  if (value === undefined || value === 'kill') return 'kill';
  if (value === 'revive') return value;
  throw new CliError(`--action: '${value}' is not an action`, { hint: '--action kill or --action revive' });
}
