#!/usr/bin/env node
// `npm run check:packages`: the publishable packages, installed the way users install them.
// Packs each one and checks what its tarball holds; installs the tarballs in a scratch project
// outside the repository, with their peers (at the ranges they declare) and the third-party
// packages the docs import (at the lockfile's versions) from the registry; then runs an ES
// module and a CommonJS consumer (scripts/check-packages/consumer/), type-checks a consumer with
// `tsc --strict` under moduleResolution node10, node16 and bundler, and type-checks every
// TypeScript snippet of the docs against the installed packages. Builds what is stale first;
// needs the npm registry and nothing else. The scratch project is removed, whatever happens.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documents, extractSnippets, importedPackages, locate } from './check-packages/snippets.mjs';
import { pack, problems } from './check-packages/tarballs.mjs';

const root = join(import.meta.dirname, '..');
const consumer = join(root, 'scripts/check-packages/consumer');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const started = Date.now();
const seconds = (since = started) => `${Math.round((Date.now() - since) / 1000)} s`;
const say = (line) => process.stdout.write(`check-packages: ${line}\n`);

class CheckFailed extends Error {}

/** Runs a command to its end, stdout and stderr together; resolves with its status and output. */
function run(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
}

async function step(what, command, args, cwd) {
  const { status, output } = await run(command, args, cwd);
  if (status !== 0) throw new CheckFailed(`${what} failed (${[command, ...args].join(' ')}):\n${output.trimEnd()}`);
}

const publishable = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: `packages/${dir}`, manifest: readJson(join(root, 'packages', dir, 'package.json')) }))
  .filter(({ manifest }) => !manifest.private);

/** What to install beside the tarballs: name → version or range. */
function dependencies(snippets) {
  const locked = readJson(join(root, 'package-lock.json')).packages;
  const wanted = new Map();
  for (const name of importedPackages(snippets)) {
    if (name.startsWith('@rampart/')) continue;
    const version = locked[`node_modules/${name}`]?.version;
    if (version === undefined) {
      const where = snippets.find((snippet) => importedPackages([snippet]).includes(name));
      throw new CheckFailed(
        `${where.source}:${where.line}: the snippet imports ${name}, which no workspace depends on; ` +
          'add it to the devDependencies of the package it is about, so that its version is pinned',
      );
    }
    wanted.set(name, version);
  }
  // Peers at the ranges the packages declare, as an application would get them.
  for (const { manifest } of publishable) {
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) wanted.set(name, range);
  }
  // For the consumers: react-dom to render on the server, and the types of React and Node.
  const react = wanted.get('react') ?? 'latest';
  wanted.set('react-dom', react).set('@types/react', react);
  wanted.set('@types/node', readJson(join(root, 'package.json')).devDependencies['@types/node']);
  return [...wanted].map(([name, spec]) => `${name}@${spec}`);
}

/** Every @rampart package must come from its tarball, once, at the top: never the registry or the repository. */
function checkInstalledFromTarballs(scratch, packed) {
  const installed = readJson(join(scratch, 'package-lock.json')).packages;
  const found = [];
  for (const [path, entry] of Object.entries(installed)) {
    const name = path.split('node_modules/').at(-1);
    if (!name.startsWith('@rampart/')) continue;
    const tarball = packed.find((one) => one.name === name)?.filename;
    if (path !== `node_modules/${name}` || entry.resolved !== `file:tarballs/${tarball}`) {
      found.push(`${path} was installed from ${entry.resolved ?? 'the registry'}, not from its tarball`);
    }
  }
  if (found.length > 0) throw new CheckFailed(found.join('\n'));
}

const snippetConfig = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    moduleDetection: 'force',
    lib: ['es2022', 'dom', 'dom.iterable'],
    jsx: 'react-jsx',
    types: ['node'],
    skipLibCheck: true,
    pretty: false,
  },
  include: ['*.ts', '*.tsx'],
};

async function check(scratch) {
  const building = Date.now();
  const filters = publishable.map(({ manifest }) => `--filter=${manifest.name}`);
  await step('The build', 'npx', ['turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], root);
  say(`built ${publishable.map(({ manifest }) => manifest.name).join(', ')} (${seconds(building)})`);

  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const dirs = publishable.map(({ dir }) => dir);
  const packed = pack(root, dirs, tarballs);
  const found = packed.flatMap((one) =>
    problems(one, publishable.find(({ manifest }) => manifest.name === one.name).manifest),
  );
  if (found.length > 0) throw new CheckFailed(`The tarballs are not what users should get:\n${found.join('\n')}`);
  say(`packed ${packed.map(({ filename }) => filename).join(', ')}: each holds its build, README.md and LICENSE`);

  const snippets = extractSnippets(root, documents(root));
  const installing = Date.now();
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true })}\n`);
  // No install scripts: better-sqlite3 (the server's driver) would compile for a minute, and nothing here runs it.
  const specs = [...packed.map(({ filename }) => `./tarballs/${filename}`), ...dependencies(snippets)];
  await step('npm install', 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...specs], scratch);
  checkInstalledFromTarballs(scratch, packed);
  say(`installed the tarballs in ${scratch} (${seconds(installing)})`);

  for (const file of readdirSync(consumer)) copyFileSync(join(consumer, file), join(scratch, file));
  copyFileSync(join(consumer, 'types.ts'), join(scratch, 'types.mts'));
  mkdirSync(join(scratch, 'snippets'));
  writeFileSync(join(scratch, 'snippets/tsconfig.json'), JSON.stringify(snippetConfig));
  for (const { name, text } of snippets) writeFileSync(join(scratch, 'snippets', name), text);

  const sources = new Set(snippets.map(({ source }) => source)).size;
  const typecheck = (...args) => [tsc, '--strict', '--noEmit', '--pretty', 'false', '--target', 'es2022', ...args];
  const consumerTypes = (module, resolution, ...files) =>
    typecheck('--types', 'node', '--module', module, '--moduleResolution', resolution, ...files);
  const checks = [
    ['the ES module consumer (esm.mjs)', ['esm.mjs']],
    ['the CommonJS consumer (cjs.cjs)', ['cjs.cjs']],
    ['tsc, moduleResolution node10', consumerTypes('commonjs', 'node10', 'types.ts')],
    ['tsc, moduleResolution node16', consumerTypes('node16', 'node16', 'types.ts', 'types.mts')],
    ['tsc, moduleResolution bundler', consumerTypes('esnext', 'bundler', 'types.ts')],
    [`the docs' ${snippets.length} TypeScript snippets (${sources} files)`, typecheck('-p', 'snippets')],
  ];
  const results = await Promise.all(checks.map(([, args]) => run(process.execPath, args, scratch)));
  const failures = [];
  results.forEach(({ status, output }, i) => {
    const [what] = checks[i];
    process.stdout.write(`  ${status === 0 ? 'ok  ' : 'FAIL'} ${what}\n`);
    if (status !== 0) failures.push(`${what}:\n${locate(output, snippets).trimEnd()}`);
  });
  if (failures.length > 0) throw new CheckFailed(failures.join('\n\n'));
}

const scratch = mkdtempSync(join(tmpdir(), 'rampart-packages-'));
const cleanUp = () => existsSync(scratch) && rmSync(scratch, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}
try {
  await check(scratch);
  say(`passed in ${seconds()}`);
} catch (error) {
  process.stdout.write(
    `\ncheck-packages: FAILED after ${seconds()}\n${error instanceof CheckFailed ? error.message : error.stack}\n`,
  );
  process.exitCode = 1;
} finally {
  cleanUp();
}
