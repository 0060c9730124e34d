import { ProviderEvents } from '@openfeature/server-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeRampart, flag, patchOf, snapshotOf } from '../test-support/fake-rampart.js';
import { RampartProvider } from './provider.js';

const providers: RampartProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.onClose()));
});

/** A provider on a fake Rampart, with the OpenFeature events it emits recorded in order. */
function setup() {
  const rampart = createFakeRampart();
  const provider = new RampartProvider({ url: rampart.url, sdkKey: 'rps_test', platform: rampart.platform });
  providers.push(provider);
  const events: string[] = [];
  for (const event of [ProviderEvents.Ready, ProviderEvents.Stale, ProviderEvents.Error]) {
    provider.events.addHandler(event, () => events.push(event));
  }
  provider.events.addHandler(ProviderEvents.ConfigurationChanged, (details) =>
    events.push(
      `${ProviderEvents.ConfigurationChanged} ${Array.isArray(details?.flagsChanged) ? details.flagsChanged.join(',') : ''}`,
    ),
  );
  return { rampart, provider, events };
}

describe('RampartProvider events', () => {
  it('goes STALE when the flags can no longer be refreshed and READY when they can again', async () => {
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
