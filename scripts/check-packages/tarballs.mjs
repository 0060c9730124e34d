// `npm pack` of each publishable package, and what its tarball must hold: package.json,
// README.md, LICENSE and the build, every file that package.json points at, and nothing else.
import { execFileSync } from 'node:child_process';

const ALWAYS = ['package.json', 'README.md', 'LICENSE'];
const JUNK = /(^|\/)(src|test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$|\.tsbuildinfo$/;

/** Packs the workspaces in `dirs` into `destination`; returns each one's name, tarball file name and packed files. */
export function pack(root, dirs, destination) {
  const args = ['pack', '--json', '--pack-destination', destination, ...dirs.flatMap((dir) => ['-w', dir])];
  const packed = JSON.parse(
    execFileSync('npm', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  return packed.map(({ name, filename, files }) => ({ name, filename, files: files.map((file) => file.path) }));
}

/** Every path that the manifest points at: entry points, types, bins, the exports map, typesVersions. */
function targets(manifest) {
  const paths = [];
  const walk = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([manifest.main, manifest.module, manifest.types, manifest.bin, manifest.exports, manifest.typesVersions]);
  return paths.map((path) => path.replace(/^\.\//, ''));
}

/** Subpaths of the exports map that CommonJS users may require, other than the root and package.json. */
function requirableSubpaths(manifest) {
  const requirable = ([subpath, target]) =>
    subpath.startsWith('./') && subpath !== './package.json' && 'require' in Object(target);
  return Object.entries(manifest.exports ?? {})
    .filter(requirable)
    .map(([subpath]) => subpath.slice(2));
}

/** What is wrong with a packed tarball, as sentences; none when it is right. */
export function problems({ name, files }, manifest) {
  const found = [];
  const held = new Set(files);
  for (const file of ALWAYS) if (!held.has(file)) found.push(`${name}: the tarball lacks ${file}`);
  // Besides the build, a package may hold the files its manifest points at (a bin that npm links before the build).
  const pointed = new Set(targets(manifest));
  for (const file of files) {
    if (!ALWAYS.includes(file) && !file.startsWith('dist/') && !pointed.has(file)) {
      found.push(`${name}: ${file} is packed but is not the build`);
    } else if (JUNK.test(file)) {
      found.push(`${name}: ${file} is packed but is a test or a source file`);
    }
  }
  for (const target of targets(manifest)) {
    if (target !== 'package.json' && !held.has(target)) {
      found.push(`${name}: package.json points at ${target}, which is not packed`);
    }
  }
  // moduleResolution node10 ignores `exports`: without typesVersions a subpath has no types there.
  const mapped = manifest.typesVersions?.['*'] ?? {};
  for (const subpath of requirableSubpaths(manifest)) {
    if (!(subpath in mapped)) {
      found.push(`${name}: exports ./${subpath} has no typesVersions entry for moduleResolution node10`);
    }
  }
  return found;
}
