import { RampartApiError, unwrap, type Schemas } from '@rampart/api-client';
import { CliError } from '../cli-error.js';
import { connect, text } from '../command-context.js';
import { formatTime } from '../output/time.js';
import type { Session } from '../session.js';
import { checkEnvironment } from '../suggest.js';
import { didYouMeanId } from '../suggest-id.js';

type Kind = Schemas['CreateKey']['kind'];

/** `rampart keys list`: every key, revoked ones included; never a secret (the API has none to give). */
export async function list(_args: string[], options: Record<string, unknown>): Promise<void> {
  const { client, out } = connect(options);
  const { keys } = await out.progress('reading keys', () => unwrap(client.GET('/api/v1/keys')));
  out.data({ keys });
  if (out.json) return;
  if (keys.length === 0) {
    out.line('No keys.');
    return;
  }
  out.table(
    ['ID', 'KIND', 'ENVIRONMENT', 'NAME', 'CREATED', 'REVOKED'],
    keys.map((key) => [
      key.revokedAt === null ? key.id : out.paint('dim', key.id),
      key.kind,
      key.environment ?? '',
      key.name,
      formatTime(key.createdAt),
      key.revokedAt === null ? '' : out.paint('red', formatTime(key.revokedAt)),
    ]),
  );
}

/** `rampart keys create --kind <kind> [--env <env>] --name <name>`: the secret is printed once. */
export async function create(_args: string[], options: Record<string, unknown>): Promise<void> {
  const kind = kindOf(text(options, 'kind'));
  const environment = text(options, 'env');
  const name = text(options, 'name') ?? '';
  if (kind !== 'admin' && environment === undefined) {
    throw new CliError(`a ${kind} key belongs to one environment: add --env <environment>`, {
      hint: `rampart keys create --kind ${kind} --env production --name ${JSON.stringify(name)}`,
    });
  }
  if (kind === 'admin' && environment !== undefined) {
    throw new CliError('an admin key belongs to no environment: leave out --env');
  }
  const session = connect(options);
  const { client, out } = session;
  const created = await suggestEnvironment(session, environment, () =>
    unwrap(client.POST('/api/v1/keys', { body: { kind, environment, name } })),
  );
  out.data(created);
  const where = created.environment === null ? '' : ` for ${created.environment}`;
  out.line(`Created ${created.kind} key '${created.name}'${where} ${out.paint('dim', `(id ${created.id})`)}`);
  out.line(created.secret);
  out.line(out.paint('yellow', 'This secret will not be shown again: keep it somewhere safe now.'));
}

/** `rampart keys revoke <id>`: the key stops working at once, on every instance. */
export async function revoke(args: string[], options: Record<string, unknown>): Promise<void> {
  const [id = ''] = args;
  const session = connect(options);
  const { client, out } = session;
  let revoked: Schemas['Key'];
  try {
    revoked = await unwrap(client.DELETE('/api/v1/keys/{id}', { params: { path: { id } } }));
  } catch (error) {
    if (!(error instanceof RampartApiError) || error.status !== 404) throw error;
    const { keys } = await unwrap(client.GET('/api/v1/keys'));
    const live = keys.filter((key) => key.revokedAt === null);
    throw new CliError(`there is no key '${id}'`, { hint: didYouMeanId(id, live, 'rampart keys list') });
  }
  out.data(revoked);
  out.line(`Revoked ${revoked.kind} key '${revoked.name}' ${out.paint('dim', `(id ${revoked.id})`)}`);
}

function kindOf(value: string | undefined): Kind {
  if (value === 'admin' || value === 'server' || value === 'client') return value;
  throw new CliError(`--kind: '${value}' is not a kind of key`, { hint: '--kind admin, server or client' });
}

/** The server refuses an unknown environment as invalid (400): say which ones exist. */
async function suggestEnvironment<T>(session: Session, environment: string | undefined, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    const aboutEnvironment =
      error instanceof RampartApiError && error.details.some((detail) => detail.path === 'environment');
    if (environment !== undefined && aboutEnvironment) await checkEnvironment(session, environment);
    throw error;
  }
}
