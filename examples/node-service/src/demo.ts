/**
 * The release, end to end, against a running Rampart (`npm start` at the repository root):
 * creates `new-checkout` (off), a server key, and starts the checkout service with it; then
 * ramps 1 → 5 → 25 → 100 % through the admin API and finally kills the flag, sending requests
 * from many users at each step and printing which checkout they got.
 *
 *   RAMPART_ADMIN_KEY=rpa_... npm run demo -w @rampart/example-node-service
 */
import { createClient } from '@rampart/sdk-node';
import { createCheckoutServer } from './checkout.js';

const RAMPART = (process.env.RAMPART_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
const ADMIN_KEY = process.env.RAMPART_ADMIN_KEY ?? '';
const USERS = 2_000;
const FLAG = 'new-checkout';
const ENVIRONMENT = 'production';

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
}

async function admin(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${RAMPART}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = recordOf(await response.json());
  if (!response.ok && !(response.status === 409 && path === '/flags')) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(answer)}`);
  }
  return answer;
}

/** Asks the service for every user's checkout; counts the answers. */
async function tally(service: string): Promise<{ new: number; old: number }> {
  const counts = { new: 0, old: 0 };
  for (let user = 0; user < USERS; user++) {
    const response = await fetch(`${service}/checkout?user=user-${user}`);
    counts[recordOf(await response.json()).checkout === 'new' ? 'new' : 'old']++;
  }
  return counts;
}

/** Waits until the service's flags have reached the version a change produced. */
async function applied(flags: ReturnType<typeof createClient>, version: number): Promise<void> {
  while ((flags.version ?? 0) < version) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function main(): Promise<void> {
  if (ADMIN_KEY === '') throw new Error('Set RAMPART_ADMIN_KEY to the admin key that `npm start` printed.');
  await admin('POST', '/flags', { key: FLAG, description: 'The new checkout flow' });
  await admin('POST', `/flags/${FLAG}/environments/${ENVIRONMENT}/revive`, { reason: 'demo: start the ramp' });
  const { secret } = await admin('POST', '/keys', {
    kind: 'server',
    environment: ENVIRONMENT,
    name: 'checkout-service demo',
  });

  const flags = createClient({ url: RAMPART, sdkKey: String(secret), context: { appName: 'checkout-service' } });
  console.log(`flags: ${await flags.ready()}`);
  const server = createCheckoutServer(flags).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  const service = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  console.log(`\n${USERS} users per step, ${FLAG} in ${ENVIRONMENT}\n`);
  console.log('step          new   old');
  const step = async (label: string, change: () => Promise<Record<string, unknown>>) => {
    await change();
    const { environments } = await admin('GET', '/environments');
    const current = (Array.isArray(environments) ? environments : []).map(recordOf).find((e) => e.key === ENVIRONMENT);
    await applied(flags, Number(current?.version ?? 0));
    const counts = await tally(service);
    console.log(`${label.padEnd(12)} ${String(counts.new).padStart(5)} ${String(counts.old).padStart(5)}`);
  };
  for (const percentage of [1, 5, 25, 100]) {
    await step(`ramp ${percentage} %`, () =>
      admin('POST', `/flags/${FLAG}/environments/${ENVIRONMENT}/ramp`, { percentage }),
    );
  }
  await step('kill', () =>
    admin('POST', `/flags/${FLAG}/environments/${ENVIRONMENT}/kill`, { reason: 'demo: kill switch' }),
  );

  server.close();
  await flags.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
