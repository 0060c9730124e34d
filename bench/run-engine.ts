/**
 * One engine in its own process, started by evaluation.ts: builds the contexts, configures
 * the engine, measures it and writes one JSON line on stdout.
 * Usage: node --expose-gc --import tsx run-engine.ts <engine> [--warmup n] [--passes n] [--min-pass-ms n]
 */
import { parseArgs } from 'node:util';
import { generateContexts } from './contexts';
import { isEngineName, loadEngine, type EngineName } from './engines/index';
import { FLAG_KEYS } from './flags';
import { measure, type FlagMeasurement } from './measure';

export interface EngineReport {
  engine: EngineName;
  contexts: number;
  results: FlagMeasurement[];
}

function positiveInteger(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`expected a positive integer, got '${text}'`);
  return value;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { warmup: { type: 'string' }, passes: { type: 'string' }, 'min-pass-ms': { type: 'string' } },
  });
  const name = positionals[0] ?? '';
  if (!isEngineName(name)) throw new Error(`unknown engine '${name}'`);
  const contexts = generateContexts();
  const create = await loadEngine(name);
  const engine = await create(contexts);
  try {
    const results = measure(engine, FLAG_KEYS, contexts.length, {
      warmupPasses: positiveInteger(values.warmup, 3),
      timedPasses: positiveInteger(values.passes, 7),
      minPassMs: positiveInteger(values['min-pass-ms'], 25),
    });
    const report: EngineReport = { engine: name, contexts: contexts.length, results };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    engine.close();
  }
}

await main();
