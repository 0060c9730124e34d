/**
 * A URL as it may appear in an error or a log: its scheme, host and port only. The path, query,
 * fragment and credentials are dropped, because a webhook URL often carries its secret there
 * (a chat service's incoming-webhook URL is a token in the path). Text that is not a URL is
 * described as such, never echoed.
 *
 * @example
 * describeOrigin('https://hooks.example.com/services/T000/B000/secret?x=1'); // 'https://hooks.example.com'
 * describeOrigin('/relative/secret', 'http://127.0.0.1:8080/a'); // 'http://127.0.0.1:8080'
 */
export function describeOrigin(url: string | URL, base?: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url, base) : url;
  } catch {
    return 'an invalid URL';
  }
  if (parsed.origin !== 'null') return parsed.origin;
  // Schemes without an origin (mailto:, file:, data:...): the scheme and host, if any.
  return parsed.host === '' ? parsed.protocol : `${parsed.protocol}//${parsed.host}`;
}
