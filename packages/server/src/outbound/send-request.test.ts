import type { LookupAddress, LookupOptions } from 'node:dns';
import type * as dns from 'node:dns';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { setDefaultAutoSelectFamily } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSender, type OutboundResult, type SenderOptions } from './send-request.js';

/** In every URL below: the part of a webhook URL that is its secret, which no error may repeat. */
const SECRET_PATH = '/secret-path-123?token=s3cret';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  port: number;
  origin: string;
  url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Requests whose body arrived in full. */
  received: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** A real HTTP server on 127.0.0.1 that records each request, then lets `answer` respond (or not). */
async function receiver(
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok'),
): Promise<Receiver> {
  let connections = 0;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      answer(req, res);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const handle: Receiver = {
    port,
    origin,
    url: `${origin}${SECRET_PATH}`,
    connections: () => connections,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(handle);
  return handle;
}

/** A `dns.lookup` stand-in: the addresses each host name resolves to, or the error it fails with. */
function fakeLookup(
  answers: Record<string, LookupAddress[] | NodeJS.ErrnoException>,
  calls: LookupOptions[] = [],
): typeof dns.lookup {
  const lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    calls.push(options);
    const answer =
      answers[hostname] ?? Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    setImmediate(() => {
      if (!Array.isArray(answer)) callback(answer, '');
      else if (options.all === true) callback(null, answer);
      else callback(null, answer[0]?.address ?? '', answer[0]?.family);
    });
  };
  return lookup as typeof dns.lookup;
}

const defaults: SenderOptions = { timeoutMs: 2000, maxResponseBytes: 64 * 1024, allowPrivateNetworks: false };

/** Sends `url` with `options` and checks what every result must respect: no secret in the error. */
async function send(
  url: string,
  options: Partial<SenderOptions> = {},
  body = '{"event":"test"}',
): Promise<OutboundResult> {
  const result = await createSender({ ...defaults, ...options })({
    url,
    headers: { 'content-type': 'application/json', 'x-signature': 'v1,sig-value' },
    body,
  });
  if (!result.ok) {
    expect(result.error).not.toContain('secret-path-123');
    expect(result.error).not.toContain('s3cret');
    expect(result.error).not.toContain('sig-value');
    expect(result.error).not.toContain('"event"');
  }
  return result;
}

