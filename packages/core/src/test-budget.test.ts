/**
 * `npm test` runs every package's tests at once, on two cores in CI, so no test of core or
 * the SDKs may count on an idle machine: property tests bound their runs, and every package
 * gives its tests and hooks generous timeouts, which catch hangs, not slowness.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, trackedFilesMentioning } from './test-support/repository';

const PACKAGES = ['packages/core', 'packages/sdk-node', 'packages/sdk-react'];
/** About a second per property test alone: thirty times that fits the timeouts below. */
const MAX_RUNS = 5_000;
const MIN_TIMEOUT_MS = 30_000;

// Built from parts, so that this file is not among those it reads.
const ASSERT = ['fc', 'assert('].join('.');
const read = (path: string): string => readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
const number = (text: string | undefined): number => Number(text?.replace(/_/g, '') ?? Number.NaN);

describe('the tests of core and the SDKs', () => {
  it(`bound every property test to at most ${MAX_RUNS} runs`, () => {
    const calls = trackedFilesMentioning(ASSERT, PACKAGES).flatMap((path) =>
      read(path)
        .split(ASSERT)
        .slice(1)
        .map((call, index) => ({ call: `${path} #${index + 1}`, runs: number(/numRuns: ([\d_]+)/.exec(call)?.[1]) })),
    );
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter(({ runs }) => !(runs <= MAX_RUNS))).toEqual([]);
  });

  it.each(PACKAGES)('give every test and hook at least 30 s in %s', (path) => {
    const config = read(`${path}/vitest.config.ts`);
    for (const option of ['testTimeout', 'hookTimeout']) {
      const value = number(new RegExp(`${option}: ([\\d_]+)`).exec(config)?.[1]);
      expect(value, option).toBeGreaterThanOrEqual(MIN_TIMEOUT_MS);
    }
  });
});
