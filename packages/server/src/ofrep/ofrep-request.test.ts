import { describe, expect, it } from 'vitest';
import { parseOfrepRequest } from './ofrep-request.js';

describe('OFREP request', () => {
  it('reads targetingKey as userId and keeps the other attributes', () => {
    expect(
      parseOfrepRequest('{"context":{"targetingKey":"42","plan":"pro","age":30,"beta":true,"team":null}}'),
    ).toEqual({
      ok: true,
      context: { userId: '42', plan: 'pro', age: 30, beta: true, team: null },
    });
  });

  it('lets an explicit userId win over targetingKey, unless it is null', () => {
    expect(parseOfrepRequest('{"context":{"targetingKey":"42","userId":"7"}}')).toEqual({
      ok: true,
      context: { userId: '7' },
    });
    expect(parseOfrepRequest('{"context":{"targetingKey":"42","userId":null}}')).toEqual({
      ok: true,
      context: { userId: '42' },
    });
    expect(parseOfrepRequest('{"context":{"targetingKey":null}}')).toEqual({ ok: true, context: {} });
  });

  it('treats an empty body or a missing context as the empty context, and ignores unknown fields', () => {
    expect(parseOfrepRequest('')).toEqual({ ok: true, context: {} });
    expect(parseOfrepRequest('{}')).toEqual({ ok: true, context: {} });
    expect(parseOfrepRequest('{"context":{"a":"b"},"flags":["x"]}')).toEqual({ ok: true, context: { a: 'b' } });
  });

  it('refuses bodies that are not JSON objects, and contexts that are not flat', () => {
    expect(parseOfrepRequest('{')).toMatchObject({ ok: false, errorCode: 'PARSE_ERROR' });
    expect(parseOfrepRequest('"context"')).toMatchObject({ ok: false, errorCode: 'PARSE_ERROR' });
    expect(parseOfrepRequest('null')).toMatchObject({ ok: false, errorCode: 'PARSE_ERROR' });
    expect(parseOfrepRequest('{"context":null}')).toMatchObject({
      ok: false,
      errorCode: 'INVALID_CONTEXT',
      errorDetails: expect.stringMatching(/^context: /),
    });
    expect(parseOfrepRequest('{"context":{"address":{"city":"x"}}}')).toMatchObject({
      ok: false,
      errorCode: 'INVALID_CONTEXT',
      errorDetails: expect.stringMatching(/^context\.address: must be a string, number, boolean or null/),
    });
  });
});
