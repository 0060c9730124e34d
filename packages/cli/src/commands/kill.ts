import { unwrap } from '@rampart/api-client';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { connect, text } from '../command-context.js';
import { withSuggestions } from '../suggest.js';

type Action = 'kill' | 'revive';

/** `rampart kill <flag> --env <env> | --all-envs [--reason <text>]`. */
export const kill = (args: string[], options: Record<string, unknown>) => act('kill', args, options);

/** `rampart revive <flag> --env <env> | --all-envs [--reason <text>]`. */
export const revive = (args: string[], options: Record<string, unknown>) => act('revive', args, options);

async function act(action: Action, args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const environment = text(options, 'env');
  const everywhere = options.allEnvs === true;
  if (environment === undefined && !everywhere) {
    throw new CliError(`say where: --env <environment>, or --all-envs`, {
      hint: `rampart ${action} ${key} --env production`,
      exitCode: EXIT.usage,
    });
  }
  const session = connect(options);
  const { client, out } = session;
  const reason = text(options, 'reason');
  const body = reason === undefined ? {} : { reason };
  const done = action === 'kill' ? 'killed' : 'revived';
  if (environment !== undefined) {
    const path = { key, env: environment };
    const config = await withSuggestions(session, { flag: key, environment }, () =>
      unwrap(
        action === 'kill'
          ? client.POST('/api/v1/flags/{key}/environments/{env}/kill', { params: { path }, body })
          : client.POST('/api/v1/flags/{key}/environments/{env}/revive', { params: { path }, body }),
      ),
    );
    out.data(config);
    out.line(`${key} ${done} in ${environment} ${out.paint('dim', `(version ${config.version})`)}`);
    return;
  }
  const result = await withSuggestions(session, { flag: key }, () =>
    unwrap(
      action === 'kill'
        ? client.POST('/api/v1/flags/{key}/kill', { params: { path: { key } }, body })
        : client.POST('/api/v1/flags/{key}/revive', { params: { path: { key } }, body }),
    ),
  );
  out.data(result);
  out.line(`${key} ${done} in every environment`);
}
