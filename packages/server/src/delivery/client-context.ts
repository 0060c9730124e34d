import type { ContextValue, EvaluationContext } from '@rampart/core';
import { validationFailed } from '../base/errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the `?context=` of `/client/stream`: base64url (padding optional) of a JSON object
 * whose values are strings, numbers, booleans or null. Anything else is a 400 naming `context`.
 * An absent parameter is the empty context.
 *
 * @example
 * parseContextParameter('eyJ1c2VySWQiOiI0MiJ9'); // { userId: '42' }
 */
export function parseContextParameter(parameter: string | undefined): EvaluationContext {
  if (parameter === undefined || parameter === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(fromBase64Url(parameter)));
  } catch (cause) {
    throw validationFailed([
      {
        path: 'context',
        message: `not base64url-encoded JSON (${cause instanceof Error ? cause.message : 'unreadable'})`,
      },
    ]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw validationFailed([{ path: 'context', message: 'must be a JSON object' }]);
  }
  const context: Record<string, ContextValue> = {};
  for (const [attribute, value] of Object.entries(parsed)) {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw validationFailed([{ path: `context.${attribute}`, message: 'must be a string, number, boolean or null' }]);
    }
    context[attribute] = value;
  }
  return context;
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new Error('characters outside the base64url alphabet');
  const base64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
