/**
 * The web UI's flags list with 1,000 flags, in headless Chromium against a real server: how long
 * the list takes to show every row after sign-in, and how long the list takes to follow a search
 * typed into it, with the longest main-thread task during the typing (a stall a person would
 * see is a task of 100 ms or more). Three environments, so 3,000 switches and cells. No peer is
 * measured: no other flag service's UI installs and runs here. Asserts nothing.
 *
 * Usage: npm run bench:ui-list [-- --flags <n>]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const SERVER = fileURLToPath(new URL('../packages/server/dist/main.js', import.meta.url));
const flagsArgument = process.argv.indexOf('--flags');
const FLAGS = flagsArgument > 0 ? Number(process.argv[flagsArgument + 1]) : 1_000;
const TOKEN = 'ui-list-benchmark-admin-token-0123456789';
const PASSWORD = 'correct horse battery staple';

async function startServer(directory: string) {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `file:${join(directory, 'r.db')}`,
      RAMPART_ADMIN_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`the server exited: ${output}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'rampart-ui-list-'));
  const server = await startServer(directory);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await call('POST', '/environments', { key: 'staging', name: 'Staging' });
    const changes = Array.from({ length: FLAGS }, (_, i) => ({
      kind: 'flag.create',
      flag: {
        key: `flag-${String(i).padStart(4, '0')}`,
        tags: [i % 2 === 0 ? 'web' : 'api'],
        description: `Flag number ${i}`,
      },
    }));
    await call('POST', '/change-sets', { changes });
    const person = await call('POST', '/users', { email: 'bench@example.com', name: 'Bench', role: 'admin' });
    const { token } = person.invitation as { token: string };
    await fetch(`${server.url}/api/v1/invitations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill('bench@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`${FLAGS} flags`, { exact: true }).waitFor({ timeout: 60_000 });
    await page
      .locator('table.flags tbody tr')
      .nth(FLAGS - 1)
      .waitFor({ state: 'attached' });
    const listed = Date.now() - started;
    await page.evaluate(() => {
      const record = globalThis as unknown as { longest: number };
      record.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) record.longest = Math.max(record.longest, entry.duration);
        // A browser's entry type, which Node's typings (this file's) do not list.
      }).observe({ type: 'longtask' as never, buffered: false });
    });
    const search = page.getByLabel('Search');
    const typed = Date.now();
    await search.pressSequentially(`flag-0${FLAGS > 999 ? '999' : '1'}`, { delay: 30 });
    await page.getByText(/^1 of \d+ flags$/).waitFor({ timeout: 30_000 });
    const filtered = Date.now() - typed;
    const longest = await page.evaluate(() => (globalThis as unknown as { longest: number }).longest);
    await page.evaluate(() => {
      (globalThis as unknown as { longest: number }).longest = 0;
    });
    const cleared = Date.now();
    await search.fill('');
    await page.getByText(`${FLAGS} flags`, { exact: true }).waitFor({ timeout: 30_000 });
    await page
      .locator('table.flags tbody tr')
      .nth(FLAGS - 1)
      .waitFor({ state: 'attached' });
    const back = Date.now() - cleared;
    const longestBack = await page.evaluate(() => (globalThis as unknown as { longest: number }).longest);
    console.log(`The flags list with ${FLAGS} flags in 3 environments (headless Chromium, real server):`);
    console.log(`  sign-in to every row shown           ${String(listed).padStart(6)} ms`);
    console.log(
      `  typing a 9-character search to 1 row  ${String(filtered).padStart(5)} ms (30 ms between keys, included)`,
    );
    console.log(
      `  longest main-thread task while typing ${String(Math.round(longest)).padStart(5)} ms (a visible stall is 100 ms or more)`,
    );
    console.log(`  clearing the search to every row shown ${String(back).padStart(5)} ms`);
    console.log(`  longest main-thread task meanwhile    ${String(Math.round(longestBack)).padStart(5)} ms`);
  } finally {
    await browser.close();
    server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
