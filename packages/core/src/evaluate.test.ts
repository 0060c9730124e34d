import { describe, expect, it } from 'vitest';
import { rolloutPosition, rolloutSalt } from './bucketing';
import { compile } from './compile/compile';
import { evaluate } from './evaluate';
import type { EvaluationContext, Rule, SnapshotFlag } from './model';
import { flagOf, snapshotOf } from './test-support/snapshot';

function evaluateOne(flag: SnapshotFlag, context: EvaluationContext = {}, others: SnapshotFlag[] = []) {
  return evaluate(compile(snapshotOf([flag, ...others])), flag.key, context);
}

const everyone: Rule = { id: 'everyone', rollout: { percentage: 100 } };

describe('evaluate', () => {
  it('answers FLAG_NOT_FOUND for an unknown flag', () => {
    expect(evaluate(compile(snapshotOf([])), 'missing', {})).toEqual({
      flagKey: 'missing',
      enabled: false,
      variant: null,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
  });

  it('treats an archived flag as not found', () => {
    expect(evaluateOne(flagOf('old', { archived: true })).errorCode).toBe('FLAG_NOT_FOUND');
  });

  it('serves off to everyone when the kill switch is off, whatever the rules say', () => {
    expect(evaluateOne(flagOf('f', { enabled: false }), { userId: '1' })).toEqual({
      flagKey: 'f',
      enabled: false,
      variant: null,
      value: false,
      reason: 'DISABLED',
    });
  });

  it('is off for everyone with no rules', () => {
    expect(evaluateOne(flagOf('f', { rules: [] })).reason).toBe('DEFAULT');
  });

  it('turns on with the first matching rule, in order', () => {
    const flag = flagOf('f', {
      rules: [
        {
          id: 'pro',
          conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }],
          rollout: { percentage: 100 },
        },
        { ...everyone, id: 'rest' },
      ],
    });
    expect(evaluateOne(flag, { plan: 'pro' })).toMatchObject({
      enabled: true,
      ruleId: 'pro',
      reason: 'TARGETING_MATCH',
    });
    expect(evaluateOne(flag, { plan: 'free' })).toMatchObject({ enabled: true, ruleId: 'rest' });
  });

  it('needs every condition of a rule to hold', () => {
    const flag = flagOf('f', {
      rules: [
        {
          id: 'r',
          conditions: [
            { attribute: 'plan', operator: 'in', values: ['pro'] },
            { attribute: 'country', operator: 'in', values: ['NO'] },
          ],
          rollout: { percentage: 100 },
        },
      ],
    });
    expect(evaluateOne(flag, { plan: 'pro', country: 'NO' }).enabled).toBe(true);
    expect(evaluateOne(flag, { plan: 'pro', country: 'SE' }).enabled).toBe(false);
  });

  describe('segments', () => {
    const segment = {
      key: 'staff',
      conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@rampart.dev'] }],
    };

    it('applies a segment’s conditions', () => {
      const flag = flagOf('f', { rules: [{ id: 'r', segments: ['staff'], rollout: { percentage: 100 } }] });
      const compiled = compile(snapshotOf([flag], [segment]));
      expect(evaluate(compiled, 'f', { email: 'ana@rampart.dev' }).enabled).toBe(true);
      expect(evaluate(compiled, 'f', { email: 'ana@example.com' }).enabled).toBe(false);
    });

    it('never matches a rule that names a missing segment', () => {
      const flag = flagOf('f', { rules: [{ id: 'r', segments: ['gone'], rollout: { percentage: 100 } }] });
      expect(evaluate(compile(snapshotOf([flag], [segment])), 'f', { email: 'ana@rampart.dev' }).enabled).toBe(false);
    });
  });

  describe('rollouts', () => {
    it('admits a unit exactly when its position is below the threshold', () => {
      const position = rolloutPosition(rolloutSalt('f'), 'u1');
      const at = (percentage: number) =>
        evaluateOne(flagOf('f', { rules: [{ id: 'r', rollout: { percentage, bucketBy: ['userId'] } }] }), {
          userId: 'u1',
        });
      expect(at(position / 1000).enabled).toBe(false);
      expect(at((position + 1) / 1000)).toMatchObject({ enabled: true, reason: 'SPLIT' });
      expect(at(0).enabled).toBe(false);
    });

    it('salts with the flag key when the salt is absent, and with the empty string when it is empty', () => {
      const unit = 'u7';
      const keyPosition = rolloutPosition(rolloutSalt('f'), unit);
      const emptyPosition = rolloutPosition(rolloutSalt(''), unit);
      const percentage = (Math.min(keyPosition, emptyPosition) + 1) / 1000;
      const absent = flagOf('f', { rules: [{ id: 'r', rollout: { percentage, bucketBy: ['userId'] } }] });
      const empty = flagOf('f', { rules: [{ id: 'r', rollout: { percentage, bucketBy: ['userId'], salt: '' } }] });
      expect(evaluateOne(absent, { userId: unit }).enabled).toBe(keyPosition < percentage * 1000);
      expect(evaluateOne(empty, { userId: unit }).enabled).toBe(emptyPosition < percentage * 1000);
      expect(keyPosition < percentage * 1000).not.toBe(emptyPosition < percentage * 1000);
    });

    it('skips empty attributes in the unit chain, and fails when nothing resolves', () => {
      const flag = flagOf('f', {
        rules: [{ id: 'r', rollout: { percentage: 100, bucketBy: ['userId', 'sessionId'] } }],
      });
      expect(evaluateOne(flag, { userId: '', sessionId: 's1' }).enabled).toBe(true);
      expect(evaluateOne(flag, { userId: '' }).enabled).toBe(false);
      expect(evaluateOne(flag, {}).enabled).toBe(false);
    });

    it('draws a fresh unit for $random on each evaluation', () => {
      const draws = [0.1, 0.9];
      let call = 0;
      const compiled = compile(
        snapshotOf([flagOf('f', { rules: [{ id: 'r', rollout: { percentage: 50, bucketBy: ['$random'] } }] })]),
        {
          random: () => draws[call++ % draws.length] ?? 0,
        },
      );
      const answers = new Set(Array.from({ length: 40 }, () => evaluate(compiled, 'f', {}).enabled));
      expect(call).toBe(40);
      expect(answers.size).toBe(2);
    });

    it('reads numbers and booleans as String(value)', () => {
      const flag = flagOf('f', { rules: [{ id: 'r', rollout: { percentage: 37, bucketBy: ['userId'] } }] });
      expect(evaluateOne(flag, { userId: 1.0 }).enabled).toBe(evaluateOne(flag, { userId: '1' }).enabled);
    });
  });

  describe('variants', () => {
    const variants = [
      { key: 'blue', value: 'b', weight: 1, overrides: [{ attribute: 'userId', values: ['vip'] }] },
      { key: 'green', value: 'g', weight: 0 },
      { key: 'red', value: 'r', weight: 1 },
    ];

    it('picks flag-level variants by weight with the flag key as salt, and reports SPLIT', () => {
      const flag = flagOf('f', { type: 'string', variants, variantsBucketBy: ['userId'] });
      const picks = new Set<string | null>();
      for (let i = 0; i < 200; i++) {
        const result = evaluateOne(flag, { userId: `u${i}` });
        expect(result.reason).toBe('SPLIT');
        expect(result.value).toBe(result.variant === 'blue' ? 'b' : 'r');
        picks.add(result.variant);
      }
      expect([...picks].sort()).toEqual(['blue', 'red']);
    });

    it('pins a context to an override’s variant, whatever the weights', () => {
      const flag = flagOf('f', {
        type: 'string',
        variants: variants.map((v) => ({ ...v, weight: v.key === 'red' ? 1 : 0 })),
      });
      expect(evaluateOne(flag, { userId: 'vip' })).toMatchObject({
        variant: 'blue',
        value: 'b',
        reason: 'TARGETING_MATCH',
      });
    });

    it('prefers a rule’s variants and does not fall back when all their weights are 0', () => {
      const ruleVariants = [{ key: 'rule-only', value: 'x', weight: 0 }];
      const flag = flagOf('f', { type: 'string', variants, rules: [{ ...everyone, variants: ruleVariants }] });
      expect(evaluateOne(flag, { userId: 'vip' })).toMatchObject({ enabled: true, variant: null, reason: 'STATIC' });
      expect(evaluateOne(flag, { userId: 'vip' }).value).toBeUndefined();
    });

    it('uses a rule’s variants, salted with the rule’s salt', () => {
      const ruleVariants = [
        { key: 'a', value: 'x', weight: 1 },
        { key: 'b', value: 'y', weight: 1 },
      ];
      const rule = (salt: string): Rule => ({
        id: 'r',
        rollout: { percentage: 100, bucketBy: ['userId'], salt },
        variants: ruleVariants,
      });
      const assignments = (salt: string) =>
        Array.from(
          { length: 100 },
          (_, i) => evaluateOne(flagOf('f', { type: 'string', rules: [rule(salt)] }), { userId: `u${i}` }).variant,
        );
      expect(assignments('one')).toEqual(assignments('one'));
      expect(assignments('one')).not.toEqual(assignments('two'));
    });

    it('gives no variant when the variant chain resolves nothing', () => {
      const flag = flagOf('f', { type: 'string', variants, variantsBucketBy: ['accountId'] });
      expect(evaluateOne(flag, { userId: 'u1' })).toMatchObject({ enabled: true, variant: null });
    });

    it('always carries value = enabled for boolean flags, and no value for others when off', () => {
      expect(evaluateOne(flagOf('b', { rules: [] })).value).toBe(false);
      expect(evaluateOne(flagOf('b')).value).toBe(true);
      expect(evaluateOne(flagOf('s', { type: 'string', variants, rules: [] })).value).toBeUndefined();
    });

    it('hands out frozen results and values, so no caller can change another’s answer', () => {
      const flag = flagOf('j', { type: 'json', variants: [{ key: 'v', value: { limit: 3 }, weight: 1 }] });
      const result = evaluateOne(flag, { userId: 'u' });
      expect(Object.isFrozen(result)).toBe(true);
      expect(Object.isFrozen(result.value)).toBe(true);
      expect(result.value).toEqual({ limit: 3 });
    });
  });

  describe('prerequisites', () => {
    const parent = flagOf('parent', { type: 'string', variants: [{ key: 'a', value: 'x', weight: 1 }] });
    const off = flagOf('off-parent', { enabled: false });
    const child = (prerequisites: SnapshotFlag['prerequisites']) => flagOf('child', { prerequisites });

    it('needs an enabled parent, with a listed variant when variants are given', () => {
      expect(evaluateOne(child([{ flag: 'parent' }]), { userId: 'u' }, [parent]).enabled).toBe(true);
      expect(evaluateOne(child([{ flag: 'parent', variants: ['a'] }]), { userId: 'u' }, [parent]).enabled).toBe(true);
      expect(evaluateOne(child([{ flag: 'parent', variants: [] }]), { userId: 'u' }, [parent]).enabled).toBe(true);
      expect(evaluateOne(child([{ flag: 'parent', variants: ['b'] }]), { userId: 'u' }, [parent])).toMatchObject({
        enabled: false,
        reason: 'PREREQUISITE_FAILED',
      });
    });

    it('reads null in the variant list as "on with no variant"', () => {
      const plain = flagOf('plain');
      expect(evaluateOne(child([{ flag: 'plain', variants: [null] }]), {}, [plain]).enabled).toBe(true);
      expect(evaluateOne(child([{ flag: 'parent', variants: [null] }]), { userId: 'u' }, [parent]).enabled).toBe(false);
    });

    it('needs the parent off with enabled: false', () => {
      expect(evaluateOne(child([{ flag: 'off-parent', enabled: false }]), {}, [off]).enabled).toBe(true);
      expect(evaluateOne(child([{ flag: 'parent', enabled: false }]), { userId: 'u' }, [parent]).enabled).toBe(false);
    });

    it('fails on a missing or archived parent, and on a parent with prerequisites of its own', () => {
      expect(evaluateOne(child([{ flag: 'nowhere' }])).reason).toBe('PREREQUISITE_FAILED');
      expect(evaluateOne(child([{ flag: 'gone' }]), {}, [flagOf('gone', { archived: true })]).reason).toBe(
        'PREREQUISITE_FAILED',
      );
      const middle = flagOf('middle', { prerequisites: [{ flag: 'plain' }] });
      expect(evaluateOne(child([{ flag: 'middle' }]), {}, [middle, flagOf('plain')]).reason).toBe(
        'PREREQUISITE_FAILED',
      );
    });

    it('checks prerequisites before the kill switch', () => {
      expect(evaluateOne(flagOf('child', { enabled: false, prerequisites: [{ flag: 'nowhere' }] })).reason).toBe(
        'PREREQUISITE_FAILED',
      );
    });
  });

  describe('base context', () => {
    const rule: Rule = {
      id: 'checkout-app',
      conditions: [{ attribute: 'appName', operator: 'in', values: ['checkout'] }],
      rollout: { percentage: 100 },
    };
    const compiled = compile(snapshotOf([flagOf('f', { rules: [rule] })]), { baseContext: { appName: 'checkout' } });

    it('reads an attribute that the call lacks from the base context', () => {
      expect(evaluate(compiled, 'f', { userId: 'u' }).enabled).toBe(true);
      expect(evaluate(compiled, 'f', { userId: 'u', appName: null }).enabled).toBe(true);
    });

    it('evaluates a call without a context against the base alone', () => {
      expect(evaluate(compiled, 'f')).toEqual(evaluate(compiled, 'f', {}));
      expect(evaluate(compiled, 'f').enabled).toBe(true);
      expect(evaluate(compile(snapshotOf([flagOf('f', { rules: [rule] })])), 'f').enabled).toBe(false);
    });

    it('lets the call’s own value win over the base', () => {
      expect(evaluate(compiled, 'f', { userId: 'u', appName: 'billing' }).enabled).toBe(false);
    });

    it('buckets by a unit from the base when the call has none', () => {
      const byTenant = compile(
        snapshotOf([flagOf('t', { rules: [{ id: 'r', rollout: { percentage: 100, bucketBy: ['tenantId'] } }] })]),
        {
          baseContext: { tenantId: 'acme' },
        },
      );
      expect(evaluate(byTenant, 't', {}).enabled).toBe(true);
      expect(
        evaluate(
          compile(
            snapshotOf([flagOf('t', { rules: [{ id: 'r', rollout: { percentage: 100, bucketBy: ['tenantId'] } }] })]),
          ),
          't',
          {},
        ).enabled,
      ).toBe(false);
    });
  });

  describe('defensive evaluation', () => {
    it('never matches a structurally malformed rule, and goes on to the next', () => {
      const malformed = [
        { id: 'no-rollout' },
        { id: 'bad-percentage', rollout: { percentage: 'fifty' } },
        { id: 'bad-conditions', conditions: 'plan=pro', rollout: { percentage: 100 } },
        null,
      ];
      const flag = { key: 'f', enabled: true, rules: [...malformed, { id: 'good', rollout: { percentage: 100 } }] };
      // Snapshots arrive as JSON: compile must take whatever shape it is handed.
      const compiled = compile(JSON.parse(JSON.stringify(snapshotOf([flag as unknown as SnapshotFlag]))));
      expect(evaluate(compiled, 'f', { userId: 'u' }).ruleId).toBe('good');
    });

    it('makes an unknown operator false even when negated', () => {
      const rule = (negate: boolean): Rule => ({
        id: 'r',
        conditions: [{ attribute: 'a', operator: 'teleports', values: [], negate }],
        rollout: { percentage: 100 },
      });
      expect(evaluateOne(flagOf('f', { rules: [rule(false)] }), { a: 'x' }).enabled).toBe(false);
      expect(evaluateOne(flagOf('f', { rules: [rule(true)] }), { a: 'x' }).enabled).toBe(false);
    });

    it('reads inherited and non-primitive context values as missing', () => {
      const rule: Rule = {
        id: 'r',
        conditions: [{ attribute: 'constructor', operator: 'str_contains', values: ['function'] }],
        rollout: { percentage: 100 },
      };
      expect(evaluateOne(flagOf('f', { rules: [rule] }), {}).enabled).toBe(false);
      const bare = Object.create(null) as EvaluationContext;
      expect(evaluateOne(flagOf('f'), bare).enabled).toBe(true);
    });
  });
});
