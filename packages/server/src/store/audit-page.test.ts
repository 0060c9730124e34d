import { describe, expect, it } from 'vitest';
import { auditAfterQuery, auditPage, auditQuery } from './audit-page.js';
import type { AuditRow } from './rows.js';

const row = (id: number): AuditRow => ({
  id,
  at: 'x',
  actor: 'ops',
  via: null,
  action: 'flag.killed',
  targetKind: 'flag',
  target: 'a',
  environment: null,
  before: null,
  after: null,
  reason: null,
});

describe('audit paging', () => {
  it('asks for one row more than the page holds, before the cursor', () => {
    expect(auditQuery({ flag: 'a', limit: 5, cursor: '42' })).toEqual({
      flag: 'a',
      environment: undefined,
      beforeId: 42,
      limit: 6,
    });
    expect(auditQuery({ limit: 5 }).beforeId).toBeUndefined();
  });

  it('turns a cursor it did not hand out into a query that matches nothing', () => {
    for (const cursor of ['nonsense', '-1', '1e3', '', '1234567890123456']) {
      expect(auditQuery({ limit: 5, cursor }).beforeId).toBe(0);
    }
  });

  it('hands out the last id as the cursor only when more rows follow', () => {
    const full = auditPage([row(9), row(8), row(7)], 2);
    expect(full.entries.map((e) => e.id)).toEqual(['9', '8']);
    expect(full.nextCursor).toBe('8');
    expect(auditPage([row(9), row(8)], 2).nextCursor).toBeNull();
    expect(auditPage([], 2)).toEqual({ entries: [], nextCursor: null });
  });

  it('reads after an id, from the start without one, and matches nothing after a string that is no id', () => {
    expect(auditAfterQuery({ after: '41', environment: 'production', limit: 5 })).toEqual({
      flag: undefined,
      environment: 'production',
      afterId: 41,
      limit: 5,
    });
    expect(auditAfterQuery({ flag: 'a', limit: 5 })).toEqual({ flag: 'a', environment: undefined, limit: 5 });
    expect(auditAfterQuery({ after: 'x', flag: 'a', limit: 5 })).toEqual({ beforeId: 0, limit: 5 });
  });
});
