import { describe, expect, it } from 'vitest';
import { formErrors } from './form-errors.js';

const problem = (message: string, fields: [string, string][] = []) => ({ message, fields: new Map(fields) });

describe('formErrors', () => {
  it('shows a refusal without details as the message', () => {
    expect(formErrors(problem('this is the last admin key'), ['name'])).toEqual({
      fields: new Map(),
      message: 'this is the last admin key',
    });
  });

  it('places each detail at its field and leaves no message when all are placed', () => {
    const errors = formErrors(problem('validation failed', [['name', 'required']]), ['name', 'kind']);
    expect(errors.fields.get('name')).toBe('required');
    expect(errors.message).toBeUndefined();
  });

  it('places a detail about an item of a list at the list', () => {
    const errors = formErrors(
      problem('validation failed', [
        ['events.1', 'must be one of …'],
        ['events.3', 'must be one of (again)'],
      ]),
      ['events'],
    );
    expect(errors.fields).toEqual(new Map([['events', 'must be one of …']]));
  });

  it('keeps what no field shows in the message, with its path', () => {
    const errors = formErrors(
      problem('validation failed', [
        ['url', 'must be an http or https URL'],
        ['secret', 'unknown field'],
        ['', 'expected an object'],
      ]),
      ['url'],
    );
    expect(errors.fields.get('url')).toBe('must be an http or https URL');
    expect(errors.message).toBe('secret: unknown field; expected an object');
  });

  it('has nothing to show without a problem', () => {
    expect(formErrors(undefined, ['name'])).toEqual({ fields: new Map(), message: undefined });
  });
});
