import { describe, expect, it } from 'vitest';
import { compile } from '../compile/compile';
import { conditionProblem } from '../compile/condition';
import { evaluate } from '../evaluate';
import type { Condition, EvaluationContext } from '../model';
import { flagOf, snapshotOf } from '../test-support/snapshot';

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);

/** Whether a rule holding only `condition` matches `context`. */
function holds(condition: Condition, context: EvaluationContext): boolean {
  const flag = flagOf('f', { rules: [{ id: 'r', conditions: [condition], rollout: { percentage: 100 } }] });
  return evaluate(compile(snapshotOf([flag]), { now: () => NOW }), 'f', { userId: 'u', ...context }).enabled;
}

function on(attribute: string, operator: string, values: string[], extra: Partial<Condition> = {}): Condition {
  return { attribute, operator, values, ...extra };
}

describe('operators', () => {
  it('in / not_in compare whole values, optionally ignoring case', () => {
    expect(holds(on('plan', 'in', ['pro', 'team']), { plan: 'team' })).toBe(true);
    expect(holds(on('plan', 'in', ['pro']), { plan: 'Pro' })).toBe(false);
    expect(holds(on('plan', 'in', ['pro'], { caseInsensitive: true }), { plan: 'Pro' })).toBe(true);
    expect(holds(on('plan', 'not_in', ['pro']), { plan: 'free' })).toBe(true);
    expect(holds(on('plan', 'not_in', ['pro']), { plan: 'pro' })).toBe(false);
  });

  it('in tests a cohort of 100 000 ids as a set', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);
    expect(holds(on('userId', 'in', ids), { userId: 'user-99999' })).toBe(true);
    expect(holds(on('userId', 'in', ids), { userId: 'user-100000' })).toBe(false);
  });

  it('treats a missing attribute as false for every operator but not_in, then applies negate', () => {
    expect(holds(on('plan', 'in', ['pro']), {})).toBe(false);
    expect(holds(on('plan', 'not_in', ['pro']), {})).toBe(true);
    expect(holds(on('plan', 'in', ['pro'], { negate: true }), {})).toBe(true);
    expect(holds(on('plan', 'not_in', ['pro'], { negate: true }), {})).toBe(false);
    expect(holds(on('plan', 'in', ['pro']), { plan: null })).toBe(false);
  });

  it('string operators match any value and lower-case both sides when asked', () => {
    expect(holds(on('email', 'str_contains', ['@acme', '@rampart']), { email: 'a@rampart.dev' })).toBe(true);
    expect(holds(on('email', 'str_starts_with', ['adm']), { email: 'admin@x' })).toBe(true);
    expect(holds(on('email', 'str_ends_with', ['@X.COM'], { caseInsensitive: true }), { email: 'a@x.com' })).toBe(true);
    expect(holds(on('email', 'str_ends_with', ['@X.COM']), { email: 'a@x.com' })).toBe(false);
  });

  it('number operators compare Number(value), and NaN is false (true when negated)', () => {
    expect(holds(on('age', 'num_gt', ['18']), { age: 19 })).toBe(true);
    expect(holds(on('age', 'num_gte', ['18']), { age: '18' })).toBe(true);
    expect(holds(on('age', 'num_lt', ['18']), { age: 18 })).toBe(false);
    expect(holds(on('age', 'num_lte', ['1e3']), { age: 1000 })).toBe(true);
    expect(holds(on('age', 'num_eq', ['1.0']), { age: 1 })).toBe(true);
    expect(holds(on('age', 'num_eq', ['1']), { age: 'one' })).toBe(false);
    expect(holds(on('age', 'num_eq', ['1'], { negate: true }), { age: 'one' })).toBe(true);
    expect(holds(on('age', 'num_eq', ['one'], { negate: true }), { age: 1 })).toBe(true);
  });

  it('date operators read ISO 8601, with no offset meaning UTC, and use now for a missing currentTime', () => {
    expect(holds(on('currentTime', 'date_after', ['2026-06-15T11:59:59Z']), {})).toBe(true);
    expect(holds(on('currentTime', 'date_before', ['2026-06-15T12:00:00']), {})).toBe(false);
    expect(holds(on('currentTime', 'date_before', ['2026-06-15T12:00:01']), {})).toBe(true);
    expect(holds(on('signup', 'date_after', ['2026-01-01']), { signup: '2026-01-01T00:00:00.001' })).toBe(true);
    expect(holds(on('signup', 'date_after', ['2026-01-01T00:00:00+01:00']), { signup: '2025-12-31T23:30:00Z' })).toBe(
      true,
    );
    expect(holds(on('signup', 'date_after', ['2026-01-01']), {})).toBe(false);
    expect(holds(on('signup', 'date_after', ['2026-01-01']), { signup: 'Jan 2 2026' })).toBe(false);
    expect(holds(on('signup', 'date_after', ['2026-02-30']), { signup: '2027-01-01' })).toBe(false);
  });

  it('semver operators take strict SemVer 2.0 with pre-release ordering', () => {
    expect(holds(on('v', 'semver_gt', ['1.2.3']), { v: '1.10.0' })).toBe(true);
    expect(holds(on('v', 'semver_lt', ['1.0.0']), { v: '1.0.0-rc.1' })).toBe(true);
    expect(holds(on('v', 'semver_gt', ['1.0.0-alpha.2']), { v: '1.0.0-alpha.10' })).toBe(true);
    expect(holds(on('v', 'semver_eq', ['1.0.0']), { v: '1.0.0+build.5' })).toBe(true);
    expect(holds(on('v', 'semver_gte', ['2.0.0']), { v: '2.0.0' })).toBe(true);
    expect(holds(on('v', 'semver_lte', ['2.0.0']), { v: '2.0.1' })).toBe(false);
    expect(holds(on('v', 'semver_eq', ['1.0.0']), { v: 'v1.0.0' })).toBe(false);
    expect(holds(on('v', 'semver_eq', ['1.0.0']), { v: ' 1.0.0' })).toBe(false);
    expect(holds(on('v', 'semver_eq', ['1.0']), { v: '1.0.0' })).toBe(false);
  });

  it('regex searches unanchored in RE2 syntax, honours caseInsensitive, and is false when invalid', () => {
    expect(holds(on('email', 'regex', ['@rampart\\.dev']), { email: 'ana@rampart.dev' })).toBe(true);
    expect(holds(on('email', 'regex', ['^ana$']), { email: 'ana@rampart.dev' })).toBe(false);
    expect(holds(on('email', 'regex', ['ANA'], { caseInsensitive: true }), { email: 'ana@x' })).toBe(true);
    expect(holds(on('email', 'regex', ['(a']), { email: 'a' })).toBe(false);
    // Back-references are not RE2: refused rather than run with exponential time.
    expect(holds(on('email', 'regex', ['(a)\\1']), { email: 'aa' })).toBe(false);
  });

  it('in_cidr matches addresses in ranges or equal to addresses, never across families', () => {
    expect(holds(on('ip', 'in_cidr', ['10.0.0.0/8']), { ip: '10.200.3.4' })).toBe(true);
    expect(holds(on('ip', 'in_cidr', ['10.0.0.1']), { ip: '10.0.0.1' })).toBe(true);
    expect(holds(on('ip', 'in_cidr', ['2001:db8::/32']), { ip: '2001:db8::7' })).toBe(true);
    expect(holds(on('ip', 'in_cidr', ['10.0.0.0/8']), { ip: '::ffff:10.0.0.1' })).toBe(false);
    expect(holds(on('ip', 'in_cidr', ['nonsense', '192.168.0.0/16']), { ip: '192.168.4.4' })).toBe(true);
    expect(holds(on('ip', 'in_cidr', ['10.0.0.0/8']), { ip: '10.0.0.1/32' })).toBe(false);
    expect(holds(on('ip', 'in_cidr', ['127.0.0.1']), { ip: '127.1' })).toBe(false);
  });
});

