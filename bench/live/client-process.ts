/** The driver's handle on the SSE client process (`sse-clients.ts`). */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isClientMessage, type ClientMessage, type DriverMessage } from './client-protocol';
import { startChild, stopChild } from './processes';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

export interface SseClients {
  readonly pid: number;
  connect(
    url: string,
    headers: Record<string, string>,
    count: number,
    timeoutMs: number,
  ): Promise<Extract<ClientMessage, { type: 'connected' }>>;
  awaitVersion(version: number, timeoutMs: number): Promise<Extract<ClientMessage, { type: 'arrivals' }>>;
  close(): Promise<void>;
}

function next<T extends ClientMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ClientMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error, message?: Extract<ClientMessage, { type: T }>) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message !== undefined) resolve(message);
      else reject(error);
    };
    const onMessage = (message: unknown) => {
      if (isClientMessage(message) && isOfType(message, type)) finish(undefined, message);
    };
    const onExit = (code: number | null) => finish(new Error(`the client process exited (${String(code)})`));
    const timer = setTimeout(
      () => finish(new Error(`the client process sent no '${type}' within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function isOfType<T extends ClientMessage['type']>(
  message: ClientMessage,
  type: T,
): message is Extract<ClientMessage, { type: T }> {
  return message.type === type;
}

/** Starts the client process; it opens nothing until `connect`. */
export function startSseClients(): SseClients {
  const child = startChild(process.execPath, ['--import', 'tsx', 'live/sse-clients.ts'], {
    cwd: benchDir,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: DriverMessage) => child.send(message);
  return {
    pid: child.pid ?? -1,
    connect(url, headers, count, timeoutMs) {
      const reply = next(child, 'connected', timeoutMs + 10_000);
      send({ type: 'connect', url, headers, count, timeoutMs });
      return reply;
    },
    awaitVersion(version, timeoutMs) {
      const reply = next(child, 'arrivals', timeoutMs + 10_000);
      send({ type: 'await', version, timeoutMs });
      return reply;
    },
    async close() {
      if (child.connected) {
        const closed = next(child, 'closed', 10_000).catch(() => undefined);
        send({ type: 'close' });
        await closed;
      }
      await stopChild(child);
    },
  };
}
