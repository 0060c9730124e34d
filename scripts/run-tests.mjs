#!/usr/bin/env node
// `npm test`: every package's tests through turbo, carrying on past a package that fails, then
// one closing line that counts the tests of every package: "N passed, N failed, N skipped".
// Exits with turbo's status, so any failure (a test, or a package that could not run) fails.
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

// vitest's summary, e.g. "@rampart/server:test:       Tests  2 failed | 350 passed | 1 skipped (353)".
const SUMMARY = /(?:^|\s)Tests\s+(.+?)\s+\(\d+\)\s*$/;
const COUNT = /(\d+) (passed|failed|skipped|todo)/g;

const child = spawn('npx', ['turbo', 'run', 'test', '--continue', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const totals = { passed: 0, failed: 0, skipped: 0 };
let pending = '';
const read = (line) => {
  const summary = SUMMARY.exec(stripVTControlCharacters(line));
  if (summary === null) return;
  for (const [, count, kind] of summary[1].matchAll(COUNT)) {
    totals[kind === 'todo' ? 'skipped' : kind] += Number(count);
  }
};
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk.toString()).split('\n');
  pending = lines.pop() ?? '';
  lines.forEach(read);
});
child.on('close', (code, signal) => {
  read(pending);
  const status = code ?? (signal === null ? 1 : 128);
  if (status !== 0 && totals.failed === 0) {
    process.stdout.write('\nA package failed before its tests reported (see above).\n');
  }
  process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(status);
});
