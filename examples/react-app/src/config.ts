import type { FlagContext, FlagResults } from '@rampart/sdk-react';

/** What the page's server hands the browser in `window.__RAMPART__`. */
export interface PageConfig {
  url: string;
  clientKey: string;
  context: FlagContext;
  /** Present when the server rendered the page: the results it rendered with. */
  bootstrap?: FlagResults;
}

declare global {
  interface Window {
    __RAMPART__?: PageConfig;
  }
}

/**
 * A `<script>` that sets `window.__RAMPART__`, safe to put in HTML (`<` is escaped so no value
 * can close the script element).
 *
 * @example
 * html.replace('<!--rampart-config-->', configScript({ url, clientKey, context: {} }));
 */
export function configScript(config: PageConfig): string {
  return `<script>window.__RAMPART__=${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
}
