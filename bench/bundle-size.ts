/**
 * Bundle size of each browser flag SDK with its React binding, measured the same way in one run:
 * an entry that imports what an application uses (client, provider, hooks), bundled by esbuild
 * for the browser (esbuild's default target, esnext), minified, React external, then gzip level 9. Prints a table; asserts nothing.
 */
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface Sdk {
  name: string;
  packages: string[];
  entry: string;
}

const SDKS: Sdk[] = [
  {
    name: 'Rampart',
    packages: ['@rampart/sdk-react'],
    entry: `export { RampartProvider, useFlag, useVariant, useFlags } from '@rampart/sdk-react';`,
  },
  {
    name: 'Unleash',
    packages: ['unleash-proxy-client', '@unleash/proxy-client-react'],
    entry: `export { UnleashClient } from 'unleash-proxy-client';
export { FlagProvider, useFlag, useVariant, useFlagsStatus } from '@unleash/proxy-client-react';`,
  },
  {
    name: 'GrowthBook',
    packages: ['@growthbook/growthbook', '@growthbook/growthbook-react'],
    entry: `export { GrowthBook } from '@growthbook/growthbook';
export { GrowthBookProvider, useFeatureIsOn, useFeatureValue } from '@growthbook/growthbook-react';`,
  },
  {
    name: 'OpenFeature + OFREP',
    packages: ['@openfeature/web-sdk', '@openfeature/ofrep-web-provider', '@openfeature/react-sdk'],
    entry: `export { OpenFeature } from '@openfeature/web-sdk';
export { OFREPWebProvider } from '@openfeature/ofrep-web-provider';
export { OpenFeatureProvider, useBooleanFlagValue, useFlag } from '@openfeature/react-sdk';`,
  },
];

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** A package's installed version, read from its package.json (some do not export that file). */
function versionOf(name: string): string {
  let dir = dirname(require.resolve(name));
  while (dir !== dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version ?? '?';
    } catch {
      // not here: look further up
    }
    dir = dirname(dir);
  }
  return '?';
}

async function measure(sdk: Sdk): Promise<{ minified: number; gzipped: number; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: sdk.entry, resolveDir: here, loader: 'js', sourcefile: `${sdk.name}.js` },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, metafile: result.metafile };
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

const rows: string[][] = [['SDK', 'packages', 'minified', 'min + gzip']];
let rampartInputs: [string, number][] = [];
for (const sdk of SDKS) {
  const { minified, gzipped, metafile } = await measure(sdk);
  if (sdk.name === 'Rampart') {
    const output = Object.values(metafile.outputs)[0];
    rampartInputs = Object.entries(output?.inputs ?? {}).flatMap(([input, { bytesInOutput }]): [string, number][] =>
      bytesInOutput > 0 ? [[input, bytesInOutput]] : [],
    );
  }
  rows.push([
    sdk.name,
    sdk.packages.map((name) => `${name}@${versionOf(name)}`).join(' + '),
    kib(minified),
    `${kib(gzipped)} (${gzipped} B)`,
  ]);
}

const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
console.log(
  `\nesbuild (browser, esnext, minified, React external), gzip -9. What Rampart's bundle holds, minified bytes:`,
);
for (const [input, bytes] of rampartInputs)
  console.log(`  ${String(bytes).padStart(6)}  ${input.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}`);
