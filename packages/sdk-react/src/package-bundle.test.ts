/**
 * The built package as an application's bundler sees it: `"use client"` on the entry, nothing
 * of core but the stream reader (the evaluator and its CommonJS dependencies would stay in a
 * bundle even unused), and within its size budget. Runs against the build (turbo builds before
 * testing).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

const MAIN = `export { RampartProvider, useFlag, useVariant, useFlags } from '@rampart/sdk-react';`;

/**
 * What an application's bundle holds of the SDK: esbuild, browser, minified, React external, in
 * a production build unless told otherwise (as `npm run bench:size`).
 */
function bundle(nodeEnv = 'production', contents = MAIN) {
  return build({
    stdin: {
      contents,
      resolveDir: import.meta.dirname,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: ['react', 'react/*'],
    // What application bundlers do; esbuild would also assume production for a minified build.
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
}

/** The package's budget: 3 KiB minified and gzipped, without React. */
const BUDGET_BYTES = 3 * 1024;

describe('the built package', () => {
  it('marks its entries as client code', () => {
    for (const cjs of [require.resolve('@rampart/sdk-react'), require.resolve('@rampart/sdk-react/track')]) {
      for (const file of [cjs, cjs.replace(/\.cjs$/, '.js')]) {
        expect(readFileSync(file, 'utf8').startsWith('"use client";')).toBe(true);
      }
    }
  });

  it('bundles for the browser with only core’s stream reader besides itself', async () => {
    const result = await bundle();
    const inputs = Object.keys(result.metafile.inputs).filter((input) => input !== '<stdin>');
    // Metafile paths are relative to the working directory.
    const packageOf = (input: string) =>
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? /packages\/([^/]+)\//.exec(resolve(input))?.[1];
    const packages = new Set(inputs.map(packageOf));
    expect([...packages].sort()).toEqual(['core', 'sdk-react']);
    const core = inputs.map((input) => resolve(input)).filter((input) => input.includes('/packages/core/'));
    const code = new TextDecoder().decode(result.outputFiles[0]?.contents);
    expect(core.some((input) => input.endsWith('/index.js'))).toBe(false);
    expect(code).not.toMatch(/murmur|semver|TARGETING_MATCH/i);
  });

  it('leaves its development warnings out of production builds', async () => {
    const text = async (nodeEnv: string) => new TextDecoder().decode((await bundle(nodeEnv)).outputFiles[0]?.contents);
    const warnings = [/no <RampartProvider>/, /not clientSide, archived, or misspelled/];
    const development = await text('development');
    const production = await text('production');
    for (const warning of warnings) {
      expect(development).toMatch(warning);
      expect(production).not.toMatch(warning);
    }
  });

  it('serves track from @rampart/sdk-react/track alone, on the main entry’s one provider', async () => {
    const decode = (result: Awaited<ReturnType<typeof bundle>>) =>
      new TextDecoder().decode(result.outputFiles[0]?.contents);
    expect(decode(await bundle())).not.toContain('/api/v1/client/track');
    const result = await bundle('production', `${MAIN}\nexport { track, useTrack } from '@rampart/sdk-react/track';`);
    expect(decode(result)).toContain('/api/v1/client/track');
    // One copy of the main entry, whose React context the provider and useTrack share.
    const own = Object.keys(result.metafile.inputs)
      .filter((input) => input !== '<stdin>')
      .map((input) => resolve(input))
      .filter((input) => input.includes('/packages/sdk-react/'));
    expect(own.map((input) => input.replace(/.*\/packages\/sdk-react\//, '')).sort()).toEqual([
      'dist/index.js',
      'dist/track.js',
    ]);
  });

  it('stays within its budget of 3 KiB minified and gzipped', async () => {
    const code = (await bundle()).outputFiles[0]?.contents ?? new Uint8Array();
    expect(code.byteLength).toBeGreaterThan(0);
    expect(gzipSync(code, { level: 9 }).byteLength).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
