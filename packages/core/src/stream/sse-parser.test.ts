import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser';

type Output = { message: SseMessage } | { retry: number };

/** Feeds `chunks` to a parser and lists what it reported after each one. */
function parseByChunk(chunks: string[]): Output[][] {
  let out: Output[] = [];
  const feed = createSseParser({
    onEvent: (message) => out.push({ message }),
    onRetry: (retry) => out.push({ retry }),
  });
  return chunks.map((chunk) => {
    out = [];
    feed(chunk);
    return out;
  });
}

function parse(chunks: string[]): Output[] {
  return parseByChunk(chunks).flat();
}

/** The same, through `eventsource-parser`: the reference implementation. */
function parseByChunkWithReference(chunks: string[]): Output[][] {
  let out: Output[] = [];
  const parser = createParser({
    onEvent: ({ event, data, id }) => out.push({ message: { event, data, id } }),
    onRetry: (retry) => out.push({ retry }),
  });
  return chunks.map((chunk) => {
    out = [];
    parser.feed(chunk);
    return out;
  });
}

const data = (text: string, extra: Partial<SseMessage> = {}): Output => ({
  message: { event: undefined, id: undefined, data: text, ...extra },
});

describe('createSseParser', () => {
  it('joins data lines with newlines, as in the standard’s stock ticker example', () => {
    expect(parse(['data: YHOO\ndata: +2\ndata: 10\n\n'])).toEqual([data('YHOO\n+2\n10')]);
  });

  it('skips comments, strips one space after the colon and reports ids per event, as in the standard’s example', () => {
    const stream = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n';
    expect(parse([stream])).toEqual([
      data('first event', { id: '1' }),
      data('second event', { id: '' }),
      data(' third event'),
    ]);
  });

  it('dispatches empty data, and nothing before the blank line that ends an event', () => {
    expect(parse(['data\n\ndata\ndata\n\ndata: unfinished\n'])).toEqual([data(''), data('\n')]);
  });

  it('treats CR, LF and CRLF alike, wherever the chunks are cut', () => {
    const expected = [data('a', { event: 'flags' }), data('b'), data('c')];
    expect(parse(['event: flags\r\ndata: a\r\n\r\ndata: b\r\rdata: c\n\n'])).toEqual(expected);
    expect(parse(['event: flags\r', '\ndata: a\r', '\n\r', '\ndata: b\r', '\rdata: c\n', '\n'])).toEqual(expected);
  });

  it('ends a line at a CR that ends a chunk, and takes an LF opening the next as part of it', () => {
    expect(parseByChunk(['data: x\r\r', 'data: y\n', '\n'])).toEqual([[data('x')], [], [data('y')]]);
    expect(parse(['data: x\r', '\ndata: y\r', '\n', '\n'])).toEqual([data('x\ny')]);
    expect(parse(['data: x\r', '', '\ndata: y\r', '', '\n\n'])).toEqual([data('x\ny')]);
  });

  it('reports a retry only when it is all digits, and ignores ids holding NUL and unknown fields', () => {
    const stream = 'retry: 2500\nretry: 1s\nretry\nid: 7\nid: 8\0\nfoo: bar\ndata: x\n\n';
    expect(parse([stream])).toEqual([{ retry: 2500 }, data('x', { id: '7' })]);
  });

  it('takes an empty event name as none, so the event is a plain message', () => {
    expect(parse(['event: flags\nevent:\ndata: x\n\n'])).toEqual([data('x')]);
  });

  it('forgets the event name and id of a block once it is dispatched or empty', () => {
    expect(parse(['event: a\nid: 1\n\ndata: x\n\nevent: b\ndata: y\n\n'])).toEqual([
      data('x'),
      data('y', { event: 'b' }),
    ]);
  });

  it('reports what eventsource-parser reports, never later, for any stream cut anywhere', () => {
    const field = fc.constantFrom('data', 'event', 'id', 'retry', 'dat', 'other', '');
    const separator = fc.constantFrom(':', ': ', ':  ', '');
    const value = fc.stringMatching(/^[a1 :é\0\u{1f600}]{0,4}$/u);
    const lineEnd = fc.constantFrom('\n', '\r', '\r\n');
    const line = fc.oneof(
      fc.tuple(field, separator, value, lineEnd).map((parts) => parts.join('')),
      fc.tuple(value, lineEnd).map(([text, end]) => `:${text}${end}`),
      lineEnd,
    );
    const stream = fc.array(line, { maxLength: 30 }).map((lines) => lines.join(''));
    const cuts = fc.array(fc.nat(), { maxLength: 8 });
    fc.assert(
      fc.property(stream, cuts, (text, at) => {
        const positions = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
        // A last comment line lets the reference finish a line that a final CR ended.
        const chunks = [...[0, ...positions].map((start, i) => text.slice(start, positions[i] ?? text.length)), ':\n'];
        const ours = parseByChunk(chunks);
        const reference = parseByChunkWithReference(chunks);
        expect(ours.flat()).toEqual(reference.flat());
        // The reference holds a CR that ends a chunk back until the next one; we do not.
        chunks.forEach((_, i) => {
          const reported = ours.slice(0, i + 1).flat();
          expect(reported.slice(0, reference.slice(0, i + 1).flat().length)).toEqual(reference.slice(0, i + 1).flat());
        });
        expect(ours.flat()).toEqual(parse([`${text}:\n`]));
      }),
      { numRuns: 2000 },
    );
  });
});
