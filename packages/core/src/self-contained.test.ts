/**
 * A fresh clone must test and run on its own: nothing may read or point to the checkout of the
 * shared contract that once sat beside the repository. Its vectors are copied into
 * `packages/core/test-data`.
 */
import { describe, expect, it } from 'vitest';
import { trackedFilesMentioning } from './test-support/repository';

// Built from parts, so that this file does not mention it.
const OUTSIDE = ['..', 'shared'].join('/');
const PLACES = ['packages', 'examples', 'bench', 'docs', '.ci', '*.md'];

describe('the repository', () => {
  it(`mentions no ${OUTSIDE} in its packages, examples, benchmarks, docs or READMEs`, () => {
    expect(trackedFilesMentioning(OUTSIDE, PLACES)).toEqual([]);
  });

  it('finds a mention where there is one', () => {
    expect(trackedFilesMentioning('test-data', PLACES)).toContain('packages/core/src/test-support/test-data.ts');
  });
});
