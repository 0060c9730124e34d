import { afterEach, describe, expect, it, vi } from 'vitest';
import { probePostgres, probeRedis } from './services.js';

// Port 1 on the loopback: nothing listens there, so the connection is refused at once.
const NOWHERE_POSTGRES = 'postgres://postgres:secret@127.0.0.1:1/test';
const NOWHERE_REDIS = 'redis://127.0.0.1:1';

describe('service probes', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails an unreachable service with what to do, without showing its password', async () => {
    vi.stubEnv('RAMPART_SKIP_SERVICES', '');
    const postgres = await probePostgres(NOWHERE_POSTGRES);
    expect(postgres).toMatchObject({ status: 'down' });
    const reason = postgres.status === 'up' ? '' : postgres.reason;
    expect(reason).toMatch(
      /^PostgreSQL is not reachable at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test .*: start it, or set RAMPART_SKIP_SERVICES=1 to skip these tests$/,
    );
    expect(await probeRedis(NOWHERE_REDIS)).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(/^Redis is not reachable at redis:\/\/127\.0\.0\.1:1/),
    });
  });

  it('skips an unreachable service when RAMPART_SKIP_SERVICES=1', async () => {
    vi.stubEnv('RAMPART_SKIP_SERVICES', '1');
    expect(await probePostgres(NOWHERE_POSTGRES)).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('RAMPART_SKIP_SERVICES=1'),
    });
    expect(await probeRedis(NOWHERE_REDIS)).toMatchObject({ status: 'skipped' });
  });
});
