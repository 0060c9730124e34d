/**
 * The SSE parsing benchmark: core's `createSseParser` against `eventsource-parser`, fed the
 * same text in the same chunks, in one process, rounds alternating. Three streams: one large
 * snapshot on a single data line arriving in 16 KiB chunks (the worst case for a parser that
 * rescans what it holds), many flag updates in 16 KiB chunks, and the same updates one per
 * chunk, as a live stream delivers them. Prints a table; asserts nothing.
 * Usage: npm run bench:sse [-- --rounds 15]
 */
import { createSseParser } from '@rampart/core/stream';
import { createParser } from 'eventsource-parser';
import { parseArgs } from 'node:util';
import { median } from './measure';
import { table } from './report';
import { packageVersion } from './versions';

interface Workload {
  name: string;
  chunks: string[];
  /** Events the stream holds: both parsers must report exactly these. */
  events: number;
}

function cut(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
  return chunks;
}

function workloads(): Workload[] {
  const flags = Array.from({ length: 20_000 }, (_, i) => ({
    key: `flag-${i}`,
    enabled: i % 2 === 0,
    rules: [{ id: `r${i}`, rollout: { percentage: i % 100 } }],
  }));
  const snapshot = `id: 1\nevent: snapshot\ndata: ${JSON.stringify({ version: 1, flags })}\n\n`;
  const updates = Array.from(
    { length: 10_000 },
    (_, i) => `id: ${i + 2}\nevent: flag\ndata: ${JSON.stringify(flags[i])}\n\n`,
  );
  return [
    {
      name: `snapshot of ${(snapshot.length / 2 ** 20).toFixed(1)} MiB, 16 KiB chunks`,
      chunks: cut(snapshot, 16_384),
      events: 1,
    },
    { name: '10,000 updates, 16 KiB chunks', chunks: cut(updates.join(''), 16_384), events: updates.length },
    { name: '10,000 updates, one per chunk', chunks: updates, events: updates.length },
  ];
}

type Parse = (chunks: readonly string[]) => number;

const PARSERS: Record<string, Parse> = {
  [`Rampart (@rampart/core ${packageVersion('@rampart/core')})`]: (chunks) => {
    let events = 0;
    const feed = createSseParser({ onEvent: () => events++, onRetry: () => undefined });
    for (const chunk of chunks) feed(chunk);
    return events;
  },
  [`eventsource-parser ${packageVersion('eventsource-parser')}`]: (chunks) => {
    let events = 0;
    const parser = createParser({ onEvent: () => events++ });
    for (const chunk of chunks) parser.feed(chunk);
    return events;
  },
};

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' } } });
const rounds = Number(values.rounds);
const names = Object.keys(PARSERS);
const rows = [['stream', ...names.map((name) => `${name} ms`)]];

for (const workload of workloads()) {
  const timings = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = -3; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const parse = PARSERS[name];
      if (parse === undefined) continue;
      const started = performance.now();
      const events = parse(workload.chunks);
      const elapsed = performance.now() - started;
      if (events !== workload.events)
        throw new Error(`${name} reported ${events} events on "${workload.name}", expected ${workload.events}`);
      if (round >= 0) timings.get(name)?.push(elapsed);
    }
  }
  rows.push([workload.name, ...names.map((name) => median(timings.get(name) ?? []).toFixed(2))]);
}

console.log(
  `SSE parsing, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}: median of ${rounds} rounds after 3 warm-up rounds, both parsers alternating in one process`,
);
console.log(table(rows, (column) => column > 0));
