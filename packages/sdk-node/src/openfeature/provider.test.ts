import { ErrorCode, OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/server-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { RampartClient } from '../client-api.js';
import { createClient } from '../client.js';
import { createFakeRampart, flag, patchOf, snapshotOf } from '../test-support/fake-rampart.js';
import { RampartProvider } from './provider.js';

const providers: RampartProvider[] = [];
const clients: RampartClient[] = [];
afterEach(async () => {
  await OpenFeature.clearProviders();
  await Promise.all(providers.splice(0).map((provider) => provider.onClose()));
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

/** A provider on a fake Rampart, with the OpenFeature events it emits recorded in order. */
function setup() {
  const rampart = createFakeRampart();
  const provider = new RampartProvider({ url: rampart.url, sdkKey: 'rps_test', platform: rampart.platform });
  providers.push(provider);
  const events: string[] = [];
  /** When each READY, STALE and ERROR came, on the fake clock. */
  const times: [string, number][] = [];
  for (const event of [ProviderEvents.Ready, ProviderEvents.Stale, ProviderEvents.Error]) {
    provider.events.addHandler(event, () => {
      events.push(event);
      times.push([event, rampart.platform.now()]);
    });
  }
  provider.events.addHandler(ProviderEvents.ConfigurationChanged, (details) =>
    events.push(
      `${ProviderEvents.ConfigurationChanged} ${Array.isArray(details?.flagsChanged) ? details.flagsChanged.join(',') : ''}`,
    ),
  );
  return { rampart, provider, events, times };
}

/** `initialize()`, answered with a snapshot by the fake server, and how it ended. */
async function initialized(rampart: ReturnType<typeof createFakeRampart>, provider: RampartProvider, version = 1) {
  const outcome = provider.initialize().then(
    () => 'ready',
    (error: unknown) => String(error),
  );
  await rampart.platform.settle();
  rampart.sendSnapshot(snapshotOf(version, [flag('a')]));
  return outcome;
}

const resolveA = (provider: RampartProvider) => provider.resolveBooleanEvaluation('a', false, {});

/** A provider over a client made by the caller, initialised. */
async function initializedOnGivenClient() {
  const rampart = createFakeRampart();
  const client = createClient({ url: rampart.url, sdkKey: 'rps_test', platform: rampart.platform });
  clients.push(client);
  const provider = new RampartProvider(client);
  providers.push(provider);
  expect(await initialized(rampart, provider)).toBe('ready');
  return { client, provider };
}

describe('RampartProvider events', () => {
  it('goes STALE the moment the stream breaks and READY when the resumed stream opens, with no flag change', async () => {
    const { rampart, events, times } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    await rampart.platform.advance(5_000);
    rampart.stream().fail();
    rampart.answers.stream = () => 503;
    await rampart.platform.settle();
    expect(times).toEqual([[ProviderEvents.Stale, 5_000]]);
    // The server is back and current: it opens the resumed stream (at 5.5 s) and sends nothing.
    rampart.answers.stream = () => 200;
    await rampart.platform.advance(500);
    expect(rampart.stream().headers['last-event-id']).toBe('1');
    expect(events).toEqual([`${ProviderEvents.ConfigurationChanged} a`, ProviderEvents.Stale, ProviderEvents.Ready]);
    expect(times).toEqual([
      [ProviderEvents.Stale, 5_000],
      [ProviderEvents.Ready, 5_500],
    ]);
  });

  it('goes READY again when a poll refreshes the flags while the stream stays down', async () => {
    const { rampart, events } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    rampart.dropStream();
    // Polling (every 10 s) fails too: the flags are stale.
    await rampart.platform.advance(10_000);
    rampart.answers.flags = () => 304;
    await rampart.platform.advance(10_000);
    expect(events).toEqual([`${ProviderEvents.ConfigurationChanged} a`, ProviderEvents.Stale, ProviderEvents.Ready]);
  });

  it('names the changed flags in CONFIGURATION_CHANGED, and reports a refused key as STALE then ERROR', async () => {
    const { rampart, events } = setup();
    rampart.sendSnapshot(snapshotOf(1, [flag('a'), flag('b')]));
    rampart.sendPatch(patchOf(2, { flags: [flag('b', { enabled: false })] }));
    rampart.dropStream(401);
    await rampart.platform.advance(1_000);
    expect(events).toEqual([
      `${ProviderEvents.ConfigurationChanged} a,b`,
      `${ProviderEvents.ConfigurationChanged} b`,
      // The flags stay as they were, and will not be refreshed: stale, and an error.
      ProviderEvents.Stale,
      ProviderEvents.Error,
    ]);
  });

  it('fails initialisation when the server does not answer in time', async () => {
    // The stream opens but no snapshot comes.
    const { rampart, provider } = setup();
    const initialized = provider.initialize().then(
      () => 'ready',
      (error: unknown) => String(error),
    );
    await rampart.platform.advance(2_000);
    expect(await initialized).toMatch(/did not answer in time/);
  });
});

describe('RampartProvider lifecycle', () => {
  it('can be initialised again after onClose, on a fresh client, and answers nothing from the closed one', async () => {
    const { rampart, provider, events } = setup();
    expect(await initialized(rampart, provider)).toBe('ready');
    const first = provider.client;
    await provider.onClose();
    expect(first.status).toBe('closed');
    expect(await resolveA(provider)).toMatchObject({ value: false, errorCode: ErrorCode.PROVIDER_NOT_READY });

    expect(await initialized(rampart, provider, 2)).toBe('ready');
    expect(provider.client).not.toBe(first);
    expect(rampart.streams()).toHaveLength(2);
    expect(rampart.stream().headers['last-event-id']).toBeUndefined();
    expect(await resolveA(provider)).toMatchObject({ value: true });
    expect(await resolveA(provider)).not.toHaveProperty('errorCode');
    // The fresh client's events reach OpenFeature; the closed one's listeners are gone.
    rampart.stream().fail();
    await rampart.platform.settle();
    expect(events.slice(-1)).toEqual([ProviderEvents.Stale]);
  });

  it('takes up a client it was given again after onClose, leaving that client open', async () => {
    const { client, provider } = await initializedOnGivenClient();
    await provider.onClose();
    expect(client.status).toBe('ready');
    expect(await resolveA(provider)).toMatchObject({ errorCode: ErrorCode.PROVIDER_NOT_READY });
    await provider.initialize();
    expect(provider.client).toBe(client);
    expect(await resolveA(provider)).toMatchObject({ value: true });
  });

  it('refuses to initialise again, as FATAL, on a client it was given that has since been closed', async () => {
    const { client, provider } = await initializedOnGivenClient();
    await provider.onClose();
    await client.close();
    await expect(provider.initialize()).rejects.toMatchObject({
      code: ErrorCode.PROVIDER_FATAL,
      message: expect.stringMatching(/client given to this provider is closed/),
    });
    expect(await resolveA(provider)).toMatchObject({ value: false, errorCode: ErrorCode.PROVIDER_NOT_READY });
  });

  it('answers PROVIDER_NOT_READY, not from the last flags, once the client it was given is closed', async () => {
    const { client, provider } = await initializedOnGivenClient();
    await client.close();
    expect(client.isEnabled('a')).toBe(true);
    expect(await resolveA(provider)).toMatchObject({ value: false, errorCode: ErrorCode.PROVIDER_NOT_READY });
  });

  it('follows OpenFeature setting it, replacing it (which closes it) and setting it again', async () => {
    const { rampart, provider } = setup();
    const domain = 'lifecycle';
    const set = OpenFeature.setProviderAndWait(domain, provider);
    await rampart.platform.settle();
    rampart.sendSnapshot(snapshotOf(1, [flag('a')]));
    await set;
    const client = OpenFeature.getClient(domain);
    expect(await client.getBooleanValue('a', false)).toBe(true);

    const other = setup();
    const replaced = OpenFeature.setProviderAndWait(domain, other.provider);
    await other.rampart.platform.settle();
    other.rampart.sendSnapshot(snapshotOf(1, []));
    await replaced;
    await rampart.platform.settle();
    expect(rampart.platform.pendingTimers).toBe(0);

    const again = OpenFeature.setProviderAndWait(domain, provider);
    await rampart.platform.settle();
    rampart.sendSnapshot(snapshotOf(2, [flag('a', { enabled: false })]));
    await again;
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    const details = await client.getBooleanDetails('a', true);
    expect(details.value).toBe(false);
    expect(details.errorCode).toBeUndefined();
  });
});

describe('RampartProvider tracking', () => {
  it('counts OpenFeature’s track() for guarded flags, targetingKey as the unit, and nothing once closed', async () => {
    const { rampart, provider } = setup();
    const set = OpenFeature.setProviderAndWait('tracking', provider);
    await rampart.platform.settle();
    const guard = { ruleId: 'everyone', event: 'checkout-error', batch: 'b1' };
    rampart.sendSnapshot(snapshotOf(1, [flag('checkout', { guard })]));
    await set;
    const client = OpenFeature.getClient('tracking');
    expect(await client.getBooleanValue('checkout', false, { targetingKey: 'user-1' })).toBe(true);
    client.track('checkout-error', { targetingKey: 'user-1' }, { value: 12 });
    client.track('checkout-error', { targetingKey: 'user-2' });
    await rampart.platform.advance(5_000);
    expect(rampart.uploaded()).toEqual([
      {
        counts: [
          {
            flag: 'checkout',
            batch: 'b1',
            treatment: { exposures: 1, events: 2 },
            control: { exposures: 0, events: 0 },
          },
        ],
        dropped: 0,
      },
    ]);
    await provider.onClose();
    provider.track('checkout-error', { targetingKey: 'user-3' });
    expect(rampart.uploaded()).toHaveLength(1);
  });
});
