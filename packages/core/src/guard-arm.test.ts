import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from './compile/compile';
import type { GuardArm } from './compile/guard';
import { evaluate } from './evaluate';
import { guardArm } from './guard-arm';
import { liveCompiled } from './compile/live';
import type { EvaluationContext, FlagGuard, Rule, SnapshotFlag } from './model';
import { flagOf, snapshotOf } from './test-support/snapshot';
import { readTestData } from './test-support/test-data';

interface BucketingCase {
  salt: string;
  unit: string;
  hash: number;
  positionMilli: number;
}

const vectors = (readTestData('bucketing.json') as { cases: BucketingCase[] }).cases;

const guardOn = (ruleId: string, batch = 'b1'): FlagGuard => ({ ruleId, event: 'checkout-error', batch });

/** A compiled snapshot whose guarded flags record every exposure their evaluations report. */
function compileCounting(flags: SnapshotFlag[], options: CompileOptions = {}) {
  const exposures: [flagKey: string, arm: GuardArm, unit: number][] = [];
  const guarded: string[] = [];
  const compiled = compile(snapshotOf(flags), {
    ...options,
    onGuardedFlag: (flagKey) => {
      guarded.push(flagKey);
      return (arm, unit) => exposures.push([flagKey, arm, unit]);
    },
  });
  return { compiled, exposures, guarded };
}

const ramp = (percentage: number, extra: Partial<Rule> = {}): Rule => ({
  id: 'ramp',
  rollout: { percentage, bucketBy: ['userId'] },
  ...extra,
});

describe('a guarded rule', () => {
  it.each([0, 1, 5, 25, 50, 55.287, 55.288, 99.999, 100])(
    'puts each unit of the bucketing vectors in the arm its position gives, at %s %%',
    (percentage) => {
      for (const c of vectors) {
        const rule = ramp(percentage, { rollout: { percentage, bucketBy: ['userId'], salt: c.salt } });
        const flag = flagOf('f', { rules: [rule], guard: guardOn('ramp') });
        const { compiled, exposures } = compileCounting([flag]);
        const arm: GuardArm = c.positionMilli < Math.round(percentage * 1000) ? 'treatment' : 'control';
        const result = evaluate(compiled, 'f', { userId: c.unit });
        expect(result.enabled, c.unit).toBe(arm === 'treatment');
        expect(exposures, c.unit).toEqual([['f', arm, c.hash]]);
        expect(guardArm(compiled, 'f', { userId: c.unit })).toEqual({ arm, unit: c.hash });
        // Asking for the arm counts nothing.
        expect(exposures).toHaveLength(1);
      }
    },
  );

  it('answers exactly as the same rule without a guard', () => {
    const rules: Rule[] = [
      {
        id: 'staff',
        conditions: [{ attribute: 'email', operator: 'str_ends_with', values: ['@rampart.dev'] }],
        rollout: { percentage: 100 },
      },
      { id: 'ramp', conditions: [{ attribute: 'plan', operator: 'in', values: ['pro'] }], rollout: { percentage: 30 } },
    ];
    const plain = compile(snapshotOf([flagOf('f', { rules })]));
    const { compiled } = compileCounting([flagOf('f', { rules, guard: guardOn('ramp') })]);
    for (let i = 0; i < 500; i++) {
      const context = {
        userId: `u${i}`,
        plan: i % 3 === 0 ? 'free' : 'pro',
        email: i % 7 === 0 ? 'a@rampart.dev' : 'a@b.c',
      };
      expect(evaluate(compiled, 'f', context)).toEqual(evaluate(plain, 'f', context));
    }
  });

  it('reports the unit of the first attribute of the chain that is present and not empty', () => {
    const flag = flagOf('new-checkout', {
      rules: [{ id: 'ramp', rollout: { percentage: 100, bucketBy: ['userId', 'sessionId'] } }],
      guard: guardOn('ramp'),
    });
    const { compiled, exposures } = compileCounting([flag]);
    evaluate(compiled, 'new-checkout', { userId: '', sessionId: '42' });
    evaluate(compiled, 'new-checkout', { userId: null, sessionId: 42 });
    evaluate(compiled, 'new-checkout', {});
    const hash = vectors.find((c) => c.salt === 'new-checkout' && c.unit === '42')?.hash;
    expect(exposures).toEqual([
      ['new-checkout', 'treatment', hash],
      ['new-checkout', 'treatment', hash],
    ]);
  });

  it('gives a unit drawn at $random no arm, yet matches it as before', () => {
    const flag = flagOf('f', {
      rules: [{ id: 'ramp', rollout: { percentage: 50, bucketBy: ['userId', '$random'] } }],
      guard: guardOn('ramp'),
    });
    let draw = 0;
    const random = () => (draw++ * 0.618) % 1;
    const { compiled, exposures } = compileCounting([flag], { random });
    const answers = new Set(Array.from({ length: 40 }, () => evaluate(compiled, 'f', {}).enabled));
    expect(answers).toEqual(new Set([true, false]));
    expect(exposures).toEqual([]);
    expect(guardArm(compiled, 'f', {})).toBeUndefined();
  });

  it('is reached, and counted, even where the flag would otherwise be the same for everyone', () => {
    const flag = flagOf('f', { rules: [{ id: 'everyone', rollout: { percentage: 100 } }], guard: guardOn('everyone') });
    const { compiled, exposures } = compileCounting([flag]);
    expect(compiled.flags.get('f')?.constant).toBeUndefined();
    expect(evaluate(compiled, 'f', { userId: '1' })).toMatchObject({ enabled: true, reason: 'STATIC' });
    expect(exposures).toEqual([['f', 'treatment', expect.any(Number)]]);
  });
});

