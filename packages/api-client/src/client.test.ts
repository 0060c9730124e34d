import { describe, expect, it } from 'vitest';
import { createRampartClient, RampartApiError, unwrap } from './index.js';

// The client against the real server is tested by the server's own tests (src/openapi/api-client.test.ts)
// and by every CLI test; these check what the client does on its own.
describe('createRampartClient', () => {
  it('sends the token and user agent, and reads the answer', async () => {
    const seen: Request[] = [];
    const client = createRampartClient({
      baseUrl: 'http://rampart.test/',
      token: 'rpt_secret',
      userAgent: 'rampart-cli/1.0.0',
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ flags: [] });
      },
    });
    expect(await unwrap(client.GET('/api/v1/flags', { params: { query: { tag: 'checkout' } } }))).toEqual({
      flags: [],
    });
    expect(seen[0]?.url).toBe('http://rampart.test/api/v1/flags?tag=checkout');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer rpt_secret');
    expect(seen[0]?.headers.get('user-agent')).toBe('rampart-cli/1.0.0');
  });

  it("throws the API's error with its details, and a body of another shape as unexpected", async () => {
    const answer = (status: number, body: unknown) =>
      createRampartClient({ baseUrl: 'http://rampart.test', fetch: async () => Response.json(body, { status }) });
    const error = { code: 'validation_failed', message: 'key: bad', details: [{ path: 'key', message: 'bad' }] };
    await expect(unwrap(answer(400, { error }).GET('/api/v1/flags'))).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'key: bad',
      details: [{ path: 'key', message: 'bad' }],
    });
    const odd = await unwrap(answer(502, { oops: true }).GET('/api/v1/flags')).catch((e: unknown) => e);
    expect(odd).toBeInstanceOf(RampartApiError);
    expect(odd).toMatchObject({ status: 502, code: 'unexpected', message: 'the server answered 502' });
  });

  it('gives up on a server that does not answer, as unreachable', async () => {
    // Held, as a real fetch holds the request it is sending: a Request that nothing holds may be collected.
    const held: Request[] = [];
    const silent = createRampartClient({
      baseUrl: 'http://rampart.test',
      timeoutMs: 50,
      fetch: (request) => {
        held.push(request);
        return new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        );
      },
    });
    await expect(unwrap(silent.GET('/api/v1/flags'))).rejects.toMatchObject({
      status: 0,
      code: 'unreachable',
      message: 'the server did not answer in time',
    });
  });

  it('reports a refused connection as unreachable', async () => {
    const nowhere = createRampartClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 5_000 });
    await expect(unwrap(nowhere.GET('/api/v1/flags'))).rejects.toMatchObject({ status: 0, code: 'unreachable' });
  });
});
