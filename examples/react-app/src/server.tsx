/**
 * The example's page server: `/` sends the page for the browser to render, `/ssr` renders it
 * here first with the results of `POST /api/v1/client/evaluate` as `bootstrap`, so the first
 * paint already shows the banner and hydration matches. Static files come from `dist/client`.
 *
 * RAMPART_URL, RAMPART_CLIENT_KEY, PORT (default 5180, 0 for any) and HOST (default 127.0.0.1).
 */
import { RampartProvider, type FlagResults } from '@rampart/sdk-react';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderToString } from 'react-dom/server';
import { App } from './app';
import { configScript, type PageConfig } from './config';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface PageServerOptions {
  rampartUrl: string;
  clientKey: string;
  /** The Vite build of the browser side. */
  clientDir: string;
  port?: number;
  host?: string;
}

async function evaluate(
  rampartUrl: string,
  clientKey: string,
  context: PageConfig['context'],
): Promise<FlagResults | undefined> {
  try {
    const response = await fetch(`${rampartUrl}/api/v1/client/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context }),
      signal: AbortSignal.timeout(1_000),
    });
    if (response.ok) return (await response.json()) as FlagResults;
    console.error(`POST /client/evaluate answered ${response.status}; rendering with defaults`);
  } catch (error) {
    console.error('Rampart is unreachable; rendering with defaults', error);
  }
  return undefined;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/**
 * Starts the page server and resolves with its address.
 *
 * @example
 * const pages = await startPageServer({ rampartUrl: 'http://127.0.0.1:4000', clientKey: 'rpc_…', clientDir: 'dist/client' });
 * console.log(pages.url);
 */
export async function startPageServer({
  rampartUrl,
  clientKey,
  clientDir,
  port = 5180,
  host = '127.0.0.1',
}: PageServerOptions) {
  const template = await readFile(join(clientDir, 'index.html'), 'utf8');
  const server = createServer((request, response) => {
    void (async () => {
      const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
      const context = { userId: searchParams.get('user') ?? 'visitor-1' };
      const config: PageConfig = { url: rampartUrl, clientKey, context };
      if (pathname === '/' || pathname === '/ssr') {
        let html = '';
        if (pathname === '/ssr') {
          const bootstrap = await evaluate(rampartUrl, clientKey, context);
          if (bootstrap) config.bootstrap = bootstrap;
          html = renderToString(
            <RampartProvider {...config}>
              <App />
            </RampartProvider>,
          );
        }
        send(
          response,
          200,
          TYPES['.html'] ?? '',
          template.replace('<!--rampart-config-->', configScript(config)).replace('<!--rampart-html-->', html),
        );
        return;
      }
      const file = normalize(join(clientDir, pathname));
      if (!file.startsWith(normalize(clientDir)) || pathname.endsWith('/'))
        return send(response, 404, 'text/plain', 'not found');
      const body = await readFile(file).catch(() => undefined);
      if (body === undefined) return send(response, 404, 'text/plain', 'not found');
      send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
    })().catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Run as a program (`npm start`), not when a test imports it.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { RAMPART_URL = 'http://127.0.0.1:4000', RAMPART_CLIENT_KEY, PORT, HOST } = process.env;
  if (!RAMPART_CLIENT_KEY) {
    console.error('Set RAMPART_CLIENT_KEY to a client key (rpc_…) of the environment to show.');
    process.exit(1);
  }
  const clientDir = fileURLToPath(new URL('../client', import.meta.url));
  const pages = await startPageServer({
    rampartUrl: RAMPART_URL,
    clientKey: RAMPART_CLIENT_KEY,
    clientDir,
    ...(PORT && { port: Number(PORT) }),
    ...(HOST && { host: HOST }),
  });
  console.log(`listening on ${pages.url} (client-rendered: /, server-rendered: /ssr)`);
}
