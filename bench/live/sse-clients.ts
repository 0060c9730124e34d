/**
 * The client side of the stream benchmarks, in its own process: opens N SSE connections with
 * plain `node:http` requests and records when each sees a `patch` event. It parses only what
 * that needs (event blocks, their `event:` and `id:` lines), so that the client costs little
 * next to the server it measures. Driven over IPC (`client-protocol.ts`).
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { isDriverMessage, type ClientMessage, type DriverMessage } from './client-protocol';
import { nowMs } from './stats';

const CONNECTING_AT_ONCE = 200;

interface Stream {
  request: ClientRequest;
  response?: IncomingMessage;
  pending: string;
  snapshot: boolean;
  /** id of the last patch seen, and when it arrived. */
  patchId: number;
  patchAt: number;
}

const streams: Stream[] = [];
interface Awaited {
  /** arrival time per stream, NaN until it arrives */
  readonly times: Float64Array;
  remaining: number;
  done?: () => void;
}

/** The versions awaited now (one at a time in practice). */
const awaited = new Map<number, Awaited>();

function send(message: ClientMessage): void {
  process.send?.(message);
}

function onEvents(stream: Stream, index: number, text: string, at: number): void {
  stream.pending += text;
  let end = stream.pending.indexOf('\n\n');
  while (end >= 0) {
    const block = stream.pending.slice(0, end);
    stream.pending = stream.pending.slice(end + 2);
    end = stream.pending.indexOf('\n\n');
    if (block.startsWith('event: snapshot')) stream.snapshot = true;
    else if (block.startsWith('event: patch')) {
      const id = /^id: (\d+)$/m.exec(block);
      if (id?.[1] === undefined) continue;
      const version = Number(id[1]);
      stream.patchId = version;
      stream.patchAt = at;
      for (const [awaitedVersion, entry] of awaited) {
        if (version < awaitedVersion || !Number.isNaN(entry.times[index])) continue;
        entry.times[index] = at;
        entry.remaining--;
        if (entry.remaining === 0) entry.done?.();
      }
    }
  }
}

function open(url: URL, headers: Record<string, string>, index: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: false });
    const stream: Stream = { request: req, pending: '', snapshot: false, patchId: 0, patchAt: 0 };
    streams[index] = stream;
    req.on('error', (error) => resolve(error.message));
    req.on('response', (response) => {
      stream.response = response;
      if (response.statusCode !== 200) {
        resolve(`status ${response.statusCode}`);
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (text: string) => {
        onEvents(stream, index, text, nowMs());
        if (stream.snapshot) resolve(undefined);
      });
      response.on('error', () => undefined);
    });
    req.end();
  });
}

async function connect(message: Extract<DriverMessage, { type: 'connect' }>): Promise<void> {
  const started = performance.now();
  const url = new URL(message.url);
  const deadline = Date.now() + message.timeoutMs;
  let next = 0;
  let failed = 0;
  let firstError = '';
  async function worker(): Promise<void> {
    while (next < message.count && Date.now() < deadline) {
      const index = next++;
      const error = await Promise.race([
        open(url, message.headers, index),
        new Promise<string>((resolve) =>
          setTimeout(() => resolve('no snapshot in time'), Math.max(1, deadline - Date.now())).unref(),
        ),
      ]);
      if (error !== undefined) {
        failed++;
        if (firstError === '') firstError = error;
      }
    }
  }
  await Promise.all(Array.from({ length: CONNECTING_AT_ONCE }, worker));
  const opened = streams.filter((stream) => stream.snapshot).length;
  send({
    type: 'connected',
    open: opened,
    failed: failed + (message.count - next),
    firstError,
    ms: performance.now() - started,
  });
}

async function awaitVersion({ version, timeoutMs }: Extract<DriverMessage, { type: 'await' }>): Promise<void> {
  const times = new Float64Array(streams.length).fill(Number.NaN);
  const entry: Awaited = { times, remaining: streams.length };
  // a patch that came before this message still counts
  streams.forEach((stream, index) => {
    if (stream.patchId < version) return;
    times[index] = stream.patchAt;
    entry.remaining--;
  });
  awaited.set(version, entry);
  if (entry.remaining > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      entry.done = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  awaited.delete(version);
  const seen = [...times].filter((time) => !Number.isNaN(time));
  send({ type: 'arrivals', version, arrivals: seen, missing: times.length - seen.length });
}

function closeAll(): void {
  for (const stream of streams) stream.request.destroy();
  send({ type: 'closed' });
  process.disconnect?.();
}

process.on('message', (message: unknown) => {
  if (!isDriverMessage(message)) return;
  if (message.type === 'connect') void connect(message);
  else if (message.type === 'await') void awaitVersion(message);
  else closeAll();
});
process.on('disconnect', () => process.exit(0));
