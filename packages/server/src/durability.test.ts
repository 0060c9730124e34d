import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './test-support/server-process.js';

const KILLS = 20;
const TOKEN = 'durability-test-admin-token-0123456789';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe('durability across SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-durability-'));
  const env = { DATABASE_URL: `file:${join(dir, 'rampart.db')}`, RAMPART_ADMIN_TOKEN: TOKEN };
  let server: ServerProcess | undefined;
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server?.url ?? ''}/api/v1${path}`, { ...init, headers: HEADERS });
  const read = async (path: string): Promise<Record<string, unknown>> => {
    const body: unknown = await (await api(path)).json();
    return typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body)) : {};
  };
  const keysOf = (items: unknown, field: string): string[] =>
    Array.isArray(items)
      ? items.map((item: unknown) =>
          typeof item === 'object' && item !== null ? String(Reflect.get(item, field)) : '',
        )
      : [];

  it(`keeps every acknowledged write through ${KILLS} kills during writes`, async () => {
    const acknowledged = new Set<string>();
    let acknowledgedRamp = { version: 0, percentage: 0 };
    server = await startServerProcess(env);
    expect((await api('/flags', { method: 'POST', body: JSON.stringify({ key: 'counter' }) })).status).toBe(201);

    for (let round = 0; round < KILLS; round++) {
      // Kill after a varying number of acknowledged writes, with more writes in flight.
      const killAfter = acknowledged.size + 1 + (round % 7);
      let n = 0;
      const writer = async (worker: number) => {
        for (;;) {
          const i = n++;
          try {
            if (i % 3 === 2) {
              const percentage = ((round * 1_000 + i) % 100) + 1;
              const response = await api('/flags/counter/environments/production/ramp', {
                method: 'POST',
                body: JSON.stringify({ percentage, enable: false }),
              });
              if (response.status !== 200) throw new Error(`ramp answered ${response.status}`);
              const body: unknown = await response.json();
              const version = typeof body === 'object' && body !== null ? Number(Reflect.get(body, 'version')) : 0;
              if (version > acknowledgedRamp.version) acknowledgedRamp = { version, percentage };
            } else {
              const key = `r${round}-w${worker}-${i}`;
              const response = await api('/flags', { method: 'POST', body: JSON.stringify({ key }) });
              if (response.status !== 201) throw new Error(`create answered ${response.status}`);
              acknowledged.add(key);
            }
          } catch {
            return; // The server is gone: this write was not acknowledged.
          }
          if (acknowledged.size >= killAfter && server?.child.exitCode === null) server.child.kill('SIGKILL');
        }
      };
      await Promise.all([writer(0), writer(1), writer(2), writer(3)]);
      await server.exited;

      server = await startServerProcess(env);
      const keys = new Set(keysOf((await read('/flags')).flags, 'key'));
      const missing = [...acknowledged].filter((key) => !keys.has(key));
      expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
      const counter = await read('/flags/counter/environments/production');
      expect(Number(counter.version)).toBeGreaterThanOrEqual(acknowledgedRamp.version);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS);

    // Every acknowledged creation has its audit entry, written in the same transaction.
    const created = new Set<string>();
    let page = await read('/audit?limit=500');
    for (;;) {
      const actions = keysOf(page.entries, 'action');
      keysOf(page.entries, 'target').forEach((target, i) => actions[i] === 'flag.created' && created.add(target));
      if (typeof page.nextCursor !== 'string') break;
      page = await read(`/audit?limit=500&cursor=${page.nextCursor}`);
    }
    expect([...acknowledged].filter((key) => !created.has(key))).toEqual([]);
  }, 180_000);

  it('shuts down cleanly on SIGTERM, finishing first, and keeps the data', async () => {
    server ??= await startServerProcess(env);
    expect((await api('/flags', { method: 'POST', body: JSON.stringify({ key: 'before-sigterm' }) })).status).toBe(201);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = await startServerProcess(env);
    expect((await api('/flags/before-sigterm')).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    server = undefined;
  }, 60_000);
});
