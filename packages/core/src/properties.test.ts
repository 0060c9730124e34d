import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile/compile';
import { evaluate } from './evaluate';
import { guardArm } from './guard-arm';
import {
  EVALUATION_REASONS,
  OPERATORS,
  type Condition,
  type EvaluationContext,
  type Rule,
  type Segment,
  type SnapshotFlag,
  type Variant,
} from './model';
import { snapshotOf } from './test-support/snapshot';

/** Percentages with at most three decimals, as the model allows. */
const percentage = fc.integer({ min: 0, max: 100_000 }).map((milli) => milli / 1000);

function rolloutFlag(key: string, pct: number, salt?: string): SnapshotFlag {
  return {
    key,
    enabled: true,
    rules: [{ id: 'r', rollout: { percentage: pct, bucketBy: ['userId'], ...(salt === undefined ? {} : { salt }) } }],
  };
}

function admitted(pct: number, userId: string, salt = 'ramp'): boolean {
  return evaluate(compile(snapshotOf([rolloutFlag('f', pct, salt)])), 'f', { userId }).enabled;
}

const UNITS = Array.from({ length: 100_000 }, (_, i) => `unit-${i}-${(i * 2654435761) % 4294967296}`);

/** Counts the units admitted at `pct` under `salt`, over 100 000 distinct units. */
function share(pct: number, salt: string): boolean[] {
  const compiled = compile(snapshotOf([rolloutFlag('f', pct, salt)]));
  return UNITS.map((userId) => evaluate(compiled, 'f', { userId }).enabled);
}

/** Five standard deviations of a binomial share: a false alarm once in ~1.7 million runs. */
function tolerance(p: number, n: number): number {
  return 5 * Math.sqrt((p * (1 - p)) / n) + 1e-9;
}

describe('rollout properties', () => {
  it('keeps users in the cohort when the percentage grows', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), percentage, percentage, (userId, salt, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        if (admitted(low, userId, salt)) expect(admitted(high, userId, salt)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('admits p % of 100 000 units at p %', () => {
    fc.assert(
      fc.property(percentage, fc.string({ maxLength: 12 }), (pct, salt) => {
        const admittedShare = share(pct, salt).filter(Boolean).length / UNITS.length;
        expect(Math.abs(admittedShare - pct / 100)).toBeLessThanOrEqual(tolerance(pct / 100, UNITS.length));
      }),
      { numRuns: 8 },
    );
  });

  it('gives independent cohorts under different salts', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        percentage,
        percentage,
        (saltA, saltB, pa, pb) => {
          fc.pre(saltA !== saltB);
          const a = share(pa, saltA);
          const b = share(pb, saltB);
          const both = a.filter((inA, i) => inA && b[i]).length / UNITS.length;
          const expected = (pa / 100) * (pb / 100);
          expect(Math.abs(both - expected)).toBeLessThanOrEqual(tolerance(expected, UNITS.length));
        },
      ),
      { numRuns: 6 },
    );
  });
});

