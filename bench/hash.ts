/**
 * The hash benchmark: the per-call cost of MurmurHash3 x86_32 over UTF-8, as the `murmurhash`
 * package does it (fed TextEncoder's bytes, which UTF-8 correctness requires, or given the
 * string, which it encodes itself) against `murmur3` from @rampart/core, on ASCII and on
 * non-ASCII input. Each implementation runs in its own process, like the evaluation benchmark.
 * Usage: npm run bench:hash [-- --passes 7]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom, flat, generateContexts } from './contexts';
import { median } from './measure';
import { table } from './report';
import { packageVersion } from './versions';

const IMPLEMENTATIONS = ['murmurhash-encoded', 'murmurhash-string', 'rampart'] as const;
type Implementation = (typeof IMPLEMENTATIONS)[number];
const INPUTS = ['ascii', 'non-ascii'] as const;
type InputKind = (typeof INPUTS)[number];

const INPUT_COUNT = 100_000;
const SALT_PREFIX = 'rollout25:';
/** Accented Latin, Greek, Cyrillic, CJK, and emoji (surrogate pairs): 2-, 3- and 4-byte UTF-8. */
const NON_ASCII = [...'éüñçøßàÉΩλжЯ用户測試데이터😀🚀🎉'];
const ASCII = [...'abcdefghijklmnopqrstuvwxyz0123456789-'];

interface InputResult {
  input: InputKind;
  nsPerOp: number;
  passesNsPerOp: number[];
  /** XOR of every hash: equal across implementations when they agree on every input. */
  checksum: number;
}

function isImplementation(value: string): value is Implementation {
  return IMPLEMENTATIONS.some((name) => name === value);
}

/** `${salt}:${userId}` as bucketing hashes it: the ASCII ids of the evaluation benchmark, or ids of mixed scripts. */
function inputs(kind: InputKind): string[] {
  if (kind === 'ascii') return generateContexts(INPUT_COUNT).map(({ userId }) => flat(SALT_PREFIX + userId));
  const random = createRandom(0xc0de);
  return Array.from({ length: INPUT_COUNT }, (_, i) => {
    let id = '';
    for (let c = 0; c < 12; c++) {
      const pool = random() < 0.5 ? NON_ASCII : ASCII;
      id += pool[Math.floor(random() * pool.length)] ?? '';
    }
    return flat(`${SALT_PREFIX}${id}-${i}`);
  });
}

async function hasher(name: Implementation): Promise<(input: string) => number> {
  if (name === 'rampart') {
    const { murmur3 } = await import('@rampart/core');
    return (input) => murmur3(input, 0);
  }
  const { default: murmurhash } = await import('murmurhash');
  if (name === 'murmurhash-string') return (input) => murmurhash.v3(input, 0);
  const encoder = new TextEncoder();
  return (input) => murmurhash.v3(encoder.encode(input), 0);
}

function pass(hash: (input: string) => number, data: readonly string[]): number {
  let checksum = 0;
  for (const input of data) checksum ^= hash(input);
  return checksum >>> 0;
}

async function child(name: Implementation, warmupPasses: number, timedPasses: number): Promise<void> {
  const hash = await hasher(name);
  const data = INPUTS.map(inputs);
  for (let i = 0; i < warmupPasses; i++) data.forEach((d) => pass(hash, d));
  const times = INPUTS.map((): number[] => []);
  const checksums = data.map((d) => pass(hash, d));
  for (let p = 0; p < timedPasses; p++) {
    data.forEach((d, i) => {
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      pass(hash, d);
      times[i]?.push(Number(process.hrtime.bigint() - start) / d.length);
    });
  }
  const results: InputResult[] = INPUTS.map((input, i) => ({
    input,
    nsPerOp: median(times[i] ?? []),
    passesNsPerOp: times[i] ?? [],
    checksum: checksums[i] ?? 0,
  }));
  process.stdout.write(`${JSON.stringify({ implementation: name, results })}\n`);
}

function parseResults(line: string): InputResult[] {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null || !('results' in value) || !Array.isArray(value.results)) {
    throw new TypeError('malformed report from a hash process');
  }
  return value.results.map((item: unknown): InputResult => {
    if (
      typeof item !== 'object' ||
      item === null ||
      !('input' in item && 'nsPerOp' in item && 'passesNsPerOp' in item && 'checksum' in item) ||
      !INPUTS.some((kind) => kind === item.input) ||
      typeof item.nsPerOp !== 'number' ||
      !Array.isArray(item.passesNsPerOp) ||
      typeof item.checksum !== 'number'
    ) {
      throw new TypeError('malformed result from a hash process');
    }
    const input = INPUTS.find((kind) => kind === item.input) ?? 'ascii';
    const passes = item.passesNsPerOp.filter((n: unknown): n is number => typeof n === 'number');
    return { input, nsPerOp: item.nsPerOp, passesNsPerOp: passes, checksum: item.checksum };
  });
}

function runChild(name: Implementation, args: readonly string[]): Promise<InputResult[]> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--child', name, ...args], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`${name} exited with code ${code}`));
      else resolve(parseResults(stdout.trim().split('\n').at(-1) ?? ''));
    });
  });
}

const LABELS: Record<Implementation, string> = {
  'murmurhash-encoded': `murmurhash ${packageVersion('murmurhash')} v3(encoder.encode(s))`,
  'murmurhash-string': `murmurhash ${packageVersion('murmurhash')} v3(s)`,
  rampart: `@rampart/core ${packageVersion('@rampart/core')} murmur3(s, 0)`,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { child: { type: 'string' }, warmup: { type: 'string' }, passes: { type: 'string' } },
  });
  const warmup = Number(values.warmup ?? '3');
  const passes = Number(values.passes ?? '7');
  if (values.child !== undefined) {
    if (!isImplementation(values.child)) throw new Error(`unknown implementation '${values.child}'`);
    await child(values.child, warmup, passes);
    return;
  }
  const rows: string[][] = [];
  const checksums = new Map<InputKind, Set<number>>(INPUTS.map((input) => [input, new Set<number>()]));
  for (const name of IMPLEMENTATIONS) {
    process.stderr.write(`measuring ${name}…\n`);
    const results = await runChild(name, ['--warmup', String(warmup), '--passes', String(passes)]);
    rows.push([
      LABELS[name],
      ...INPUTS.map((input) => {
        const result = results.find((r) => r.input === input);
        if (result === undefined) return 'n/a';
        checksums.get(input)?.add(result.checksum);
        return result.nsPerOp >= 100 ? result.nsPerOp.toFixed(0) : result.nsPerOp.toFixed(1);
      }),
    ]);
  }
  console.log(`Rampart hash benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}`);
  console.log(
    `${INPUT_COUNT.toLocaleString('en-US')} inputs of the form '${SALT_PREFIX}<id>' per pass; median of ${passes} timed passes after ${warmup} warm-up passes; ns per hash`,
  );
  console.log('');
  console.log(table([['implementation', 'ASCII ids ns/op', 'non-ASCII ids ns/op'], ...rows], (c) => c > 0));
  const agree = INPUTS.every((input) => (checksums.get(input)?.size ?? 0) === 1);
  console.log('');
  console.log(
    agree ? 'All implementations gave the same hashes (checksums equal).' : 'Implementations DISAGREE on some hashes.',
  );
  if (!agree) process.exitCode = 1;
}

await main();
