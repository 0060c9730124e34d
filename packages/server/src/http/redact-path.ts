// A trigger's URL is its credential: its secret never reaches a log line or an error message.
const SECRET_IN_PATH = /^(\/hooks\/triggers\/)[^/]+/;

/**
 * `path` with the secrets it may carry left out: `/hooks/triggers/rtg_…` becomes `/hooks/triggers/…`.
 *
 * @example
 * redactPath('/hooks/triggers/rtg_abc'); // '/hooks/triggers/…'
 */
export function redactPath(path: string): string {
  return path.replace(SECRET_IN_PATH, '$1…');
}
