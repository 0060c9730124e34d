import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile';
import { CoreError } from '../errors';
import { evaluate } from '../evaluate';
import { DEFAULT_ROLLOUT_CHAIN, DEFAULT_VARIANT_CHAIN } from '../model';
import { fromUnleashContext } from './context';
import { fromUnleash } from './from-unleash';
import type { UnleashFeature, UnleashStrategy } from './types';

function onlyFlag(feature: UnleashFeature) {
  const [flag] = fromUnleash({ features: [feature] }).flags;
  if (flag === undefined) throw new Error('no flag mapped');
  return flag;
}

function onlyRule(strategy: UnleashStrategy) {
  const [rule] = onlyFlag({ name: 'f', enabled: true, strategies: [strategy] }).rules ?? [];
  if (rule === undefined) throw new Error('no rule mapped');
  return rule;
}

describe('fromUnleash', () => {
  it('refuses a document without a features list, with a typed error', () => {
    for (const document of [null, 'features', {}, { features: {} }]) {
      expect(() => fromUnleash(document)).toThrow(CoreError);
    }
    const thrown = (() => {
      try {
        return fromUnleash({});
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ code: 'invalid_unleash_document' });
  });

  it('maps an empty strategy list to one rule on for everyone', () => {
    expect(onlyFlag({ name: 'f', enabled: true, strategies: [] }).rules).toEqual([
      { id: 'default', conditions: [], rollout: { percentage: 100, bucketBy: DEFAULT_ROLLOUT_CHAIN } },
    ]);
  });

  it('reads percentages as numbers, clamped to 0–100 and floored', () => {
    const at = (rollout: unknown) => onlyRule({ name: 'flexibleRollout', parameters: { rollout } }).rollout.percentage;
    expect([at('33.7'), at(150), at('-5'), at('abc'), at(undefined), at('100')]).toEqual([33, 100, 0, 0, 0, 100]);
  });

  it('maps stickiness to unit chains and groupId to the salt, leaving it absent when missing or empty', () => {
    expect(
      onlyRule({ name: 'flexibleRollout', parameters: { rollout: '5', stickiness: 'default', groupId: 'g' } }).rollout,
    ).toEqual({
      percentage: 5,
      bucketBy: DEFAULT_ROLLOUT_CHAIN,
      salt: 'g',
    });
    expect(
      onlyRule({ name: 'flexibleRollout', parameters: { rollout: '5', stickiness: 'random', groupId: '' } }).rollout,
    ).toEqual({
      percentage: 5,
      bucketBy: ['$random'],
    });
    expect(
      onlyRule({ name: 'flexibleRollout', parameters: { rollout: '5', stickiness: 'tenantId' } }).rollout.bucketBy,
    ).toEqual(['tenantId']);
    expect(
      onlyRule({ name: 'gradualRolloutSessionId', parameters: { percentage: '7', groupId: 's' } }).rollout,
    ).toEqual({
      percentage: 7,
      bucketBy: ['sessionId'],
      salt: 's',
    });
  });

  it('names each rule by its strategy’s title, else by the strategy’s name', () => {
    const flag = onlyFlag({
      name: 'f',
      enabled: true,
      strategies: [
        { id: 's1', name: 'flexibleRollout', title: 'Beta testers', parameters: { rollout: '10' } },
        { id: 's2', name: 'default', title: '' },
        { id: 's3', name: 'userWithId', title: null, parameters: { userIds: '1' } },
      ],
    });
    expect(flag.rules?.map((rule) => [rule.id, rule.name])).toEqual([
      ['s1', 'Beta testers'],
      ['s2', 'default'],
      ['s3', 'userWithId'],
    ]);
  });

  it('keeps custom and applicationHostname strategies off and says why', () => {
    const { flags, notCarried } = fromUnleash({
      features: [
        {
          name: 'f',
          enabled: true,
          strategies: [
            { id: 'a', name: 'myCustom', title: 'Office hours', parameters: { from: '9' } },
            { name: 'applicationHostname', parameters: { hostNames: 'web-1' } },
            { id: 'c', name: 'default' },
          ],
        },
      ],
    });
    expect(flags[0]?.rules?.map((rule) => rule.rollout.percentage)).toEqual([0, 0, 100]);
    expect(notCarried).toEqual([
      {
        flag: 'f',
        ruleId: 'a',
        strategy: { id: 'a', name: 'myCustom', title: 'Office hours' },
        reasons: [{ code: 'custom_strategy', message: expect.stringContaining("custom strategy 'myCustom'") }],
      },
      {
        flag: 'f',
        ruleId: '1',
        strategy: { name: 'applicationHostname' },
        reasons: [{ code: 'unsupported_strategy', message: expect.stringContaining('applicationHostname') }],
      },
    ]);
  });

  it('drops constraints with an unknown operator, keeping the rest of the rule but off', () => {
    const strategy: UnleashStrategy = {
      id: 's',
      name: 'flexibleRollout',
      parameters: { rollout: '50', stickiness: 'userId', groupId: 'g' },
      constraints: [
        { contextName: 'plan', operator: 'IN', values: ['pro'] },
        { contextName: 'region', operator: 'GEO_WITHIN', values: ['eu'] },
      ],
      segments: [3],
    };
    const { flags, notCarried } = fromUnleash({ features: [{ name: 'f', enabled: true, strategies: [strategy] }] });
    expect(flags[0]?.rules?.[0]).toEqual({
      id: 's',
      name: 'flexibleRollout',
      segments: ['unleash-segment-3'],
      conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'], negate: false, caseInsensitive: false }],
      rollout: { percentage: 0, bucketBy: ['userId'], salt: 'g' },
    });
    expect(notCarried.map(({ reasons }) => reasons)).toEqual([
      [{ code: 'unknown_operator', message: 'constraint on \'region\' has an unknown operator: "GEO_WITHIN"' }],
    ]);
  });

  it('reports parameters it cannot read, with every reason of a strategy in one entry', () => {
    const reasonsOf = (strategy: UnleashStrategy) =>
      fromUnleash({ features: [{ name: 'f', strategies: [strategy] }] }).notCarried.flatMap(({ reasons }) => reasons);
    expect(reasonsOf({ name: 'flexibleRollout', parameters: { rollout: 'half' } })).toEqual([
      { code: 'unsupported_parameter', message: 'parameter \'rollout\' is not a number: "half"' },
    ]);
    expect(reasonsOf({ name: 'gradualRolloutRandom' })).toEqual([
      { code: 'unsupported_parameter', message: "parameter 'percentage' is missing" },
    ]);
    expect(reasonsOf({ name: 'userWithId', parameters: { userIds: ['1', '2'] } })).toEqual([
      { code: 'unsupported_parameter', message: 'parameter \'userIds\' is not a comma-separated list: ["1","2"]' },
    ]);
    expect(
      reasonsOf({ name: 'myCustom', constraints: [{ contextName: 'x', operator: 'NEAR' }] }).map(({ code }) => code),
    ).toEqual(['custom_strategy', 'unknown_operator']);
  });

  it('lists nothing for strategies it carries over, whatever their percentage', () => {
    const { notCarried } = fromUnleash({
      features: [
        {
          name: 'f',
          strategies: [
            { name: 'flexibleRollout', parameters: { rollout: '0', stickiness: 'default' } },
            { name: 'gradualRolloutUserId', parameters: { percentage: '150' } },
            { name: 'remoteAddress', parameters: { IPs: '10.0.0.0/8' } },
            { name: 'userWithId', parameters: { userIds: '' } },
            { name: 'default', constraints: [{ contextName: 'v', operator: 'SEMVER_GT', value: '1.0.0' }] },
          ],
        },
        { name: 'g', strategies: [] },
      ],
    });
    expect(notCarried).toEqual([]);
  });

  it('splits, trims and cleans lists; reads single-value operators untouched', () => {
    expect(onlyRule({ name: 'userWithId', parameters: { userIds: ' 1, 2 ,,3' } }).conditions).toEqual([
      { attribute: 'userId', operator: 'in', values: ['1', '2', '3'] },
    ]);
    const rule = onlyRule({
      name: 'default',
      constraints: [
        { contextName: 'plan', operator: 'IN', values: [' pro ', '', 'team'], caseInsensitive: true, inverted: true },
        { contextName: 'anything', operator: 'DATE_AFTER', value: '2025-01-01T00:00:00Z' },
        { contextName: 'email', operator: 'REGEX', value: ' ^a ', caseInsensitive: true },
      ],
    });
    expect(rule.conditions).toEqual([
      { attribute: 'plan', operator: 'in', values: ['pro', 'team'], negate: true, caseInsensitive: false },
      {
        attribute: 'currentTime',
        operator: 'date_after',
        values: ['2025-01-01T00:00:00Z'],
        negate: false,
        caseInsensitive: false,
      },
      { attribute: 'email', operator: 'regex', values: [' ^a '], negate: false, caseInsensitive: true },
    ]);
  });

  it('types the flag from its payloads and reads values as that type', () => {
    const withPayloads = (...payloads: { type: string; value: string }[]) =>
      onlyFlag({
        name: 'f',
        enabled: true,
        variants: payloads.map((payload, i) => ({ name: `v${i}`, weight: 1, payload })),
      });
    expect(withPayloads().type).toBe('boolean');
    expect(withPayloads({ type: 'csv', value: 'a,b' }).type).toBe('string');
    const numbers = withPayloads({ type: 'number', value: '42' }, { type: 'number', value: 'NaN' });
    expect([numbers.type, numbers.variants?.map((v) => v.value)]).toEqual(['number', [42, undefined]]);
    const mixed = withPayloads(
      { type: 'json', value: '{"a":1}' },
      { type: 'string', value: 'x' },
      { type: 'json', value: '{' },
    );
    expect([mixed.type, mixed.variants?.map((v) => v.value)]).toEqual(['json', [{ a: 1 }, 'x', undefined]]);
  });

  it('keeps flag-level variants’ weights, order and overrides, and maps their stickiness', () => {
    const flag = onlyFlag({
      name: 'f',
      enabled: true,
      variants: [
        { name: 'b', weight: 700, stickiness: 'tenantId', overrides: [{ contextName: 'userId', values: ['1'] }] },
        { name: 'a', weight: 300 },
      ],
    });
    expect(flag.variants).toEqual([
      { key: 'b', weight: 700, overrides: [{ attribute: 'userId', values: ['1'] }] },
      { key: 'a', weight: 300 },
    ]);
    expect(flag.variantsBucketBy).toEqual(['tenantId', '$random']);
    expect(
      onlyFlag({ name: 'g', enabled: true, variants: [{ name: 'x', weight: 1, stickiness: 'default' }] })
        .variantsBucketBy,
    ).toEqual(DEFAULT_VARIANT_CHAIN);
  });

  it('drops overrides from strategy variants and buckets them by the strategy’s stickiness', () => {
    const rule = onlyRule({
      name: 'flexibleRollout',
      parameters: { rollout: '100', stickiness: 'sessionId', groupId: 'g' },
      variants: [{ name: 'x', weight: 1, overrides: [{ contextName: 'userId', values: ['1'] }] }],
    });
    expect(rule.variants).toEqual([{ key: 'x', weight: 1 }]);
    expect(rule.variantsBucketBy).toEqual(['sessionId', '$random']);
  });

  it('maps dependencies to prerequisites, "disabled" to null', () => {
    const flag = onlyFlag({
      name: 'f',
      enabled: true,
      dependencies: [
        { feature: 'p', variants: ['a', 'disabled'] },
        { feature: 'q', enabled: false },
      ],
    });
    expect(flag.prerequisites).toEqual([
      { flag: 'p', enabled: true, variants: ['a', null] },
      { flag: 'q', enabled: false },
    ]);
  });

  it('keys segments by their Unleash id and keeps their names', () => {
    const { flags, segments } = fromUnleash({
      features: [{ name: 'f', enabled: true, strategies: [{ name: 'default', segments: [7] }] }],
      segments: [
        { id: 7, name: 'beta testers', constraints: [{ contextName: 'plan', operator: 'IN', values: ['beta'] }] },
      ],
    });
    expect(segments).toEqual([
      { key: 'unleash-segment-7', name: 'beta testers', conditions: [expect.objectContaining({ attribute: 'plan' })] },
    ]);
    expect(flags[0]?.rules?.[0]?.segments).toEqual(['unleash-segment-7']);
  });

  it('marks release and experiment features temporary, operational ones permanent', () => {
    expect(onlyFlag({ name: 'f', enabled: true, type: 'release' }).temporary).toBe(true);
    expect(onlyFlag({ name: 'f', enabled: true, type: 'kill-switch' }).temporary).toBe(false);
  });
});

describe('imported flags', () => {
  it('report the reasons of the model: STATIC, SPLIT, TARGETING_MATCH, DEFAULT for a later default strategy', () => {
    const payload = (value: string) => ({ type: 'string', value });
    const { flags, segments } = fromUnleash({
      features: [
        { name: 'no-strategies', enabled: true, strategies: [] },
        { name: 'default', enabled: true, strategies: [{ name: 'default' }] },
        { name: 'one-variant', enabled: true, variants: [{ name: 'v', weight: 1000, payload: payload('x') }] },
        {
          name: 'two-variants',
          enabled: true,
          variants: [
            { name: 'blue', weight: 500, payload: payload('b') },
            { name: 'red', weight: 500, payload: payload('r') },
          ],
        },
        {
          name: 'gradual',
          enabled: true,
          strategies: [{ name: 'flexibleRollout', parameters: { rollout: '99', stickiness: 'userId' } }],
        },
        {
          name: 'listed-then-default',
          enabled: true,
          strategies: [{ name: 'userWithId', parameters: { userIds: '7' } }, { name: 'default' }],
        },
        { name: 'off', enabled: false, strategies: [] },
      ],
    });
    const compiled = compile({ environment: 'e', version: 1, flags, segments });
    const answer = (key: string, userId = 'u1') => {
      const { enabled, variant, reason } = evaluate(compiled, key, { userId });
      return [key, enabled, variant, reason];
    };
    expect([
      answer('no-strategies'),
      answer('default'),
      answer('one-variant'),
      answer('two-variants'),
      answer('gradual'),
      answer('listed-then-default', '7'),
      answer('listed-then-default'),
      answer('off'),
    ]).toEqual([
      ['no-strategies', true, null, 'STATIC'],
      ['default', true, null, 'STATIC'],
      ['one-variant', true, 'v', 'STATIC'],
      ['two-variants', true, expect.stringMatching(/^(blue|red)$/), 'SPLIT'],
      ['gradual', true, null, 'SPLIT'],
      ['listed-then-default', true, null, 'TARGETING_MATCH'],
      ['listed-then-default', true, null, 'DEFAULT'],
      ['off', false, null, 'DISABLED'],
    ]);
  });

  it('have no default variant, and boolean flags’ variants no value', () => {
    const [flag] = fromUnleash({
      features: [{ name: 'f', enabled: true, variants: [{ name: 'v', weight: 1 }] }],
    }).flags;
    expect(flag).not.toHaveProperty('defaultVariant');
    expect(flag?.type).toBe('boolean');
    expect(flag?.variants).toEqual([{ key: 'v', weight: 1 }]);
  });
});

describe('fromUnleashContext', () => {
  it('flattens properties, reading the well-known fields only from the top level', () => {
    expect(
      fromUnleashContext({
        userId: '42',
        currentTime: new Date(Date.UTC(2026, 0, 2)),
        properties: { plan: 'pro', sessionId: 'ignored', appName: 'from-properties' },
        appName: 'top',
      }),
    ).toEqual({ plan: 'pro', userId: '42', currentTime: '2026-01-02T00:00:00.000Z', appName: 'top' });
  });
});
