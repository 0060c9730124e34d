/**
 * A realistic installation for the accessibility checks and the docs' screenshots: a team's
 * flags with tags, targeting rules and segments, a guarded release plan under way with its
 * guard's first figures, a trigger, a kill with its reason, people with each role, keys and a
 * webhook. Made through the API by the people themselves (so the audit log names them), as
 * the team would have made it over a few weeks.
 */
import { eventually } from './people-pages';
import type { Person, RampartServer } from './rampart-server';
import { createFlag, openProductionToEditors, type FlagConfig } from './seed';

export interface Showcase {
  admin: Person;
  editor: Person;
  viewer: Person;
  /** The flag with rules, a guarded release plan and a trigger in production. */
  flag: string;
}

const SEGMENTS = [
  {
    key: 'internal-users',
    name: 'Internal users',
    description: 'Everyone with a company address',
    conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@example.com'] }],
  },
  {
    key: 'beta-testers',
    name: 'Beta testers',
    description: 'Customers who joined the beta programme',
    conditions: [{ attribute: 'plan', operator: 'in', values: ['beta', 'beta-plus'] }],
  },
  {
    key: 'eu-customers',
    name: 'EU customers',
    description: 'Accounts billed in the European Union',
    conditions: [{ attribute: 'country', operator: 'in', values: ['DE', 'FR', 'NL', 'ES', 'IT'] }],
  },
];

/**
 * Fills `rampart` with the showcase's data.
 *
 * @example
 * const { admin, flag } = await createShowcase(rampart);
 */
export async function createShowcase(rampart: RampartServer): Promise<Showcase> {
  const admin = await rampart.createPerson({ email: 'alice@example.com', name: 'Alice Martin', role: 'admin' });
  const editor = await rampart.createPerson({ email: 'priya@example.com', name: 'Priya Patel', role: 'editor' });
  const onCall = await rampart.createPerson({ email: 'omar@example.com', name: 'Omar Okafor', role: 'editor' });
  const viewer = await rampart.createPerson({ email: 'victor@example.com', name: 'Victor Chen', role: 'viewer' });
  const alice = await rampart.as(admin);
  const priya = await rampart.as(editor);
  const omar = await rampart.as(onCall);

  // Alice, the admin, sets the installation up.
  await openProductionToEditors(rampart);
  await alice('POST', '/environments', { key: 'staging', name: 'Staging' });
  const server = await alice<{ secret: string }>('POST', '/keys', {
    kind: 'server',
    environment: 'production',
    name: 'checkout-service',
  });
  await alice('POST', '/keys', { kind: 'client', environment: 'production', name: 'web storefront' });
  await alice('POST', '/keys', { kind: 'admin', name: 'deploy pipeline' });
  const webhook = await alice<{ id: string }>('POST', '/webhooks', {
    url: 'https://hooks.slack.example/services/T000/B000/XXXX',
    events: ['config.killed', 'release.*'],
    environments: ['production'],
    format: 'slack',
  });
  // Nothing leaves this machine: the webhook holds its deliveries.
  await alice('PATCH', `/webhooks/${webhook.id}`, { enabled: false });

  // Priya, a product manager, runs the releases.
  for (const segment of SEGMENTS) await priya('POST', '/segments', segment);
  await createFlag(priya, {
    key: 'dark-mode',
    description: 'Dark theme for the dashboard',
    tags: ['web', 'ui'],
    on: { development: 100, staging: 100, production: 100 },
  });
  await createFlag(priya, {
    key: 'recommendations',
    description: 'Recommended products on the home page',
    tags: ['web', 'ml'],
    temporary: false,
    on: { development: 100, staging: 100, production: 100 },
  });
  await createFlag(priya, {
    key: 'fast-payments',
    description: 'Instant bank transfers at checkout',
    tags: ['checkout', 'payments'],
    on: { development: 100 },
  });
  await createFlag(priya, {
    key: 'search-v2',
    description: 'The new search index',
    tags: ['search'],
    on: { development: 100, staging: 50, production: 10 },
  });
  await createFlag(priya, {
    key: 'new-checkout',
    description: 'The one-page checkout',
    tags: ['checkout', 'web'],
    on: { development: 100, staging: 100 },
  });

  // new-checkout in production: staff and beta testers first, then a guarded plan for everyone.
  const production = await priya<FlagConfig>('GET', '/flags/new-checkout/environments/production');
  await priya(
    'PUT',
    '/flags/new-checkout/environments/production',
    {
      enabled: false,
      rules: [
        { name: 'Staff', segments: ['internal-users'], rollout: { percentage: 100 } },
        { name: 'Beta', segments: ['beta-testers'], rollout: { percentage: 100 } },
      ],
    },
    { 'if-match': `"${production.version}"` },
  );
  await priya('POST', '/flags/new-checkout/environments/production/release', {
    steps: [
      { percentage: 1, holdSeconds: 3600 },
      { percentage: 5, holdSeconds: 3600 },
      { percentage: 25, holdSeconds: 7200 },
      { percentage: 50, holdSeconds: 7200 },
      { percentage: 100 },
    ],
    guard: { event: 'checkout-error' },
  });

  // Omar, on call, wires the alert to a trigger and kills a slow search.
  await omar('POST', '/flags/new-checkout/environments/production/triggers', {
    name: 'checkout-error-rate',
    action: 'kill',
  });
  await omar('POST', '/flags/search-v2/environments/production/kill', { reason: 'search latency above 800 ms' });

  await reportGuardCounts(rampart, server.secret);
  return { admin, editor, viewer, flag: 'new-checkout' };
}

/**
 * What the checkout service's SDK would report after a while at the plan's first step (1 %):
 * about a hundredth of the exposures in treatment, and no more errors there than in control.
 * Waits until the guard has weighed them, so that the release panel shows its figures.
 */
async function reportGuardCounts(rampart: RampartServer, serverKey: string): Promise<void> {
  const sdk = { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' };
  const snapshot = (await (await fetch(`${rampart.url}/api/v1/sdk/flags`, { headers: sdk })).json()) as {
    flags: { key: string; guard?: { batch: string } }[];
  };
  const batch = snapshot.flags.find((flag) => flag.key === 'new-checkout')?.guard?.batch;
  if (batch === undefined) throw new Error('new-checkout carries no guard in the production snapshot');
  const report = await fetch(`${rampart.url}/api/v1/sdk/guard-counts`, {
    method: 'POST',
    headers: sdk,
    body: JSON.stringify({
      counts: [
        {
          flag: 'new-checkout',
          batch,
          treatment: { exposures: 612, events: 9 },
          control: { exposures: 60_488, events: 1_031 },
        },
      ],
      dropped: 0,
    }),
  });
  if (report.status !== 202) throw new Error(`the guard counts answered ${report.status}`);
  await eventually('the guard to weigh the counts', async () => {
    const plan = await rampart.admin<{ guard: { figures: unknown } | null }>(
      'GET',
      '/flags/new-checkout/environments/production/release',
    );
    return plan.guard?.figures ?? undefined;
  });
}
