// Why not `eventsource-parser`: it alone weighs 1.2 KiB minified and gzipped, 40 % of the
// React SDK's 3 KiB budget, for about forty lines of rules fixed by the standard. It stays the
// reference: the tests feed both parsers the same random streams, cut at random places, and
// require the same events, never later than it reports them.

/** One dispatched event: `event` and `id` are those of its own block, when it had them. */
export interface SseMessage {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

export interface SseParserCallbacks {
  onEvent(message: SseMessage): void;
  /** A valid `retry:` field: the reconnection delay the server asks for, in milliseconds. */
  onRetry(ms: number): void;
}

const CR_LINE_END = /\r\n?/g;

/**
 * Parses the Server-Sent Events wire format as the WHATWG HTML standard's "Interpreting an
 * event stream" says, from text already decoded (core's reader decodes with `TextDecoder`,
 * which drops the byte order mark). Returns a function that takes the text in chunks of any
 * size. As with `eventsource-parser`, a block with an `id` but no `data` is dropped whole,
 * where the standard would still take its id as the last event id; Rampart's server never
 * sends one.
 *
 * @example
 * const feed = createSseParser({ onEvent: (m) => console.log(m.event, m.data), onRetry: () => {} });
 * feed('event: flags\ndata: {"v":1}\n');
 * feed('\n'); // logs: flags {"v":1}
 */
export function createSseParser({ onEvent, onRetry }: SseParserCallbacks): (chunk: string) => void {
  let pending = '';
  let afterCr = false;
  let data: string | undefined;
  let event: string | undefined;
  let id: string | undefined;

  const line = (text: string): void => {
    if (text === '') {
      if (data !== undefined) onEvent({ event, data, id });
      data = event = id = undefined;
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') event = value || undefined;
    else if (field === 'id') id = value.includes('\0') ? id : value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
    // Any other field is ignored, as the standard says; a comment (a heartbeat) is the empty one.
  };

  return (chunk) => {
    // A CR ends its line at once; an LF that follows it in the next chunk completes it.
    const skipLf = afterCr && chunk.startsWith('\n');
    if (chunk !== '') afterCr = chunk.endsWith('\r');
    if (skipLf) chunk = chunk.slice(1);
    if (chunk.includes('\r')) chunk = chunk.replace(CR_LINE_END, '\n');
    // Without a line end the chunk only extends the pending line: appending without a scan
    // keeps a large snapshot, arriving in many chunks, linear in its size.
    if (!chunk.includes('\n')) {
      pending += chunk;
      return;
    }
    // Lines are cut at LF by `indexOf`, several times faster than splitting on a pattern.
    const text = pending + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      line(text.slice(start, end));
      start = end + 1;
    }
    pending = text.slice(start);
  };
}