describe('no arm', () => {
  const rules: Rule[] = [
    {
      id: 'staff',
      conditions: [{ attribute: 'plan', operator: 'in', values: ['staff'] }],
      rollout: { percentage: 100 },
    },
    ramp(50, { conditions: [{ attribute: 'country', operator: 'in', values: ['NO'] }] }),
  ];
  const cases: Record<string, { flags: SnapshotFlag[]; context: EvaluationContext }> = {
    'when a prerequisite fails': {
      flags: [
        flagOf('f', { rules, guard: guardOn('ramp'), prerequisites: [{ flag: 'parent' }] }),
        flagOf('parent', { enabled: false }),
      ],
      context: { userId: '1', country: 'NO' },
    },
    'when the kill switch is off': {
      flags: [flagOf('f', { rules, guard: guardOn('ramp'), enabled: false })],
      context: { userId: '1', country: 'NO' },
    },
    'when an earlier rule decided': {
      flags: [flagOf('f', { rules, guard: guardOn('ramp') })],
      context: { userId: '1', country: 'NO', plan: 'staff' },
    },
    'when the guarded rule’s conditions do not hold': {
      flags: [flagOf('f', { rules, guard: guardOn('ramp') })],
      context: { userId: '1', country: 'SE' },
    },
    'when the rollout’s chain resolves nothing': {
      flags: [flagOf('f', { rules, guard: guardOn('ramp') })],
      context: { country: 'NO' },
    },
  };

  it.each(Object.entries(cases))('%s', (_, { flags, context }) => {
    const { compiled, exposures } = compileCounting(flags);
    evaluate(compiled, 'f', context);
    expect(exposures).toEqual([]);
    expect(guardArm(compiled, 'f', context)).toBeUndefined();
  });

  it('for a flag without a guard, and for unknown flags', () => {
    const { compiled } = compileCounting([flagOf('f', { rules })]);
    expect(guardArm(compiled, 'f', { userId: '1', country: 'NO' })).toBeUndefined();
    expect(guardArm(compiled, 'missing', { userId: '1' })).toBeUndefined();
  });
});

describe('flags without a guard', () => {
  it('never call the hook, nor ask for one', () => {
    const flags = [
      flagOf('plain', { rules: [ramp(50)] }),
      flagOf('everyone'),
      flagOf('killed', { enabled: false }),
      flagOf('malformed', { rules: [ramp(50)], guard: { ruleId: 'ramp', event: 'e' } as unknown as FlagGuard }),
      flagOf('elsewhere', { rules: [ramp(50)], guard: guardOn('no-such-rule') }),
      flagOf('unmatchable', { rules: [ramp(50, { segments: ['missing'] })], guard: guardOn('ramp') }),
    ];
    const { compiled, exposures, guarded } = compileCounting(flags);
    for (let i = 0; i < 200; i++) for (const { key } of flags) evaluate(compiled, key, { userId: `u${i}` });
    expect(guarded).toEqual([]);
    expect(exposures).toEqual([]);
    expect([...compiled.flags.values()].map((flag) => flag.guard)).toEqual(flags.map(() => undefined));
  });
});

describe('prerequisites', () => {
  it('count an exposure of a guarded parent when a child evaluates it; guardArm counts none', () => {
    const parent = flagOf('parent', { rules: [ramp(100)], guard: guardOn('ramp') });
    const child = flagOf('child', { prerequisites: [{ flag: 'parent' }] });
    const other = flagOf('other', { rules: [ramp(100)], guard: guardOn('ramp'), prerequisites: [{ flag: 'parent' }] });
    const { compiled, exposures } = compileCounting([parent, child, other]);
    expect(evaluate(compiled, 'child', { userId: '1' }).enabled).toBe(true);
    expect(exposures).toEqual([['parent', 'treatment', expect.any(Number)]]);
    expect(guardArm(compiled, 'other', { userId: '1' })).toEqual({ arm: 'treatment', unit: expect.any(Number) });
    expect(exposures).toHaveLength(1);
  });
});

describe('the caller’s hooks', () => {
  it('cannot make compile or evaluation throw', () => {
    const flag = flagOf('f', { rules: [ramp(100)], guard: guardOn('ramp') });
    const failing = compile(snapshotOf([flag]), {
      onGuardedFlag: () => () => {
        throw new Error('full');
      },
    });
    expect(evaluate(failing, 'f', { userId: '1' }).enabled).toBe(true);
    const refused = compile(snapshotOf([flag]), {
      onGuardedFlag: () => {
        throw new Error('no');
      },
    });
    expect(refused.flags.get('f')?.guard).toMatchObject({ ruleId: 'ramp', onExposure: undefined });
    expect(evaluate(refused, 'f', { userId: '1' }).enabled).toBe(true);
  });

  it('are asked again at each compile, with each flag’s current batch, and a live snapshot uses the latest', () => {
    const batches: string[] = [];
    const exposures: string[] = [];
    const compileAt = (batch: string) =>
      compile(snapshotOf([flagOf('f', { rules: [ramp(100)], guard: guardOn('ramp', batch) })]), {
        onGuardedFlag: (flagKey, guard) => {
          batches.push(`${flagKey}@${guard.batch}`);
          return (arm) => exposures.push(`${guard.batch}:${arm}`);
        },
      });
    const live = liveCompiled(compileAt('b1'));
    evaluate(live.compiled, 'f', { userId: '1' });
    live.replace(compileAt('b2'));
    evaluate(live.compiled, 'f', { userId: '1' });
    expect(batches).toEqual(['f@b1', 'f@b2']);
    expect(exposures).toEqual(['b1:treatment', 'b2:treatment']);
    expect(live.compiled.flags.get('f')?.guard).toMatchObject({
      flagKey: 'f',
      ruleId: 'ramp',
      event: 'checkout-error',
      batch: 'b2',
    });
  });
});
