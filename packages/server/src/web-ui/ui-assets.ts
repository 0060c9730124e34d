import { gzip } from '../http/gzip.js';

/**
 * The web UI's built files (`@rampart/admin-ui`'s `dist`), by path relative to it:
 * `index.html` and `assets/…`. The app reads no files itself, so that it runs on any runtime:
 * `main.ts` reads them from the installed package at start-up.
 */
export type UiAssets = ReadonlyMap<string, Uint8Array<ArrayBuffer>>;

export interface UiFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The file gzipped, made on first use and kept. */
  gzipped(): Promise<Uint8Array<ArrayBuffer>>;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  map: 'application/json',
};

/**
 * The files with their content type and, on demand, their gzipped bytes.
 *
 * @example
 * const files = uiFiles(new Map([['index.html', bytes]]));
 * files.get('index.html')?.contentType; // 'text/html; charset=utf-8'
 */
export function uiFiles(assets: UiAssets): ReadonlyMap<string, UiFile> {
  return new Map(
    [...assets].map(([path, body]) => {
      let compressed: Promise<Uint8Array<ArrayBuffer>> | undefined;
      const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
      const file: UiFile = {
        body,
        contentType: TYPES[extension] ?? 'application/octet-stream',
        gzipped: () => (compressed ??= gzip(body)),
      };
      return [path, file] as const;
    }),
  );
}
