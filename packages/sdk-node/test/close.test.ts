import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRampart, type RampartServer } from './support/rampart-server.js';

let server: RampartServer;
beforeAll(async () => {
  server = await startRampart();
});
afterAll(async () => {
  await server.dispose();
});

const BUILT_SDK = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('close()', () => {
  it('leaves no open handles: a process that closes its client exits by itself', async () => {
    const { secret } = await server.serverKey('production');
    // No process.exit in the script: it ends only if close() released every socket and timer.
    const script = `
      const { createClient } = await import(${JSON.stringify(BUILT_SDK)});
      const flags = createClient({ url: ${JSON.stringify(server.url)}, sdkKey: ${JSON.stringify(secret)}, pollIntervalMs: 50, timeoutMs: 10_000 });
      console.log(await flags.ready());
      await flags.close();
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running after 30 s');
      }, 30_000);
      child.once('exit', (exitCode, signal) => {
        clearTimeout(timer);
        resolve(exitCode ?? signal ?? 'unknown');
      });
    });
    expect(code).toBe(0);
    expect(output.trim()).toBe('ready');
  });
});
