// A trigger's URL and an invitation's are credentials: their secrets never reach a log line or
// an error message.
const SECRET_IN_PATH = /^(\/hooks\/triggers\/|\/api\/v1\/invitations\/)[^/]+/;

/**
 * `path` with the secrets it may carry left out: `/hooks/triggers/rtg_…` becomes `/hooks/triggers/…`,
 * `/api/v1/invitations/rpi_…` becomes `/api/v1/invitations/…`.
 *
 * @example
 * redactPath('/hooks/triggers/rtg_abc'); // '/hooks/triggers/…'
 */
export function redactPath(path: string): string {
  return path.replace(SECRET_IN_PATH, '$1…');
}
