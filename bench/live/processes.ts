/**
 * Every child process a benchmark starts goes through here, so that all of them are stopped
 * at the end, on an error, on Ctrl-C, and (with SIGKILL) when the benchmark itself exits.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Spawns a child that is killed at the latest when this process exits. */
export function startChild(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Asks a child to stop (SIGTERM), then kills it if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

/** Resolves with the first match of `pattern` in the child's stdout or stderr, or rejects on exit or after `timeoutMs`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (error?: Error, match?: RegExpExecArray) => {
      clearTimeout(timer);
      for (const stream of [child.stdout, child.stderr]) {
        stream?.off('data', collect);
        stream?.resume();
      }
      child.off('exit', onExit);
      if (match !== undefined) resolve(match);
      else reject(error);
    };
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match !== null) done(undefined, match);
    };
    const onExit = (code: number | null) =>
      done(new Error(`the process exited (${String(code)}) before printing ${pattern}:\n${output.slice(-2_000)}`));
    const timer = setTimeout(
      () => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.slice(-2_000)}`)),
      timeoutMs,
    );
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', onExit);
  });
}
