import { describe, expect, it } from 'vitest';
import { encodeComment, encodeEvent, encodeRetry } from './sse-encoding.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('SSE encoding', () => {
  it('writes event, id and data lines ended by a blank line', () => {
    expect(text(encodeEvent({ event: 'patch', id: 7, data: '{"a":1}' }))).toBe(
      'event: patch\nid: 7\ndata: {"a":1}\n\n',
    );
    expect(text(encodeEvent({ event: 'flags', data: '{}' }))).toBe('event: flags\ndata: {}\n\n');
  });

  it('splits multi-line data into data lines and keeps line breaks out of other fields', () => {
    expect(text(encodeEvent({ event: 'a\nb', id: '1\r2', data: 'x\ny\r\nz' }))).toBe(
      'event: a b\nid: 1 2\ndata: x\ndata: y\ndata: z\n\n',
    );
  });

  it('writes comments and whole-millisecond retries', () => {
    expect(text(encodeComment('heartbeat'))).toBe(': heartbeat\n\n');
    expect(text(encodeRetry(2500.4))).toBe('retry: 2500\n\n');
  });
});
