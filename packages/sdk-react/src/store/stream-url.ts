import type { EvaluationContext } from '@rampart/core';

/**
 * The context as JSON with its keys sorted, so that `{ a, b }` and `{ b, a }` are one context.
 * Contexts are flat, so the key list doubles as the replacer; `undefined` values drop out.
 *
 * @example
 * contextKey({ plan: 'pro', userId: '42' }) === contextKey({ userId: '42', plan: 'pro' }); // true
 */
export function contextKey(context: EvaluationContext): string {
  return JSON.stringify(context, Object.keys(context).sort());
}

/**
 * The `/client/stream` address for a context (base64url JSON) and a client key. The key goes
 * in the query, as `EventSource` clients must send it, which also spares a CORS preflight.
 *
 * @example
 * streamUrl('https://flags.example.com', 'rpc_abc', '{"userId":"42"}');
 * // 'https://flags.example.com/api/v1/client/stream?context=eyJ1c2VySWQiOiI0MiJ9&key=rpc_abc'
 */
export function streamUrl(base: string, clientKey: string, contextJson: string): string {
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(contextJson)));
  const context = base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${base.replace(/\/+$/, '')}/api/v1/client/stream?context=${context}&key=${encodeURIComponent(clientKey)}`;
}
