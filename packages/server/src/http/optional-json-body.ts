import type { MiddlewareHandler } from 'hono';

/**
 * For a route whose JSON body is optional: a request that declares `Content-Type:
 * application/json` but sends nothing counts as one without a body, not as malformed JSON.
 * That is what `curl -H 'content-type: application/json' -X POST …/kill` sends, the kill
 * switch at its most hurried. A body that is present is parsed as before, and malformed JSON
 * is still refused.
 *
 * @example
 * createRoute({ method: 'post', path, middleware: [optionalJsonBody], request: { body: jsonBody(schema, false) }, responses });
 */
export const optionalJsonBody: MiddlewareHandler = async (c, next) => {
  const { raw } = c.req;
  if (raw.headers.has('content-type') && (await c.req.text()).trim() === '') {
    // Without its content type the request reads as bodiless to the route's validator.
    const headers = new Headers(raw.headers);
    headers.delete('content-type');
    c.req.raw = new Request(raw.url, { method: raw.method, headers });
  }
  await next();
};
