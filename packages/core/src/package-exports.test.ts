/**
 * The published entry points, loaded the way users load them: by package name through the
 * `exports` map, as ESM and as CommonJS. Runs against the build (turbo builds before testing).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { compile, evaluate } from './index';

const snapshot = {
  environment: 'production',
  version: 1,
  segments: [],
  flags: [
    {
      key: 'new-checkout',
      enabled: true,
      rules: [
        {
          id: 'beta',
          conditions: [{ attribute: 'version', operator: 'semver_gte', values: ['2.0.0'] }],
          rollout: { percentage: 100 },
        },
        {
          id: 'office',
          conditions: [{ attribute: 'remoteAddress', operator: 'in_cidr', values: ['10.0.0.0/8'] }],
          rollout: { percentage: 100 },
        },
        {
          id: 'staff',
          conditions: [{ attribute: 'email', operator: 'regex', values: ['@rampart\\.dev$'] }],
          rollout: { percentage: 100 },
        },
      ],
    },
  ],
};

interface EntryPoint {
  compile: typeof compile;
  evaluate: typeof evaluate;
}

function answers(entry: EntryPoint): string[] {
  const compiled = entry.compile(snapshot);
  return [{ version: '2.1.0' }, { remoteAddress: '10.1.2.3' }, { email: 'ana@rampart.dev' }, { version: '1.9.0' }].map(
    (context) => `${entry.evaluate(compiled, 'new-checkout', context).ruleId ?? 'none'}`,
  );
}

describe('the built package', () => {
  it('evaluates every operator family when imported as ESM', async () => {
    const esm: EntryPoint = await import('@rampart/core');
    expect(answers(esm)).toEqual(['beta', 'office', 'staff', 'none']);
  });

  it('evaluates every operator family when required as CommonJS', () => {
    const cjs: EntryPoint = createRequire(import.meta.url)('@rampart/core');
    expect(answers(cjs)).toEqual(['beta', 'office', 'staff', 'none']);
  });
});
