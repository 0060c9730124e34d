import { sha256Hex } from '../auth/digest.js';
import { gzip } from '../http/gzip.js';
import { DOCS_STYLESHEET, VIEWER_SCRIPT } from './docs-page.js';

/**
 * The files of Swagger UI (`swagger-ui-dist`) that `/docs` serves, as text. The app reads no
 * files itself, so that it runs on any runtime: `main.ts` passes the copies that the build puts
 * beside the bundle, an embedder passes its own, and without them `/docs` links the raw document.
 */
export interface DocsAssets {
  /** `swagger-ui-bundle.js`: Swagger UI with React and its other dependencies. */
  script: string;
  /** `swagger-ui.css`. */
  stylesheet: string;
}

interface DocsFile {
  body: string;
  contentType: string;
}

/** The files under `/docs/assets/`, with what a response of each needs. */
export interface DocsFiles {
  get(name: string): DocsFile | undefined;
  /** A short hash of every file, put in the page's links so that a changed file gets a new URL. */
  fingerprint(): Promise<string>;
  /** The file gzipped, made on first use and kept (a few hundred KiB). */
  gzipped(name: string): Promise<Uint8Array<ArrayBuffer>> | undefined;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The files that `/docs/assets/{file}` serves: Swagger UI's two and the page's own script and
 * stylesheet (the page's Content-Security-Policy allows no inline script or style).
 *
 * @example
 * const files = docsFiles({ script, stylesheet });
 * files.get('swagger-ui.css')?.contentType; // 'text/css; charset=utf-8'
 */
export function docsFiles(assets: DocsAssets): DocsFiles {
  const files = new Map<string, DocsFile>([
    ['swagger-ui-bundle.js', { body: assets.script, contentType: JAVASCRIPT }],
    ['swagger-ui.css', { body: assets.stylesheet, contentType: CSS }],
    ['docs.js', { body: VIEWER_SCRIPT, contentType: JAVASCRIPT }],
    ['docs.css', { body: DOCS_STYLESHEET, contentType: CSS }],
  ]);
  let fingerprint: Promise<string> | undefined;
  const gzipped = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  return {
    get: (name) => files.get(name),
    fingerprint: () => {
      fingerprint ??= sha256Hex([...files.values()].map((file) => file.body).join('\0')).then((hex) =>
        hex.slice(0, 16),
      );
      return fingerprint;
    },
    gzipped: (name) => {
      const file = files.get(name);
      if (file === undefined) return undefined;
      let bytes = gzipped.get(name);
      if (bytes === undefined) {
        bytes = gzip(file.body);
        gzipped.set(name, bytes);
      }
      return bytes;
    },
  };
}
