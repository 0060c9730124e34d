/**
 * A guarded release with traffic: three instances of a checkout service, each with its own
 * `@rampart/sdk-node` client, serve random users; the new checkout (the flag on) fails at one
 * rate and the old one at another, and each failure is reported with `flags.track`. The
 * release plan ramps the flag 10 % → 50 % → 100 % while its guard compares the two arms.
 */
import { createClient, type RampartClient } from '@rampart/sdk-node';
import { recordOf, type Rampart } from './rampart.js';

export const FLAG = 'new-checkout';
export const ENVIRONMENT = 'production';
export const EVENT = 'checkout_error';
const SERVICES = 3;
const USERS = 20_000;
/** Requests per service every 100 ms: 3,000 a second in all. */
const REQUESTS_PER_TICK = 100;

export interface ReleaseOptions {
  rampart: Rampart;
  /** How often each request fails: on the new checkout (the flag on) and on the old one. */
  errorRate: { newCheckout: number; oldCheckout: number };
  /** The new checkout fails at its own rate from this step of the plan on (0: from the start); before, at the old one's. */
  spikeFromStep?: number;
  alpha?: number;
  /** Seeds the users and the failures, so that a run can be repeated. */
  seed?: number;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}

export interface ReleaseOutcome {
  /** The plan as `GET …/release` showed it last. */
  plan: Record<string, unknown>;
  /** When (ms since the start) a read of the plan first showed it killed, and its statistic at or over the threshold. */
  killedAt: number | undefined;
  crossedAt: number | undefined;
  /** Whether a read ever showed the threshold reached while the plan still ran: the guard must act at once. */
  crossedWhileRunning: boolean;
  /** When every service's SDK first answered the flag off for every user asked. */
  offEverywhereAt: number | undefined;
  requests: number;
  failures: number;
}

/** mulberry32: a small seeded generator, so that a run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Creates the flag and a server key, starts the services and the plan, and sends traffic
 * until the plan ends (completed, killed, paused or aborted) or `timeoutMs` passes.
 *
 * @example
 * const outcome = await runGuardedRelease({ rampart, errorRate: { newCheckout: 0.05, oldCheckout: 0.01 } });
 */
export async function runGuardedRelease(options: ReleaseOptions): Promise<ReleaseOutcome> {
  const { rampart, errorRate, spikeFromStep = 0, alpha = 0.01, seed = 1, onProgress = () => undefined } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const random = seeded(seed);
  await rampart.admin('POST', '/flags', { key: FLAG, description: 'The new checkout flow' });
  const { secret } = await rampart.admin('POST', '/keys', {
    kind: 'server',
    environment: ENVIRONMENT,
    name: 'checkout',
  });
  const services: RampartClient[] = Array.from({ length: SERVICES }, () =>
    createClient({ url: rampart.url, sdkKey: String(secret), guardCountsIntervalMs: 500 }),
  );
  await Promise.all(services.map((flags) => flags.ready()));

  const path = `/flags/${FLAG}/environments/${ENVIRONMENT}/release`;
  await rampart.admin('POST', path, {
    steps: [{ percentage: 10, holdSeconds: 6 }, { percentage: 50, holdSeconds: 6 }, { percentage: 100 }],
    guard: { event: EVENT, action: 'kill', alpha, minExposures: 200 },
  });

  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const outcome: ReleaseOutcome = {
    plan: {},
    killedAt: undefined,
    crossedAt: undefined,
    crossedWhileRunning: false,
    offEverywhereAt: undefined,
    requests: 0,
    failures: 0,
  };
  let step = 0;

  // The services' traffic: each request decides locally which checkout the user gets.
  const traffic = setInterval(() => {
    for (const flags of services) {
      for (let i = 0; i < REQUESTS_PER_TICK; i++) {
        const context = { userId: `user-${Math.floor(random() * USERS)}` };
        const onNew = flags.isEnabled(FLAG, context);
        const rate = onNew && step >= spikeFromStep ? errorRate.newCheckout : errorRate.oldCheckout;
        outcome.requests++;
        if (random() < rate) {
          outcome.failures++;
          flags.track(EVENT, context);
        }
      }
    }
  }, 100);

  try {
    for (;;) {
      const plan = await rampart.admin('GET', path);
      outcome.plan = plan;
      step = Number(plan.currentStep ?? 0);
      const guard = recordOf(plan.guard);
      const figures = recordOf(guard.figures);
      const crossed = Number(figures.statistic) >= Number(figures.threshold);
      if (crossed) {
        outcome.crossedAt ??= since();
        if (plan.status === 'running') outcome.crossedWhileRunning = true;
      }
      if (plan.status === 'killed') outcome.killedAt ??= since();
      onProgress(describe(since(), plan, figures));
      if (plan.status === 'killed') {
        // Every service must stop sending users to the new checkout.
        const everyoneOff = services.every((flags) =>
          Array.from({ length: 200 }, (_, i) => flags.isEnabled(FLAG, { userId: `user-${i}` })).every((on) => !on),
        );
        if (everyoneOff) {
          outcome.offEverywhereAt = since();
          break;
        }
      } else if (plan.status !== 'running' && plan.status !== 'scheduled') {
        break;
      }
      if (since() > timeoutMs) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    clearInterval(traffic);
    await Promise.all(services.map((flags) => flags.close()));
  }
  return outcome;
}

function percent(value: unknown): string {
  return typeof value === 'number' ? `${(value * 100).toFixed(2)} %` : '–';
}

function describe(at: number, plan: Record<string, unknown>, figures: Record<string, unknown>): string {
  const steps = Array.isArray(plan.steps) ? plan.steps.map(recordOf) : [];
  const percentage = steps[Number(plan.currentStep ?? 0)]?.percentage ?? '–';
  const exposures = recordOf(figures.exposures);
  const events = recordOf(figures.events);
  const rates = recordOf(figures.rates);
  const statistic = typeof figures.statistic === 'number' ? figures.statistic.toFixed(2) : '–';
  const threshold = typeof figures.threshold === 'number' ? figures.threshold.toFixed(2) : '–';
  return [
    `${(at / 1000).toFixed(1).padStart(5)} s`,
    `${String(plan.status).padEnd(9)}`,
    `at ${String(percentage).padStart(3)} %`,
    `new ${String(events.treatment ?? 0).padStart(4)}/${String(exposures.treatment ?? 0).padEnd(6)} ${percent(rates.treatment).padStart(7)}`,
    `old ${String(events.control ?? 0).padStart(4)}/${String(exposures.control ?? 0).padEnd(6)} ${percent(rates.control).padStart(7)}`,
    `statistic ${statistic} of ${threshold}`,
  ].join('  ');
}
