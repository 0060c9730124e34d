/**
 * The web UI's bundle size: what a browser downloads to show the first screen (initial: the
 * scripts and styles `index.html` loads, with every module they import statically), and every
 * file of the build (total), each gzipped as the server sends it (`CompressionStream('gzip')`,
 * zlib's default level), against the 200 KiB gzipped budget. Each screen's own chunk, loaded
 * when it is first shown, is listed too. No peer is measured: no other flag service's web UI is
 * a package that installs and builds here. Asserts nothing.
 *
 * Usage: npm run bench:ui (builds @rampart/admin-ui first)
 */
import { init, parse } from 'es-module-lexer';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../packages/admin-ui/dist/', import.meta.url));
const BUDGET = 200 * 1024;

interface Sized {
  raw: number;
  gzipped: number;
}

/** `bytes` gzipped by the web standard the server uses, so the figure is what goes over the wire. */
async function gzippedSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** Every file under dist, by its URL path (`/index.html`, `/assets/…`). */
function distFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(`/${relative(DIST, path).split(sep).join('/')}`, readFileSync(path));
  }
  return files;
}

/** The scripts and styles index.html names: module scripts, module preloads and stylesheets. */
function htmlEntries(html: string): string[] {
  const entries: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const script = /^<script\b/.test(tag) && /\btype="module"/.test(tag) ? /\bsrc="([^"]+)"/.exec(tag) : null;
    const link = /\brel="(stylesheet|modulepreload)"/.test(tag) ? /\bhref="([^"]+)"/.exec(tag) : null;
    const url = script?.[1] ?? link?.[1];
    if (url !== undefined && url.startsWith('/')) entries.push(url);
  }
  return entries;
}

/** The modules `path` imports statically (`import … from`, `export … from`), as URL paths; `import()` is left out. */
function staticImports(path: string, code: string): string[] {
  const [imports] = parse(code);
  return imports
    .filter((entry) => entry.d === -1 && entry.n !== undefined && /^\.{0,2}\//.test(entry.n))
    .map((entry) => new URL(entry.n ?? '', `http://ui${path}`).pathname);
}

/** index.html's scripts and styles and everything they import statically: what the first screen needs. */
function initialFiles(files: Map<string, Uint8Array>): string[] {
  const html = new TextDecoder().decode(files.get('/index.html'));
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    const bytes = files.get(path);
    if (bytes === undefined) throw new Error(`index.html loads ${path}, which is not in dist`);
    seen.add(path);
    if (path.endsWith('.js'))
      for (const imported of staticImports(path, new TextDecoder().decode(bytes))) visit(imported);
  };
  for (const entry of htmlEntries(html)) visit(entry);
  return [...seen];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const row = (name: string, size: Sized) =>
  `  ${name.padEnd(44)} ${kib(size.raw).padStart(10)} ${kib(size.gzipped).padStart(10)}`;

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`${DIST}index.html is missing: run npm run build -w @rampart/admin-ui`);
  await init;
  const files = distFiles();
  const sizes = new Map<string, Sized>();
  for (const [path, bytes] of files) sizes.set(path, { raw: bytes.byteLength, gzipped: await gzippedSize(bytes) });
  const sum = (paths: Iterable<string>): Sized =>
    [...paths].reduce(
      (total, path) => ({
        raw: total.raw + (sizes.get(path)?.raw ?? 0),
        gzipped: total.gzipped + (sizes.get(path)?.gzipped ?? 0),
      }),
      { raw: 0, gzipped: 0 },
    );
  const initial = initialFiles(files);
  const later = [...files.keys()].filter((path) => path !== '/index.html' && !initial.includes(path)).sort();

  console.log(`Web UI bundle (packages/admin-ui/dist), gzipped as the server sends it:`);
  console.log(`  ${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzipped'.padStart(10)}`);
  console.log(row('/index.html', sum(['/index.html'])));
  console.log('  initial (index.html loads these, with their static imports):');
  for (const path of initial) console.log(row(`  ${path}`, sum([path])));
  console.log('  loaded later (screens and what they share, when first shown):');
  for (const path of later) console.log(row(`  ${path}`, sum([path])));
  const initialSize = sum(initial);
  const total = sum(files.keys());
  console.log(row('initial JS and CSS', initialSize));
  console.log(row(`total (${files.size} files)`, total));
  const share = (size: Sized) => `${((size.gzipped / BUDGET) * 100).toFixed(0)} % of the budget`;
  console.log(`  budget: ${kib(BUDGET)} gzipped. initial: ${share(initialSize)}; total: ${share(total)}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
