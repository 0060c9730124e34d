/**
 * An outage of the real server: killed, kept down for 20 s, and started again with no flag
 * changed. The resumed stream then brings nothing but its opening (the server has nothing
 * after the client's Last-Event-ID), and that alone must make the client ready again.
 */
import { OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RampartClient } from '../src/index.js';
import { RampartProvider } from '../src/openfeature.js';
import { startRampart, type RampartServer } from './support/rampart-server.js';
import { waitFor } from './support/wait.js';

const OUTAGE_MS = 20_000;
const MAX_RECONNECT_DELAY_MS = 2_000;
/**
 * What a loaded machine may add to the client's own delays: timers that fire late, a request
 * that takes a while. It is no part of the requirement, only of measuring it in real time.
 */
const LOADED_MACHINE_MS = 2_000;

let server: RampartServer;
let client: RampartClient | undefined;

beforeAll(async () => {
  server = await startRampart();
  await server.admin('POST', '/flags', { key: 'new-checkout' });
  await server.admin('POST', '/flags/new-checkout/environments/production/ramp', { percentage: 100, enable: true });
  await server.admin('POST', '/flags/new-checkout/environments/production/revive', {});
});

afterAll(async () => {
  await OpenFeature.clearProviders();
  await client?.close();
  await server.dispose();
});

describe('an outage with no flag changed meanwhile', () => {
  it('turns the client degraded as the stream breaks and ready as it resumes; the provider goes STALE then READY', async () => {
    const { secret } = await server.serverKey('production');
    const flags = (client = createClient({
      url: server.url,
      sdkKey: secret,
      timeoutMs: 10_000,
      initialReconnectDelayMs: 500,
      maxReconnectDelayMs: MAX_RECONNECT_DELAY_MS,
      // No poll in this test's time: only the stream can change the status.
      pollIntervalMs: 10 * 60_000,
    }));
    await OpenFeature.setProviderAndWait('outage', new RampartProvider(flags));
    const openFeature = OpenFeature.getClient('outage');
    expect(openFeature.providerStatus).toBe(ProviderStatus.READY);

    // What happened, in order, with when (ms since the server was killed).
    const seen: [string, number][] = [];
    let killedAt = Number.NaN;
    const at = () => Date.now() - killedAt;
    for (const event of [ProviderEvents.Stale, ProviderEvents.Ready, ProviderEvents.ConfigurationChanged]) {
      openFeature.addHandler(event, () => seen.push([event, at()]));
    }
    // A READY handler runs at once for a provider that is ready: that is not this test's event.
    seen.length = 0;
    flags.on('status', ({ status }) => seen.push([status, at()]));

    killedAt = Date.now();
    await server.kill();
    await waitFor('the client to turn degraded', () => flags.status === 'degraded', 10_000);
    expect(openFeature.providerStatus).toBe(ProviderStatus.STALE);
    // The client hears of the kill through its socket, not a timer: a few milliseconds, even
    // with the cores busy. The fake clock holds the same bound exactly (src/client.test.ts).
    const degradedAfter = seen.find(([what]) => what === 'degraded')?.[1] ?? Number.NaN;
    expect(degradedAfter).toBeLessThan(1_000);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - at())));
    expect(flags.status).toBe('degraded');
    await server.restart();
    const backAfter = at();
    await waitFor('the client to turn ready', () => flags.status === 'ready', 30_000);

    const statuses = seen.filter(([what]) => !what.startsWith('PROVIDER_'));
    const providerEvents = seen.filter(([what]) => what.startsWith('PROVIDER_'));
    expect(statuses.map(([what]) => what)).toEqual(['degraded', 'ready']);
    expect(providerEvents.map(([what]) => what)).toEqual([ProviderEvents.Stale, ProviderEvents.Ready]);
    const readyAfter = seen.find(([what]) => what === 'ready')?.[1] ?? Number.NaN;
    expect(readyAfter - backAfter).toBeLessThan(MAX_RECONNECT_DELAY_MS + LOADED_MACHINE_MS);
    expect(openFeature.providerStatus).toBe(ProviderStatus.READY);
    expect(flags.isEnabled('new-checkout', { userId: '1' })).toBe(true);
    expect(await openFeature.getBooleanValue('new-checkout', false, { targetingKey: '1' })).toBe(true);
  }, 120_000);
});
