/**
 * `npm run setup` against a real Rampart server: it prepares the flag and a key the page can
 * use, and stops with a message saying what to do when the server answers anything else.
 * Needs the built server (turbo builds it before tests); no browser.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG, SetupError, setUpExample } from '../src/setup';
import { startRampart } from './support/rampart-server';

let rampart: Awaited<ReturnType<typeof startRampart>>;

beforeAll(async () => {
  rampart = await startRampart();
});

afterAll(async () => {
  await rampart?.dispose();
});

/** What the page would get with `clientKey`: `new-checkout`'s result for a visitor, if any. */
async function bannerFlag(clientKey: string): Promise<unknown> {
  const response = await fetch(`${rampart.url}/api/v1/client/evaluate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ context: { userId: 'visitor-1' } }),
  });
  const { flags } = (await response.json()) as { flags: Record<string, unknown> };
  return flags[FLAG];
}

const setUp = (options: Partial<Parameters<typeof setUpExample>[0]> = {}) =>
  setUpExample({ url: rampart.url, adminKey: rampart.adminKey, ...options });

describe('npm run setup', () => {
  it('stops on a new-checkout made without clientSide, says how to fix it, and goes through once fixed', async () => {
    // As the repository's README walkthrough leaves it: created without clientSide, then killed.
    await rampart.admin('POST', '/flags', { key: FLAG });
    const refused = setUp();
    await expect(refused).rejects.toBeInstanceOf(SetupError);
    await expect(refused).rejects.toThrow(
      /new-checkout exists without clientSide.*\n {2}curl -X PATCH http:\/\/127\.0\.0\.1:\d+\/api\/v1\/flags\/new-checkout .*'\{"clientSide":true\}'/s,
    );

    await rampart.admin('PATCH', `/flags/${FLAG}`, { clientSide: true });
    await rampart.admin('POST', `/flags/${FLAG}/environments/production/kill`, {});
    const { clientKey } = await setUp();
    expect(clientKey).toMatch(/^rpc_/);
    expect(await bannerFlag(clientKey)).toMatchObject({ enabled: true });
    // Again, on the flag it made itself: nothing to fix.
    expect(await bannerFlag((await setUp()).clientKey)).toMatchObject({ enabled: true });
  });

  it('stops on an archived new-checkout and says how to restore it', async () => {
    await rampart.admin('DELETE', `/flags/${FLAG}`);
    try {
      await expect(setUp()).rejects.toThrow(/archived.*\n.*curl -X PATCH .*'\{"archived":false\}'/s);
    } finally {
      await rampart.admin('PATCH', `/flags/${FLAG}`, { archived: false });
    }
  });

  it('stops on a refused admin key, and on a server it cannot reach, naming what to check', async () => {
    await expect(setUp({ adminKey: 'rpa_wrong' })).rejects.toThrow(
      /refused the admin key \(HTTP 401\): set RAMPART_ADMIN_KEY/,
    );
    // A port that nothing listens on any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(setUp({ url: `http://127.0.0.1:${port}` })).rejects.toThrow(
      `Could not reach Rampart at http://127.0.0.1:${port} (TypeError: fetch failed: connect ECONNREFUSED 127.0.0.1:${port})`,
    );
  });
});
