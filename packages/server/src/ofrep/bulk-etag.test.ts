import { describe, expect, it } from 'vitest';
import { bulkEtag } from './bulk-etag.js';

const base = { environment: 'production', version: 7, kind: 'client' as const, context: { userId: '42', plan: 'pro' } };

describe('bulk ETag', () => {
  it('is the same for the same version and context, whatever the attribute order', async () => {
    expect(await bulkEtag(base)).toBe(await bulkEtag({ ...base, context: { plan: 'pro', userId: '42' } }));
    expect(await bulkEtag(base)).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('changes with the version, the context, the environment and the key kind', async () => {
    const tags = await Promise.all([
      bulkEtag(base),
      bulkEtag({ ...base, version: 8 }),
      bulkEtag({ ...base, context: { userId: '43', plan: 'pro' } }),
      bulkEtag({ ...base, context: { userId: '42', plan: 'pro', beta: null } }),
      bulkEtag({ ...base, environment: 'development' }),
      bulkEtag({ ...base, kind: 'server' }),
    ]);
    expect(new Set(tags).size).toBe(tags.length);
  });
});