describe('conditionProblem', () => {
  it('accepts a condition that compiles', () => {
    expect(conditionProblem(on('plan', 'in', ['pro']))).toBeUndefined();
    expect(conditionProblem(on('v', 'semver_gte', ['1.2.3-rc.1']))).toBeUndefined();
  });

  it('names what cannot be read', () => {
    expect(conditionProblem(on('plan', 'teleports', []))).toBe("unknown operator 'teleports'");
    expect(conditionProblem(on('', 'in', []))).toBe('attribute must be a non-empty string');
    expect(conditionProblem(on('age', 'num_gt', ['old']))).toBe('values[0] is not a number: "old"');
    expect(conditionProblem(on('v', 'semver_gt', ['v1']))).toBe('values[0] is not a semantic version: "v1"');
    expect(conditionProblem(on('d', 'date_after', ['tomorrow']))).toBe('values[0] is not an ISO 8601 date: "tomorrow"');
    expect(conditionProblem(on('e', 'regex', ['(a']))).toMatch(/^values\[0\] is not a valid RE2 pattern/);
    expect(conditionProblem(on('ip', 'in_cidr', ['10.0.0.0/8', 'x', '300.1.1.1']))).toBe(
      'values[1, 2] are not IP addresses or CIDR ranges',
    );
  });
});
