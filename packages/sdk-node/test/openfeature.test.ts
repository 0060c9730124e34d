import { OpenFeature, ProviderEvents, type EventDetails } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RampartProvider } from '../src/openfeature.js';
import { startRampart, type RampartServer } from './support/rampart-server.js';
import { waitFor } from './support/wait.js';

let server: RampartServer;

beforeAll(async () => {
  server = await startRampart();
  await server.admin('POST', '/flags', { key: 'new-checkout' });
  await server.admin('POST', '/flags/new-checkout/environments/production/ramp', { percentage: 100, enable: true });
  await server.admin('POST', '/flags/new-checkout/environments/production/revive', {});
  await server.admin('POST', '/flags', { key: 'layout', type: 'string' });
  await server.admin(
    'PUT',
    '/flags/layout/environments/production',
    {
      enabled: true,
      rules: [{ conditions: [{ attribute: 'userId', operator: 'in', values: ['42'] }], rollout: { percentage: 100 } }],
      variants: [
        { key: 'wide', value: 'wide', weight: 1 },
        { key: 'classic', value: 'classic', weight: 0 },
      ],
      defaultVariant: 'classic',
    },
    { 'if-match': '"1"' },
  );
  const { secret } = await server.serverKey('production');
  await OpenFeature.setProviderAndWait(
    new RampartProvider({ url: server.url, sdkKey: secret, initialReconnectDelayMs: 50, timeoutMs: 10_000 }),
  );
});

afterAll(async () => {
  await OpenFeature.close();
  await server.dispose();
});

describe('RampartProvider through @openfeature/server-sdk', () => {
  it('resolves booleans and strings with reason and variant, targetingKey as userId', async () => {
    const client = OpenFeature.getClient();
    expect(await client.getBooleanDetails('new-checkout', false, { targetingKey: '1' })).toMatchObject({
      value: true,
      reason: 'STATIC',
    });
    expect(await client.getStringDetails('layout', 'narrow', { targetingKey: '42' })).toMatchObject({
      value: 'wide',
      variant: 'wide',
      reason: 'TARGETING_MATCH',
    });
  });

  it("resolves the default variant's value where no rule matches, with reason DEFAULT", async () => {
    const details = await OpenFeature.getClient().getStringDetails('layout', 'narrow', { targetingKey: '7' });
    expect(details).toMatchObject({ value: 'classic', variant: 'classic', reason: 'DEFAULT' });
    expect(details.errorCode).toBeUndefined();
  });

  it('answers the default with FLAG_NOT_FOUND or TYPE_MISMATCH', async () => {
    const client = OpenFeature.getClient();
    expect(await client.getBooleanDetails('missing', true)).toMatchObject({ value: true, errorCode: 'FLAG_NOT_FOUND' });
    expect(await client.getNumberDetails('new-checkout', 3)).toMatchObject({ value: 3, errorCode: 'TYPE_MISMATCH' });
  });

  it('emits CONFIGURATION_CHANGED naming the changed flag', async () => {
    const changed: string[][] = [];
    const handler = (details?: EventDetails) =>
      changed.push(Array.isArray(details?.flagsChanged) ? details.flagsChanged : []);
    OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, handler);
    await server.admin('POST', '/flags/new-checkout/environments/production/kill', {});
    await waitFor('the change event', () => changed.some((flags) => flags.includes('new-checkout')), 10_000);
    OpenFeature.removeHandler(ProviderEvents.ConfigurationChanged, handler);
    expect(await OpenFeature.getClient().getBooleanValue('new-checkout', true, { targetingKey: '1' })).toBe(false);
  });
});
