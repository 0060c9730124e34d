/** Reads a server's memory through `memory-hook.ts`, which it must have been started with. */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `node` arguments that load the hook (with tsx, since it is TypeScript). */
export const MEMORY_HOOK_ARGS = [
  '--expose-gc',
  '--import',
  'tsx',
  '--import',
  fileURLToPath(new URL('./memory-hook.ts', import.meta.url)),
] as const;

export interface MemoryReading {
  readonly rss: number;
  readonly heapUsed: number;
  /** memory of Buffers and other objects outside the V8 heap */
  readonly external: number;
}

function numberIn(value: unknown, name: string): number {
  const field =
    typeof value === 'object' && value !== null && name in value
      ? Object.entries(value).find(([key]) => key === name)?.[1]
      : undefined;
  if (typeof field !== 'number') throw new Error(`no ${name} in the memory reading`);
  return field;
}

/** Signals the child and resolves with the reading it prints. */
export function readMemory(child: ChildProcess, timeoutMs = 20_000): Promise<MemoryReading> {
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const line = /MEMORY (\{.*\})\n/.exec(output);
      if (line?.[1] === undefined) return;
      finish();
      const parsed: unknown = JSON.parse(line[1]);
      resolve({
        rss: numberIn(parsed, 'rss'),
        heapUsed: numberIn(parsed, 'heapUsed'),
        external: numberIn(parsed, 'external'),
      });
    };
    const finish = () => {
      clearTimeout(timer);
      child.stderr?.off('data', collect);
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error('the server printed no memory reading (was it started with MEMORY_HOOK_ARGS?)'));
    }, timeoutMs);
    child.stderr?.on('data', collect);
    child.kill('SIGUSR2');
  });
}
