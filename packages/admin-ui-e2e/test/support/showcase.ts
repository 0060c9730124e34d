/**
 * A realistic installation for the accessibility checks and the docs' screenshots: a team's
 * flags with tags, targeting rules and segments, a guarded release plan under way, triggers,
 * people with each role, keys and a webhook. Made through the admin API, as the team would
 * have made it over a few weeks.
 */
import type { Person, RampartServer } from './rampart-server';
import { createFlag, openProductionToEditors, type FlagConfig } from './seed';

export interface Showcase {
  admin: Person;
  editor: Person;
  viewer: Person;
  /** The flag with rules, a release plan and triggers, whose page is the flag screen. */
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
  await openProductionToEditors(rampart);
  await rampart.admin('POST', '/environments', { key: 'staging', name: 'Staging' });
  const admin = await rampart.createPerson({ email: 'alice@example.com', name: 'Alice Martin', role: 'admin' });
  const editor = await rampart.createPerson({ email: 'priya@example.com', name: 'Priya Patel', role: 'editor' });
  const viewer = await rampart.createPerson({ email: 'victor@example.com', name: 'Victor Chen', role: 'viewer' });
  for (const segment of SEGMENTS) await rampart.admin('POST', '/segments', segment);

  await createFlag(rampart, {
    key: 'new-checkout',
    description: 'The one-page checkout',
    tags: ['checkout', 'web'],
    on: { development: 100, staging: 100 },
  });
  await createFlag(rampart, {
    key: 'dark-mode',
    description: 'Dark theme for the dashboard',
    tags: ['web', 'ui'],
    on: { development: 100, staging: 100, production: 100 },
  });
  await createFlag(rampart, {
    key: 'search-v2',
    description: 'The new search index',
    tags: ['search'],
    on: { development: 100, staging: 50, production: 10 },
  });
  await createFlag(rampart, {
    key: 'fast-payments',
    description: 'Instant bank transfers at checkout',
    tags: ['checkout', 'payments'],
    on: { development: 100 },
  });
  await createFlag(rampart, {
    key: 'recommendations',
    description: 'Recommended products on the home page',
    tags: ['web', 'ml'],
    temporary: false,
    on: { development: 100, staging: 100, production: 100 },
  });

  // new-checkout in production: internal users and beta testers first, then a guarded release
  // plan for everyone else, under way.
  const production = await rampart.admin<FlagConfig>('GET', '/flags/new-checkout/environments/production');
  await rampart.admin(
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
  await rampart.admin('POST', '/flags/new-checkout/environments/production/release', {
    steps: [
      { percentage: 1, holdSeconds: 3600 },
      { percentage: 5, holdSeconds: 3600 },
      { percentage: 25, holdSeconds: 7200 },
      { percentage: 50, holdSeconds: 7200 },
      { percentage: 100 },
    ],
    guard: { event: 'checkout-error' },
  });
  await rampart.admin('POST', '/flags/new-checkout/environments/production/triggers', {
    name: 'checkout-error-rate',
    action: 'kill',
  });
  await rampart.admin('POST', '/flags/search-v2/environments/production/kill', {
    reason: 'search latency above 800 ms',
  });

  await rampart.admin('POST', '/keys', { kind: 'server', environment: 'production', name: 'checkout-service' });
  await rampart.admin('POST', '/keys', { kind: 'client', environment: 'production', name: 'web storefront' });
  await rampart.admin('POST', '/keys', { kind: 'admin', name: 'deploy pipeline' });
  const webhook = await rampart.admin<{ id: string }>('POST', '/webhooks', {
    url: 'https://hooks.slack.example/services/T000/B000/XXXX',
    events: ['config.killed', 'release.*'],
    environments: ['production'],
    format: 'slack',
  });
  // Nothing leaves this machine: the webhook holds its deliveries.
  await rampart.admin('PATCH', `/webhooks/${webhook.id}`, { enabled: false });

  return { admin, editor, viewer, flag: 'new-checkout' };
}