const attribute = fc.constantFrom(
  'userId',
  'sessionId',
  'email',
  'plan',
  'age',
  'version',
  'remoteAddress',
  'currentTime',
  'country',
);
const operand = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '1.2.3',
    '2.0.0-rc.1',
    '10.0.0.0/8',
    '::1',
    '2025-01-01',
    '2025-01-01T10:00:00+02:00',
    '42',
    '-1.5',
    '(a|b)+',
    '[',
    '@x.com',
  ),
);
const condition: fc.Arbitrary<Condition> = fc.record(
  {
    attribute,
    operator: fc.oneof(fc.constantFrom(...OPERATORS), fc.string()),
    values: fc.array(operand, { maxLength: 4 }),
    negate: fc.boolean(),
    caseInsensitive: fc.boolean(),
  },
  { requiredKeys: ['attribute', 'operator', 'values'] },
);
const chain = fc.array(fc.oneof(attribute, fc.constant('$random')), { minLength: 1, maxLength: 3 });
const variants: fc.Arbitrary<Variant[]> = fc.array(
  fc.record(
    {
      key: fc.string({ minLength: 1, maxLength: 8 }),
      value: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.dictionary(fc.string(), fc.string()),
      ),
      weight: fc.nat(1000),
      overrides: fc.array(fc.record({ attribute, values: fc.array(fc.string(), { maxLength: 3 }) }), { maxLength: 2 }),
    },
    { requiredKeys: ['key', 'weight'] },
  ),
  { maxLength: 4 },
);
const segmentKey = fc.constantFrom('beta', 'staff', 'missing');
const rule: fc.Arbitrary<Rule> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 6 }),
    segments: fc.array(segmentKey, { maxLength: 2 }),
    conditions: fc.array(condition, { maxLength: 3 }),
    // 0 % and 100 % are where flags live most of their lives, and where evaluation folds constants.
    rollout: fc.record(
      { percentage: fc.oneof(fc.constantFrom(0, 100), percentage), bucketBy: chain, salt: fc.string({ maxLength: 6 }) },
      { requiredKeys: ['percentage'] },
    ),
    variants: fc.oneof(fc.constant([]), variants),
    variantsBucketBy: chain,
  },
  { requiredKeys: ['id', 'rollout'] },
);
const flagKey = fc.constantFrom('a', 'b', 'c', 'd');
const configuredFlag: fc.Arbitrary<SnapshotFlag> = fc.record(
  {
    key: flagKey,
    type: fc.constantFrom('boolean', 'string', 'number', 'json'),
    enabled: fc.boolean(),
    archived: fc.boolean(),
    rules: fc.array(rule, { maxLength: 3 }),
    variants,
    variantsBucketBy: chain,
    prerequisites: fc.array(
      fc.record(
        {
          flag: flagKey,
          enabled: fc.boolean(),
          variants: fc.array(fc.option(fc.string(), { nil: null }), { maxLength: 2 }),
        },
        { requiredKeys: ['flag'] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['key', 'enabled'] },
);
// A default variant that names one of the flag's variants, or none, or none that exists.
const flag = configuredFlag.chain((f) =>
  fc
    .constantFrom(undefined, 'none', ...(f.variants ?? []).map((variant) => variant.key))
    .map((defaultVariant) => (defaultVariant === undefined ? f : { ...f, defaultVariant })),
);
const segments: fc.Arbitrary<Segment[]> = fc.array(
  fc.record({ key: segmentKey, conditions: fc.array(condition, { maxLength: 2 }) }),
  { maxLength: 2 },
);
const context = fc.dictionary(
  fc.oneof(attribute, fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString')),
  fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.anything(),
  ),
);

describe('evaluation never throws', () => {
  it('answers every flag and context with a well-formed result', () => {
    fc.assert(
      fc.property(fc.array(flag, { maxLength: 4 }), segments, context, flagKey, (flags, segs, ctx, key) => {
        const compiled = compile(snapshotOf(flags, segs));
        // Callers in plain JavaScript can pass anything: the types do not protect evaluation.
        const result = evaluate(compiled, key, ctx as EvaluationContext);
        expect(typeof result.enabled).toBe('boolean');
        expect(result.flagKey).toBe(key);
        expect(EVALUATION_REASONS).toContain(result.reason);
        if (result.reason !== 'ERROR' && compiled.flags.get(key)?.type === 'boolean')
          expect(result.value).toBe(result.enabled);
        // Off with a variant: only the default variant, when no rule matched.
        if (!result.enabled && result.variant !== null) {
          const source = [...flags].reverse().find((f) => f.key === key && f.archived !== true);
          expect([result.reason, result.ruleId, result.variant]).toEqual([
            'DEFAULT',
            undefined,
            source?.defaultVariant,
          ]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('constant folding', () => {
  it('answers exactly as the full evaluation does for flags it folds', () => {
    fc.assert(
      fc.property(fc.array(flag, { maxLength: 4 }), segments, context, flagKey, (flags, segs, ctx, key) => {
        let draws = 0;
        const random = () => (draws++ * 0.6180339887) % 1;
        const folded = compile(snapshotOf(flags, segs), { random });
        const unfolded = {
          ...folded,
          flags: new Map([...folded.flags].map(([k, f]) => [k, { ...f, constant: undefined }])),
        };
        const attributes = ctx as EvaluationContext;
        draws = 0;
        const expected = evaluate(unfolded, key, attributes);
        draws = 0;
        expect(evaluate(folded, key, attributes)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('guards', () => {
  /** Each flag guarded on one of its rules, or else (`others`) on a rule it does not have, or not at all. */
  const guardedOn = (arbitrary: fc.Arbitrary<SnapshotFlag>, others: (string | undefined)[] = []) =>
    arbitrary.chain((f) =>
      fc
        .constantFrom(...others, ...(f.rules ?? []).map((r) => r.id))
        .map((ruleId) => (ruleId === undefined ? f : { ...f, guard: { ruleId, event: 'e', batch: 'b' } })),
    );
  // Flags and contexts where guarded rules are often reached: rules without segments, on an
  // attribute that contexts have, bucketing by units that they mostly have.
  const tameRule: fc.Arbitrary<Rule> = fc.record({
    id: fc.constantFrom('r1', 'r2', 'r3'),
    conditions: fc.constantFrom([], [{ attribute: 'country', operator: 'in', values: ['NO'] }]),
    rollout: fc.record({
      percentage: fc.oneof(fc.constantFrom(0, 100), percentage),
      bucketBy: fc.array(fc.constantFrom('userId', 'sessionId', 'email', '$random'), { minLength: 1, maxLength: 3 }),
    }),
  });
  const tameFlag: fc.Arbitrary<SnapshotFlag> = fc.record(
    {
      key: flagKey,
      enabled: fc.constantFrom(true, true, true, false),
      rules: fc.array(tameRule, { minLength: 1, maxLength: 3 }),
      prerequisites: fc.array(fc.record({ flag: flagKey, enabled: fc.boolean() }), { maxLength: 1 }),
    },
    { requiredKeys: ['key', 'enabled', 'rules'] },
  );
  const tameContext = fc
    .tuple(
      fc.record({ userId: fc.string({ minLength: 1 }), sessionId: fc.string(), country: fc.constantFrom('NO', 'SE') }),
      fc.dictionary(attribute, fc.oneof(fc.string(), fc.constant(null))),
    )
    .map(([units, rest]) => ({ ...rest, ...units }));

  /** Flags, and the key of one of them (or, now and then, of none). */
  const snapshotFlags = (flags: fc.Arbitrary<SnapshotFlag>) =>
    fc
      .array(flags, { minLength: 1, maxLength: 4 })
      .chain((list) => fc.tuple(fc.constant(list), fc.constantFrom('missing', ...list.map((f) => f.key))));

  const cases = {
    'on any snapshot': [guardedOn(flag, [undefined, 'no-such-rule']), context],
    'on snapshots where guarded rules are often reached': [guardedOn(tameFlag), tameContext],
  } as const;

  it.each(Object.entries(cases))(
    'change no answer, and tell the arm that guardArm gives, %s',
    (_, [flags, contexts]) => {
      fc.assert(
        fc.property(snapshotFlags(flags), segments, contexts, ([list, key], segs, ctx) => {
          let draws = 0;
          const random = () => (draws++ * 0.6180339887) % 1;
          const told: [string, string, number][] = [];
          const withGuards = compile(snapshotOf(list, segs), {
            random,
            onGuardedFlag: (flagKey) => (arm, unit) => told.push([flagKey, arm, unit]),
          });
          const without = compile(
            snapshotOf(
              list.map(({ guard: _, ...f }) => f),
              segs,
            ),
            { random },
          );
          const attributes = ctx as EvaluationContext;
          draws = 0;
          const expected = evaluate(without, key, attributes);
          draws = 0;
          expect(evaluate(withGuards, key, attributes)).toEqual(expected);
          // The flag's own rule is told at most once; a prerequisite's are other flags'.
          const own = told.filter(([flagKey]) => flagKey === key).map(([, arm, unit]) => ({ arm, unit }));
          expect(own.length).toBeLessThanOrEqual(1);
          draws = 0;
          expect(guardArm(withGuards, key, attributes)).toEqual(own[0]);
          for (const [, arm, unit] of told) {
            expect(['treatment', 'control']).toContain(arm);
            expect(Number.isInteger(unit) && unit >= 0 && unit <= 0xffffffff).toBe(true);
          }
        }),
        { numRuns: 3000 },
      );
    },
  );
});
