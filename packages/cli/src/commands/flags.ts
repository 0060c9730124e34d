import { unwrap, type Schemas } from '@rampart/api-client';
import { connect, text } from '../command-context.js';
import type { Paint } from '../output/style.js';
import { withSuggestions } from '../suggest.js';

/** `rampart flags list`: a row per flag, a column per environment. */
export async function listFlags(_args: string[], options: Record<string, unknown>): Promise<void> {
  const session = connect(options);
  const { client, out } = session;
  const environment = text(options, 'env');
  const query = {
    environment,
    tag: text(options, 'tag'),
    q: text(options, 'search'),
    archived: options.archived === true ? ('true' as const) : undefined,
  };
  const [{ flags }, { environments }] = await out.progress('reading flags', () =>
    withSuggestions(session, { environment }, () =>
      Promise.all([
        unwrap(client.GET('/api/v1/flags', { params: { query } })),
        unwrap(client.GET('/api/v1/environments')),
      ]),
    ),
  );
  out.data({ flags });
  if (out.json) return;
  if (flags.length === 0) {
    out.line('No flags match.');
    return;
  }
  const shown = environments.map((e) => e.key).filter((key) => environment === undefined || key === environment);
  out.table(
    ['FLAG', ...shown],
    flags.map((flag) => [flag.key, ...shown.map((key) => describeState(flag.environments[key], out.paint))]),
  );
}

/** `rampart flags get <flag>`: the flag and its configuration in each environment. */
export async function getFlag(args: string[], options: Record<string, unknown>): Promise<void> {
  const [key = ''] = args;
  const session = connect(options);
  const { client, out } = session;
  const flag = await withSuggestions(session, { flag: key }, () =>
    unwrap(client.GET('/api/v1/flags/{key}', { params: { path: { key } } })),
  );
  out.data(flag);
  if (out.json) return;
  out.line(`${out.paint('bold', flag.key)}  ${flag.type}${flag.archived ? '  (archived)' : ''}`);
  if (flag.description !== '') out.line(flag.description);
  const facts = [
    flag.tags.length > 0 ? `tags: ${flag.tags.join(', ')}` : undefined,
    flag.owner !== '' ? `owner: ${flag.owner}` : undefined,
    flag.temporary ? 'temporary' : 'permanent',
    flag.clientSide ? 'client-side' : undefined,
  ].filter((fact) => fact !== undefined);
  out.line(out.paint('dim', facts.join(' · ')));
  for (const [environment, config] of Object.entries(flag.environments)) {
    out.line();
    const state = config.enabled ? out.paint('green', 'on') : out.paint('red', 'off');
    out.line(`${out.paint('bold', environment)}: ${state}  ${out.paint('dim', `version ${config.version}`)}`);
    if (config.rules.length === 0) out.line('  no rules: off for everyone');
    config.rules.forEach((rule, index) => out.line(`  ${index + 1}. ${describeRule(rule)}`));
    if (config.variants.length > 0) {
      out.line(`  variants: ${config.variants.map((v) => `${v.key} (${v.weight})`).join(', ')}`);
    }
    for (const prerequisite of config.prerequisites) {
      out.line(`  requires ${prerequisite.flag} ${prerequisite.enabled === false ? 'off' : 'on'}`);
    }
  }
}

function describeState(state: Schemas['FlagState'] | undefined, paint: Paint): string {
  if (state === undefined) return '';
  return state.enabled ? paint('green', state.summary) : paint('dim', state.summary);
}

/** "beta users, plan in [pro]: 25 % (rule r1)". */
export function describeRule(rule: Schemas['Rule']): string {
  const who = [
    ...(rule.segments ?? []).map((segment) => `segment ${segment}`),
    ...(rule.conditions ?? []).map(
      (c) => `${c.attribute} ${c.negate === true ? 'not ' : ''}${c.operator} [${c.values.join(', ')}]`,
    ),
  ];
  const name = rule.name === undefined ? '' : `${rule.name}: `;
  return `${name}${who.length === 0 ? 'everyone' : who.join(' and ')} at ${rule.rollout.percentage} % (rule ${rule.id})`;
}
