import { RampartApiError, type AuditEntry, type AuditStreamEvent } from '@rampart/api-client';
import { describe, expect, it } from 'vitest';
import { followAudit, isAfter, type FollowOptions } from './follow.js';

const entry = (id: number): AuditEntry => ({
  id: String(id),
  at: '2030-01-01T12:00:00.000Z',
  actor: 'alice@example.com',
  action: 'config.killed',
  target: 'new-checkout',
  before: null,
  after: null,
});
const audit = (id: number): AuditStreamEvent => ({ type: 'audit', entry: entry(id) });
const ready = (after: string | null): AuditStreamEvent => ({ type: 'ready', after });
const unreachable = new RampartApiError(0, 'unreachable', 'could not reach the server');

/** A connection: its events, then how it ends (undefined: the server closed it). */
type Script = { events: AuditStreamEvent[]; end?: Error };

/**
 * Runs followAudit over scripted connections, recording each one's `after`, the entries shown
 * and the waits; it stops once the scripts run out (as SIGINT would).
 */
async function follow(scripts: Script[], options: Partial<FollowOptions> = {}) {
  const stop = new AbortController();
  const opened: (string | undefined)[] = [];
  const shown: string[] = [];
  const waits: number[] = [];
  let outcome: unknown;
  try {
    await followAudit({
      after: undefined,
      signal: stop.signal,
      open: async function* (after) {
        opened.push(after);
        const script = scripts.shift();
        if (script === undefined) {
          stop.abort();
          return;
        }
        yield* script.events;
        if (script.end !== undefined) throw script.end;
      },
      onEntry: (e) => shown.push(e.id),
      onReset: async () => undefined,
      wait: async (ms) => {
        waits.push(ms);
      },
      ...options,
    });
  } catch (error) {
    outcome = error;
  }
  return { opened, shown, waits, outcome };
}

describe('following the audit log', () => {
  it('reconnects after the last entry seen, so that nothing is missed or shown twice', async () => {
    const { opened, shown, outcome } = await follow([
      { events: [ready('4'), audit(5), audit(6)], end: unreachable },
      { events: [ready('6'), audit(6), audit(7)] },
    ]);
    expect(outcome).toBeUndefined();
    expect(opened).toEqual([undefined, '6', '7']);
    expect(shown).toEqual(['5', '6', '7']);
  });

  it('starts after the given entry, or after nothing when the log was empty', async () => {
    expect((await follow([{ events: [ready('9')] }], { after: '3' })).opened).toEqual(['3', '3']);
    expect((await follow([{ events: [ready(null)] }])).opened).toEqual([undefined, '0']);
  });

  it('backs off 1 s doubling to 30 s while the server is away, and from 1 s again once connected', async () => {
    const down = { events: [], end: unreachable };
    const { waits } = await follow([
      { events: [ready('1')], end: unreachable },
      ...Array.from({ length: 7 }, () => down),
      { events: [ready('1')], end: new RampartApiError(503, 'internal', 'unavailable') },
      down,
    ]);
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 1_000, 2_000]);
  });

  it('stops at once on a refused credential, without retrying', async () => {
    const refused = new RampartApiError(401, 'unauthorized', 'the token was refused');
    const { outcome, waits, opened } = await follow([
      { events: [ready('1')], end: unreachable },
      { events: [], end: refused },
      { events: [ready('1')] },
    ]);
    expect(outcome).toBe(refused);
    expect(waits).toEqual([1_000]);
    expect(opened).toHaveLength(2);
    const forbidden = new RampartApiError(403, 'forbidden', 'no');
    expect((await follow([{ events: [ready('1')], end: forbidden }])).outcome).toBe(forbidden);
  });

  it('fails when the first connection fails, rather than retrying a wrong URL for ever', async () => {
    const { outcome, waits } = await follow([{ events: [], end: unreachable }]);
    expect(outcome).toBe(unreachable);
    expect(waits).toEqual([]);
  });

  it('on reset, reads what was missed another way and goes on after its newest entry', async () => {
    const resets: (string | undefined)[] = [];
    const { opened, shown } = await follow(
      [{ events: [ready('2'), audit(3), { type: 'reset' }, audit(40)], end: unreachable }, { events: [ready('40')] }],
      {
        onReset: async (after) => {
          resets.push(after);
          return '39';
        },
      },
    );
    expect(resets).toEqual(['3']);
    expect(shown).toEqual(['3', '40']);
    expect(opened).toEqual([undefined, '40', '40']);
  });

  it('compares ids as numbers of any length', () => {
    expect(isAfter('10', '9')).toBe(true);
    expect(isAfter('9', '10')).toBe(false);
    expect(isAfter('12345678901234567890', '12345678901234567889')).toBe(true);
    expect(isAfter('7', '7')).toBe(false);
  });
});
