import { expect } from 'vitest';
import type { TestApp, TestResponse } from './test-app.js';

export interface Rejection {
  status: number;
  code: string;
  /** A detail must name exactly this field. */
  path?: string;
}

/**
 * Sends a request that must be refused, and checks the status, the error code, the named
 * field, and that the store, the audit log and the published versions did not change.
 *
 * @example
 * await expectRejected(t, () => t.post('/api/v1/flags', { key: '' }), { status: 400, code: 'validation_failed', path: 'key' });
 */
export async function expectRejected(
  t: TestApp,
  send: () => Promise<TestResponse>,
  rejection: Rejection,
): Promise<TestResponse> {
  const before = await t.fingerprint();
  const publications = t.publications.length;
  const response = await send();
  expect(response.status, JSON.stringify(response.body)).toBe(rejection.status);
  expect(response.body).toMatchObject({ error: { code: rejection.code, message: expect.any(String) } });
  if (rejection.path !== undefined) {
    const details = errorDetails(response);
    expect(
      details.map((detail) => detail.path),
      JSON.stringify(details),
    ).toContain(rejection.path);
  }
  expect(await t.fingerprint()).toBe(before);
  expect(t.publications.length).toBe(publications);
  return response;
}

/** The `details` of an error response. */
export function errorDetails(response: TestResponse): { path: string; message: string }[] {
  const error = response.json.error;
  if (typeof error !== 'object' || error === null || !('details' in error) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((detail: unknown) =>
    typeof detail === 'object' && detail !== null && 'path' in detail && 'message' in detail
      ? [{ path: String(detail.path), message: String(detail.message) }]
      : [],
  );
}
