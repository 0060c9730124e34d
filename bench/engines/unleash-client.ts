import { once } from 'node:events';
import { InMemStorageProvider, Unleash, type Context } from 'unleash-client';
import type { FeatureInterface } from 'unleash-client/lib/feature';
import { Operator } from 'unleash-client/lib/strategy/strategy';
import { ROLLOUT_PERCENTAGE, STAFF_EMAIL_SUFFIX, TARGET_COUNTRIES, TARGET_ROLLOUT_PERCENTAGE } from '../flags';
import { bindEngine, type CreateEngine } from './engine';

/** The three flags as an Unleash client-API document's `features`. */
export function unleashFeatures(): FeatureInterface[] {
  return [
    { name: 'simple', enabled: true, strategies: [{ name: 'default', parameters: {}, constraints: [] }] },
    {
      name: 'rollout25',
      enabled: true,
      strategies: [
        {
          name: 'flexibleRollout',
          parameters: { rollout: String(ROLLOUT_PERCENTAGE), stickiness: 'userId', groupId: 'rollout25' },
          constraints: [],
        },
      ],
    },
    {
      name: 'targeted',
      enabled: true,
      strategies: [
        {
          name: 'default',
          parameters: {},
          constraints: [
            { contextName: 'email', operator: Operator.STR_ENDS_WITH, values: [STAFF_EMAIL_SUFFIX], inverted: false },
          ],
        },
        {
          name: 'flexibleRollout',
          parameters: { rollout: String(TARGET_ROLLOUT_PERCENTAGE), stickiness: 'userId', groupId: 'targeted' },
          constraints: [
            { contextName: 'country', operator: Operator.IN, values: [...TARGET_COUNTRIES], inverted: false },
          ],
        },
      ],
    },
  ];
}

/**
 * Offline: the features come from `bootstrap.data`; `refreshInterval: 0` turns the poller off
 * (its fetch returns before any request), `disableMetrics` turns off registration and metrics,
 * and the in-memory storage provider keeps the backup file off the disk. The URL is never used.
 */
export const createUnleashEngine: CreateEngine = async (contexts) => {
  const unleash = new Unleash({
    appName: 'rampart-bench',
    url: 'http://unleash.invalid/api/',
    refreshInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: unleashFeatures() },
    skipInstanceCountWarning: true,
  });
  await once(unleash, 'synchronized');
  // Unleash reads custom fields from `properties`; the well-known `userId` stays at the top.
  const native: Context[] = contexts.map(({ userId, email, country }) => ({ userId, properties: { email, country } }));
  return bindEngine(
    native,
    (flagKey, context) => unleash.isEnabled(flagKey, context),
    () => unleash.destroy(),
  );
};
