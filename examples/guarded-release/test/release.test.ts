import { afterEach, beforeEach, expect, it } from 'vitest';
import { recordOf, startRampart, type Rampart } from '../src/rampart.js';
import { ENVIRONMENT, FLAG, runGuardedRelease } from '../src/release.js';

let rampart: Rampart;
beforeEach(async () => {
  rampart = await startRampart();
});
afterEach(async () => {
  await rampart.stop();
});

async function auditEntries(): Promise<Record<string, unknown>[]> {
  const audit = await rampart.admin('GET', `/audit?flag=${FLAG}&environment=${ENVIRONMENT}`);
  return Array.isArray(audit.entries) ? audit.entries.map(recordOf) : [];
}

it('kills a release whose new path fails 5 % of requests against 1 % for the old one, with the figures in the audit log', async () => {
  const outcome = await runGuardedRelease({ rampart, errorRate: { newCheckout: 0.05, oldCheckout: 0.01 }, seed: 7 });

  expect(outcome.plan).toMatchObject({ status: 'killed', guard: { decision: 'harm' } });
  // The guard acts in the same step as it decides: no read ever saw the threshold reached
  // while the plan still ran, and the first read that saw it saw the kill.
  expect(outcome.crossedWhileRunning).toBe(false);
  expect(outcome.crossedAt).toBe(outcome.killedAt);
  // Every service's SDK answered the flag off within 10 s of the decision.
  expect(outcome.offEverywhereAt).toBeDefined();
  expect((outcome.offEverywhereAt ?? Infinity) - (outcome.killedAt ?? 0)).toBeLessThanOrEqual(10_000);

  const killed = (await auditEntries()).find((entry) => entry.action === 'release.killed');
  expect(killed?.actor).toMatch(/^release:/);
  const figures = recordOf(recordOf(recordOf(killed?.after).guard).figures);
  expect(figures).toMatchObject({
    exposures: { treatment: expect.any(Number), control: expect.any(Number) },
    events: { treatment: expect.any(Number), control: expect.any(Number) },
    rates: { treatment: expect.any(Number), control: expect.any(Number) },
  });
  expect(Number(figures.statistic)).toBeGreaterThanOrEqual(Number(figures.threshold));
  const rates = recordOf(figures.rates);
  expect(Number(rates.treatment)).toBeGreaterThan(Number(rates.control));
  expect(String(killed?.reason)).toContain(`guard 'checkout_error'`);
});

it('runs the same plan to 100 % without a kill when both paths fail equally often', async () => {
  const outcome = await runGuardedRelease({ rampart, errorRate: { newCheckout: 0.01, oldCheckout: 0.01 }, seed: 11 });

  expect(outcome.plan.status).toBe('completed');
  expect(outcome.killedAt).toBeUndefined();
  // The guard did watch: the SDKs' counts reached it before the plan completed.
  const figures = recordOf(recordOf(outcome.plan.guard).figures);
  expect(Number(recordOf(figures.exposures).treatment)).toBeGreaterThan(0);
  expect(Number(recordOf(figures.exposures).control)).toBeGreaterThan(0);
  expect(Number(figures.statistic)).toBeLessThan(Number(figures.threshold));
  const config = await rampart.admin('GET', `/flags/${FLAG}/environments/${ENVIRONMENT}`);
  expect(config.enabled).toBe(true);
  expect((await auditEntries()).some((entry) => entry.action === 'release.killed')).toBe(false);
});
