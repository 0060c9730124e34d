const encoder = new TextEncoder();

export interface SseEvent {
  event: string;
  /** Omitted when undefined; becomes the client's `Last-Event-ID`. */
  id?: string | number | undefined;
  data: string;
}

/**
 * One Server-Sent Event as the bytes to write. Encoded once and written to every stream that
 * should receive it, so a change costs one encoding however many clients listen. Every line
 * of `data` becomes its own `data:` line, so the text may hold newlines.
 *
 * @example
 * const bytes = encodeEvent({ event: 'patch', id: 7, data: JSON.stringify(patch) });
 * // event: patch\nid: 7\ndata: {...}\n\n
 */
export function encodeEvent({ event, id, data }: SseEvent): Uint8Array {
  let text = `event: ${singleLine(event)}\n`;
  if (id !== undefined) text += `id: ${singleLine(String(id))}\n`;
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return encoder.encode(`${text}\n`);
}

/**
 * A comment line, which every SSE reader ignores: a heartbeat that keeps proxies and the
 * client's watchdog from taking a quiet stream for a dead one.
 *
 * @example
 * encodeComment('heartbeat'); // ': heartbeat\n\n'
 */
export function encodeComment(text: string): Uint8Array {
  return encoder.encode(`: ${singleLine(text)}\n\n`);
}

/**
 * A `retry:` field: how many milliseconds the client should wait before reconnecting.
 *
 * @example
 * encodeRetry(2500); // 'retry: 2500\n\n'
 */
export function encodeRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.max(0, Math.round(ms))}\n\n`);
}

/** Field values cannot hold line breaks: they would end the field and start another. */
function singleLine(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}
