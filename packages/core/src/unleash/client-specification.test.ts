/**
 * Unleash's own client specification, every file its index lists, run through
 * fromUnleash → compile → evaluate. A case that we answer differently on purpose must be listed
 * in DELIBERATE_DIFFERENCES with its reason; the test then checks that it still differs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../compile/compile';
import { evaluate } from '../evaluate';
import type { EvaluationResult, FlagValue } from '../model';
import { fromUnleashContext } from './context';
import { documentFromDelta, type UnleashDeltaEvent } from './delta.test-support';
import { fromUnleash } from './from-unleash';
import type { UnleashContext, UnleashDocument, UnleashPayload } from './types';

interface ToggleCase {
  description: string;
  context: UnleashContext;
  toggleName: string;
  expectedResult: boolean;
}

interface VariantCase {
  description: string;
  context: UnleashContext;
  toggleName: string;
  expectedResult: { name: string; enabled: boolean; feature_enabled?: boolean; payload?: UnleashPayload };
}

interface SpecificationFile {
  name: string;
  state: UnleashDocument | { events: UnleashDeltaEvent[] };
  tests?: ToggleCase[];
  variantTests?: VariantCase[];
}

/** `${file} › ${description}` → why Rampart answers differently. None so far. */
const DELIBERATE_DIFFERENCES: Readonly<Record<string, string>> = {};

const directory = join(
  dirname(createRequire(import.meta.url).resolve('@unleash/client-specification/package.json')),
  'specifications',
);
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(directory, file), 'utf8'));
const files = readJson('index.json') as string[];

function documentOf(state: SpecificationFile['state']): UnleashDocument {
  return 'events' in state ? documentFromDelta(state.events) : state;
}

/** What a payload means as a value, read independently of the mapping under test. */
function expectedValue(payload: UnleashPayload | undefined): FlagValue | undefined {
  if (payload === undefined) return undefined;
  const text = String(payload.value);
  if (payload.type === 'json') return JSON.parse(text) as FlagValue;
  if (payload.type === 'number') return Number(text);
  return text;
}

/** The Unleash getVariant() answer that an evaluation result stands for. */
function asUnleashVariant(result: EvaluationResult, expected: VariantCase['expectedResult']): unknown {
  const answer: Record<string, unknown> = { name: result.variant ?? 'disabled', enabled: result.variant !== null };
  if ('feature_enabled' in expected) answer.feature_enabled = result.enabled;
  if (expected.payload !== undefined) answer.value = result.value;
  return answer;
}

function expectedVariant(expected: VariantCase['expectedResult']): unknown {
  const answer: Record<string, unknown> = { name: expected.name, enabled: expected.enabled };
  if ('feature_enabled' in expected) answer.feature_enabled = expected.feature_enabled;
  if (expected.payload !== undefined) answer.value = expectedValue(expected.payload);
  return answer;
}

const tally = new Map<string, { passed: number; total: number }>();

function record(file: string, passed: boolean): void {
  const entry = tally.get(file) ?? { passed: 0, total: 0 };
  entry.total += 1;
  if (passed) entry.passed += 1;
  tally.set(file, entry);
}

function check(file: string, description: string, actual: unknown, expected: unknown): void {
  const difference = DELIBERATE_DIFFERENCES[`${file} › ${description}`];
  let matches = true;
  try {
    expect(actual).toEqual(expected);
  } catch (error) {
    matches = false;
    if (difference === undefined) {
      record(file, false);
      throw error;
    }
  }
  record(file, matches);
  if (difference !== undefined)
    expect(matches, `listed as a deliberate difference (${difference}) but now agrees`).toBe(false);
}

describe.each(files)('Unleash client specification %s', (file) => {
  const specification = readJson(file) as SpecificationFile;
  const { flags, segments } = fromUnleash(documentOf(specification.state));
  const compiled = compile({ environment: 'specification', version: 1, flags, segments });

  it.each((specification.tests ?? []).map((c) => [c.description, c] as const))('%s', (description, c) => {
    const result = evaluate(compiled, c.toggleName, fromUnleashContext(c.context));
    check(file, description, result.enabled, c.expectedResult);
  });

  it.each((specification.variantTests ?? []).map((c) => [c.description, c] as const))('%s', (description, c) => {
    const result = evaluate(compiled, c.toggleName, fromUnleashContext(c.context));
    check(file, description, asUnleashVariant(result, c.expectedResult), expectedVariant(c.expectedResult));
  });
});

afterAll(() => {
  const rows = [...tally].map(
    ([file, { passed, total }]) => `  ${file.padEnd(46)} ${String(passed).padStart(3)}/${total}`,
  );
  const passed = [...tally.values()].reduce((sum, entry) => sum + entry.passed, 0);
  const total = [...tally.values()].reduce((sum, entry) => sum + entry.total, 0);
  console.log(
    `Unleash client specification, passed per file:\n${rows.join('\n')}\n  ${'all files'.padEnd(46)} ${passed}/${total}`,
  );
});
