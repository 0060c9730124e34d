import { describe, expect, it } from 'vitest';
import { auditPage, auditQuery } from './audit-page.js';
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
});