/** How long `work` took, in milliseconds, with its result. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; elapsed: number }> {
  const started = performance.now();
  const value = await work();
  return { value, elapsed: performance.now() - started };
}

describe('createSender, against a receiver that answers', () => {
  it('reports a 2xx as ok with its status', async () => {
    const server = await receiver((_req, res) => {
      res.writeHead(202).end('accepted');
    });
    const result = await send(server.url, { allowPrivateNetworks: true });
    expect(result).toMatchObject({ ok: true, status: 202 });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(server.received).toHaveLength(1);
  });

  it('delivers the exact body and headers, by POST, to the path and query given', async () => {
    const server = await receiver();
    const body = '{"flag":"new-checkout","note":"héllo ✓"}';
    const result = await send(server.url, { allowPrivateNetworks: true }, body);
    expect(result.ok).toBe(true);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(SECRET_PATH);
    expect(request?.body).toBe(body);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-signature']).toBe('v1,sig-value');
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(request?.headers['transfer-encoding']).toBeUndefined();
  });

  it('sets content-length from the body, whatever framing header the caller passed', async () => {
    const server = await receiver();
    const sender = createSender({ ...defaults, allowPrivateNetworks: true });
    const result = await sender({
      url: server.url,
      headers: { 'Content-Length': '1', 'Transfer-Encoding': 'chunked' },
      body: 'abcdef',
    });
    expect(result.ok).toBe(true);
    expect(server.received[0]?.body).toBe('abcdef');
    expect(server.received[0]?.headers['content-length']).toBe('6');
    expect(server.received[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('reports a 500 as a failure with its status', async () => {
    const server = await receiver((_req, res) => {
      res.writeHead(500).end('boom');
    });
    expect(await send(server.url, { allowPrivateNetworks: true })).toMatchObject({
      ok: false,
      status: 500,
      error: 'HTTP 500',
    });
  });

  it('does not follow a redirect, and names only the origin of its target', async () => {
    const target = await receiver();
    const redirecting = await receiver((_req, res) => {
      res.writeHead(302, { location: `${target.origin}/elsewhere-secret-path-123?token=s3cret` }).end();
    });
    const result = await send(redirecting.url, { allowPrivateNetworks: true });
    expect(result).toMatchObject({
      ok: false,
      status: 302,
      error: `redirects are not followed (HTTP 302 to ${target.origin})`,
    });
    expect(redirecting.received).toHaveLength(1);
    expect(target.connections()).toBe(0);
  });

  it('resolves a relative Location against the request URL', async () => {
    const server = await receiver((_req, res) => {
      res.writeHead(307, { location: '/secret-path-123/next' }).end();
    });
    expect(await send(server.url, { allowPrivateNetworks: true })).toMatchObject({
      ok: false,
      status: 307,
      error: `redirects are not followed (HTTP 307 to ${server.origin})`,
    });
  });

  it('measures durationMs with the clock it is given', async () => {
    const server = await receiver();
    let tick = 0;
    const result = await send(server.url, { allowPrivateNetworks: true, now: () => (tick += 25) });
    expect(result).toEqual({ ok: true, status: 200, durationMs: 25 });
  });
});

describe('createSender, bounded in time and in what it reads', () => {
  it('times out on a receiver that never answers, within the bound', async () => {
    const server = await receiver(() => undefined);
    const { value, elapsed } = await timed(() => send(server.url, { allowPrivateNetworks: true, timeoutMs: 300 }));
    expect(value).toMatchObject({ ok: false, error: 'timed out after 300 ms' });
    expect(value).not.toHaveProperty('status');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 400);
    expect(server.received).toHaveLength(1);
  });

  it('times out on a lookup that never answers', async () => {
    const never = (() => undefined) as unknown as typeof dns.lookup;
    const { value, elapsed } = await timed(() =>
      send(`http://hooks.test${SECRET_PATH}`, { lookup: never, timeoutMs: 300 }),
    );
    expect(value).toMatchObject({ ok: false, error: 'timed out after 300 ms' });
    expect(elapsed).toBeLessThan(300 + 400);
  });

  it('stops at the bound when the receiver sends its headers, then trickles the body forever', async () => {
    let closed!: () => void;
    const receiverClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = await receiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.flushHeaders();
      const drip = setInterval(() => res.write('.'), 20);
      res.on('close', () => {
        clearInterval(drip);
        closed();
      });
    });
    const { value, elapsed } = await timed(() =>
      send(server.url, { allowPrivateNetworks: true, timeoutMs: 300, maxResponseBytes: 1024 * 1024 }),
    );
    // The status arrived, so it decides the result; the body read was cut off at the bound.
    expect(value).toMatchObject({ ok: true, status: 200 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 400);
    await receiverClosed;
  });

  it('reads no more than the cap of an endless body, then closes the connection', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let closed!: () => void;
    const receiverClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = await receiver((_req, res) => {
      res.writeHead(200);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => closed());
      pump();
    });
    const { value, elapsed } = await timed(() =>
      send(server.url, { allowPrivateNetworks: true, timeoutMs: 10_000, maxResponseBytes: 1024 }),
    );
    expect(value).toMatchObject({ ok: true, status: 200 });
    // Far sooner than the timeout: the cap, not the clock, ended the read.
    expect(elapsed).toBeLessThan(2000);
    await receiverClosed;
  });

  it('reads a short body to its end without waiting for the timeout', async () => {
    const server = await receiver((_req, res) => res.writeHead(200).end('x'.repeat(100)));
    const { value, elapsed } = await timed(() => send(server.url, { allowPrivateNetworks: true, timeoutMs: 10_000 }));
    expect(value).toMatchObject({ ok: true, status: 200 });
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('createSender, with the default address policy', () => {
  it('refuses private and special-purpose IP literals without connecting', async () => {
    const server = await receiver();
    // The host as written, as the URL parser normalises it, and why it is refused.
    const cases: [string, string, string][] = [
      ['127.0.0.1', '127.0.0.1', '127.0.0.1 is a loopback address'],
      ['[::1]', '[::1]', '::1 is a loopback address'],
      ['10.1.2.3', '10.1.2.3', '10.1.2.3 is a private address'],
      ['192.168.1.1', '192.168.1.1', '192.168.1.1 is a private address'],
      ['172.16.0.1', '172.16.0.1', '172.16.0.1 is a private address'],
      ['169.254.169.254', '169.254.169.254', '169.254.169.254 is a link-local address'],
      ['[fe80::1]', '[fe80::1]', 'fe80::1 is a link-local address'],
      ['[fc00::1]', '[fc00::1]', 'fc00::1 is a unique-local address'],
      ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '::ffff:7f00:1 maps to 127.0.0.1, a loopback address'],
      ['100.64.0.1', '100.64.0.1', '100.64.0.1 is a carrier-grade NAT address'],
      ['0.0.0.0', '0.0.0.0', '0.0.0.0 is an unspecified address'],
      ['2130706433', '127.0.0.1', '127.0.0.1 is a loopback address'],
    ];
    for (const [host, normalised, reason] of cases) {
      const result = await send(`http://${host}:${server.port}${SECRET_PATH}`, { timeoutMs: 1000 });
      expect(result, host).toMatchObject({
        ok: false,
        error: `refused http://${normalised}:${server.port}: ${reason}`,
      });
    }
    expect(server.connections()).toBe(0);
  });

  it('refuses localhost, checked on the addresses its lookup returns', async () => {
    const server = await receiver();
    const result = await send(`http://localhost:${server.port}${SECRET_PATH}`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      new RegExp(`^refused http://localhost:${server.port}: (127\\.0\\.0\\.1|::1) is a loopback address$`),
    );
    expect(server.connections()).toBe(0);
  });

  it('checks the one lookup the connection makes, so no second answer can differ from the checked one', async () => {
    const server = await receiver();
    const calls: LookupOptions[] = [];
    const lookup = fakeLookup({ 'hooks.test': [{ address: '127.0.0.1', family: 4 }] }, calls);
    const result = await send(`http://hooks.test:${server.port}${SECRET_PATH}`, { lookup });
    expect(result).toMatchObject({
      ok: false,
      error: `refused http://hooks.test:${server.port}: 127.0.0.1 is a loopback address`,
    });
    expect(calls).toHaveLength(1);
    expect(server.connections()).toBe(0);
  });

  it('refuses a host name that resolves to one public and one private address', async () => {
    const server = await receiver();
    const lookup = fakeLookup({
      'mixed.test': [
        { address: '8.8.8.8', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    const result = await send(`http://mixed.test:${server.port}${SECRET_PATH}`, { lookup });
    expect(result).toMatchObject({
      ok: false,
      error: `refused http://mixed.test:${server.port}: 127.0.0.1 is a loopback address`,
    });
    expect(server.connections()).toBe(0);
  });

  it('checks the address also when Node asks its lookup for one address, not all', async () => {
    const server = await receiver();
    const calls: LookupOptions[] = [];
    const lookup = fakeLookup({ 'hooks.test': [{ address: '127.0.0.1', family: 4 }] }, calls);
    setDefaultAutoSelectFamily(false);
    try {
      expect(await send(`http://hooks.test:${server.port}${SECRET_PATH}`, { lookup })).toMatchObject({
        ok: false,
        error: `refused http://hooks.test:${server.port}: 127.0.0.1 is a loopback address`,
      });
      expect(
        await send(`http://hooks.test:${server.port}${SECRET_PATH}`, { lookup, allowPrivateNetworks: true }),
      ).toMatchObject({
        ok: true,
        status: 200,
      });
    } finally {
      setDefaultAutoSelectFamily(true);
    }
    expect(calls.map((c) => c.all ?? false)).toEqual([false, false]);
    expect(server.connections()).toBe(1);
  });
});

describe('createSender, with private networks allowed', () => {
  it('reaches a receiver on the loopback address', async () => {
    const server = await receiver();
    expect(await send(server.url, { allowPrivateNetworks: true })).toMatchObject({ ok: true, status: 200 });
    expect(server.connections()).toBe(1);
  });

  it('reaches it through a host name, whether the lookup answers with a list or one address', async () => {
    const server = await receiver();
    const calls: LookupOptions[] = [];
    const listing = fakeLookup({ 'hooks.test': [{ address: '127.0.0.1', family: 4 }] }, calls);
    expect(
      await send(`http://hooks.test:${server.port}/`, { lookup: listing, allowPrivateNetworks: true }),
    ).toMatchObject({
      ok: true,
      status: 200,
    });
    expect(calls[0]?.all).toBe(true);
    // A lookup that ignores `all` and answers with one address is still understood.
    const single = ((_host: string, _options: LookupOptions, callback: (e: null, a: string, f: number) => void) =>
      callback(null, '127.0.0.1', 4)) as unknown as typeof dns.lookup;
    expect(
      await send(`http://hooks.test:${server.port}/`, { lookup: single, allowPrivateNetworks: true }),
    ).toMatchObject({
      ok: true,
      status: 200,
    });
    expect(server.received).toHaveLength(2);
  });
});

describe('createSender, when the request cannot be made', () => {
  it('refuses schemes other than http and https without connecting', async () => {
    const server = await receiver();
    for (const url of [
      `ftp://127.0.0.1:${server.port}${SECRET_PATH}`,
      'file:///etc/secret-path-123',
      'data:text/plain,s3cret',
    ]) {
      const result = await send(url, { allowPrivateNetworks: true });
      expect(result, url).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^unsupported scheme [a-z]+: \(only http and https\)$/),
      });
    }
    expect(await send('not a url /secret-path-123', { allowPrivateNetworks: true })).toMatchObject({
      ok: false,
      error: 'invalid URL',
    });
    expect(server.connections()).toBe(0);
  });

  it('reports a DNS failure', async () => {
    const lookup = fakeLookup({});
    expect(await send(`https://hooks.invalid${SECRET_PATH}`, { lookup })).toMatchObject({
      ok: false,
      error: 'could not resolve hooks.invalid (ENOTFOUND)',
    });
  });

  it('reports a refused connection', async () => {
    const server = await receiver();
    await server.close();
    expect(await send(server.url, { allowPrivateNetworks: true })).toMatchObject({
      ok: false,
      error: `${server.origin} refused the connection`,
    });
  });

  it('reports a connection reset before the answer', async () => {
    const server = await receiver((req) => req.socket.destroy());
    expect(await send(server.url, { allowPrivateNetworks: true })).toMatchObject({
      ok: false,
      error: `the connection to ${server.origin} was reset`,
    });
  });

  it('reports a failed TLS handshake', async () => {
    const server = await receiver();
    const result = await send(`https://127.0.0.1:${server.port}${SECRET_PATH}`, { allowPrivateNetworks: true });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^TLS error with https:\/\/127\.0\.0\.1:\d+ \(\w+\)$/),
    });
  });

  it('never rejects, even on a header Node will not send', async () => {
    const server = await receiver();
    const result = await createSender({ ...defaults, allowPrivateNetworks: true })({
      url: server.url,
      headers: { 'x-bad': 'line\r\nbreak-s3cret' },
      body: '',
    });
    expect(result).toMatchObject({ ok: false, error: `request to ${server.origin} failed (ERR_INVALID_CHAR)` });
    expect(server.connections()).toBe(0);
  });
});
