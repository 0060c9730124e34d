import { compile, type Snapshot, type SnapshotFlag } from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientFlagKeys, encodeClientFlags, evaluateClientFlags } from './client-results.js';

const proRule = {
  id: 'rule-secret-pro',
  segments: ['segment-secret-beta'],
  conditions: [{ attribute: 'plan', operator: 'in' as const, values: ['pro'] }],
  rollout: { percentage: 100, bucketBy: ['userId'], salt: 'salt-secret' },
};

function flag(key: string, fields: Partial<SnapshotFlag> = {}): SnapshotFlag {
  return { key, clientSide: true, enabled: true, rules: [proRule], ...fields };
}

function sourceOf(flags: SnapshotFlag[], version = 7) {
  const snapshot: Snapshot = {
    environment: 'production',
    version,
    flags,
    segments: [{ key: 'segment-secret-beta', conditions: [{ attribute: 'country', operator: 'in', values: ['NZ'] }] }],
  };
  return { version, snapshot, compiled: compile(snapshot) };
}

describe('client results', () => {
  it('answers every clientSide flag and nothing else, with the version', () => {
    const source = sourceOf(
      [
        flag('banner'),
        flag('server-only-billing', { clientSide: false }),
        flag('old-promo', { archived: true }),
        flag('theme', { clientSide: undefined }),
      ],
      12,
    );
    const results = evaluateClientFlags(source, { userId: '42', plan: 'pro', country: 'NZ' });
    expect(results).toEqual({
      version: 12,
      flags: { banner: { enabled: true, variant: null, value: true, reason: 'TARGETING_MATCH' } },
    });
    expect(clientFlagKeys(source.snapshot)).toEqual(['banner']);
  });

  it('evaluates the rules for the given context', () => {
    const source = sourceOf([flag('banner')]);
    expect(evaluateClientFlags(source, { userId: '42', plan: 'pro', country: 'NZ' }).flags.banner).toMatchObject({
      enabled: true,
      value: true,
    });
    expect(evaluateClientFlags(source, { userId: '42', plan: 'free', country: 'NZ' }).flags.banner).toEqual({
      enabled: false,
      variant: null,
      value: false,
      reason: 'DEFAULT',
    });
    expect(evaluateClientFlags(source, {}).flags.banner).toMatchObject({ enabled: false, reason: 'DEFAULT' });
  });

  it("gives the chosen variant's value, and no value when there is none", () => {
    const variants = [{ key: 'blue', value: '#00f', weight: 1 }];
    const source = sourceOf([
      flag('colour', { type: 'string', variants }),
      flag('colour-off', { type: 'string', variants, enabled: false }),
      flag('limits', { type: 'json', variants: [{ key: 'big', value: { max: 10 }, weight: 1 }] }),
      flag('unvalued', { type: 'number', variants: [{ key: 'plain', weight: 1 }] }),
    ]);
    const { flags } = evaluateClientFlags(source, { plan: 'pro', country: 'NZ', userId: '42' });
    expect(flags.colour).toEqual({ enabled: true, variant: 'blue', value: '#00f', reason: 'TARGETING_MATCH' });
    expect(flags['colour-off']).toEqual({ enabled: false, variant: null, reason: 'DISABLED' });
    expect(flags.limits).toEqual({ enabled: true, variant: 'big', value: { max: 10 }, reason: 'TARGETING_MATCH' });
    expect(flags.unvalued).toEqual({ enabled: true, variant: 'plain', reason: 'TARGETING_MATCH' });
    expect(Object.hasOwn(flags['colour-off'] ?? {}, 'value')).toBe(false);
  });

  it('gives the default variant and its value when no rule matches, with the flag off', () => {
    const variants = [
      { key: 'blue', value: '#00f', weight: 1 },
      { key: 'grey', value: '#888', weight: 0 },
    ];
    const source = sourceOf([flag('colour', { type: 'string', variants, defaultVariant: 'grey' })]);
    expect(evaluateClientFlags(source, { plan: 'free' }).flags.colour).toEqual({
      enabled: false,
      variant: 'grey',
      value: '#888',
      reason: 'DEFAULT',
    });
    expect(JSON.parse(encodeClientFlags(source, { plan: 'free' }).flags)).toEqual(
      evaluateClientFlags(source, { plan: 'free' }).flags,
    );
  });

  it('never carries rules, segments or rule ids', () => {
    const source = sourceOf([flag('banner'), flag('server-only-billing', { clientSide: false })]);
    const text = JSON.stringify(evaluateClientFlags(source, { userId: '42', plan: 'pro', country: 'NZ' }));
    for (const secret of [
      'rule-secret-pro',
      'segment-secret-beta',
      'salt-secret',
      'plan',
      'country',
      'userId',
      'server-only-billing',
      'rules',
      'segments',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps a flag named __proto__ as an ordinary entry', () => {
    const results = evaluateClientFlags(sourceOf([flag('__proto__', { rules: [] })]), {});
    expect(Object.keys(results.flags)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(results))).toEqual({
      version: 7,
      flags: { ['__proto__']: { enabled: false, variant: null, value: false, reason: 'DEFAULT' } },
    });
  });

  it('encodes exactly the JSON of the results, for any context', () => {
    const variants = [
      { key: 'blue', value: '#00f', weight: 1 },
      { key: 'red', value: '#f00', weight: 2 },
    ];
    const source = sourceOf([
      flag('banner'),
      flag('__proto__', { rules: [] }),
      flag('quote"d', { rules: [{ id: 'r40', rollout: { percentage: 40, bucketBy: ['userId'] } }] }),
      flag('colour', {
        type: 'string',
        variants,
        rules: [{ id: 'r100', rollout: { percentage: 100, bucketBy: ['userId'] } }],
      }),
      flag('colour-off', { type: 'string', variants, enabled: false }),
      flag('server-only', { clientSide: false }),
    ]);
    const context = fc.record(
      { userId: fc.string(), plan: fc.constantFrom('pro', 'free'), country: fc.constantFrom('NZ', 'FR') },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(context, (ctx) => {
        const expected = evaluateClientFlags(source, ctx);
        const encoded = encodeClientFlags(source, ctx);
        expect(encoded.version).toBe(expected.version);
        expect(encoded.flags).toBe(JSON.stringify(expected.flags));
      }),
      { numRuns: 300 },
    );
    expect(encodeClientFlags(sourceOf([]), {}).flags).toBe('{}');
  });
});
