import { unwrap } from '@rampart/api-client';
import { connect, text } from '../command-context.js';
import { withSuggestions } from '../suggest.js';

/** `rampart ramp <flag> <percentage> --env <env> [--rule <id>] [--enable | --keep-off]`. */
export async function ramp(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = '', percentage = ''] = args;
  const session = connect(options);
  const { client, out } = session;
  const environment = text(options, 'env') ?? '';
  const ruleId = text(options, 'rule');
  const enable = options.enable === true ? true : options.keepOff === true ? false : undefined;
  const body = { percentage: Number(percentage), ruleId, enable };
  const config = await withSuggestions(session, { flag: key, environment }, () =>
    unwrap(
      client.POST('/api/v1/flags/{key}/environments/{env}/ramp', { params: { path: { key, env: environment } }, body }),
    ),
  );
  out.data(config);
  const state = config.enabled ? 'on' : 'off';
  out.line(`${key} in ${environment}: ${percentage} % (${state}) ${out.paint('dim', `(version ${config.version})`)}`);
}
