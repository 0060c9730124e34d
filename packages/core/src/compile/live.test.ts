import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate';
import { flagOf, snapshotOf } from '../test-support/snapshot';
import { compile } from './compile';
import { liveCompiled } from './live';

describe('liveCompiled', () => {
  it('answers as the snapshot it starts from', () => {
    const live = liveCompiled(compile(snapshotOf([flagOf('on'), flagOf('off', { enabled: false })])));
    expect(evaluate(live.compiled, 'on', {}).enabled).toBe(true);
    expect(evaluate(live.compiled, 'off', {}).enabled).toBe(false);
  });

  it('answers from the new flags after a replace, through the same objects', () => {
    const live = liveCompiled(compile(snapshotOf([flagOf('checkout'), flagOf('removed')])));
    const { compiled } = live;
    const { flags } = compiled;
    const before = evaluate(compiled, 'checkout', { userId: '1' });

    live.replace(
      compile({
        environment: 'staging',
        version: 2,
        segments: [],
        flags: [flagOf('checkout', { enabled: false }), flagOf('added')],
      }),
    );

    expect(live.compiled).toBe(compiled);
    expect(live.compiled.flags).toBe(flags);
    expect(evaluate(compiled, 'checkout', { userId: '1' }).enabled).toBe(false);
    expect(evaluate(compiled, 'added', {}).enabled).toBe(true);
    expect(evaluate(compiled, 'removed', {}).errorCode).toBe('FLAG_NOT_FOUND');
    expect([compiled.environment, compiled.version]).toEqual(['staging', 2]);
    // Results already handed out are frozen and stay as they were.
    expect(before.enabled).toBe(true);
  });

  it('takes the options of the compile it is replaced by: base context and unknown-flag listener', () => {
    const unknown: string[] = [];
    const live = liveCompiled(compile(snapshotOf([])));
    const targeted = flagOf('eu', {
      rules: [
        {
          id: 'eu',
          conditions: [{ attribute: 'region', operator: 'in', values: ['eu'] }],
          rollout: { percentage: 100 },
        },
      ],
    });

    live.replace(
      compile(snapshotOf([targeted]), { baseContext: { region: 'eu' }, onUnknownFlag: (key) => unknown.push(key) }),
    );

    expect(evaluate(live.compiled, 'eu', {}).enabled).toBe(true);
    expect(evaluate(live.compiled, 'eu', { region: 'us' }).enabled).toBe(false);
    evaluate(live.compiled, 'nowhere', {});
    expect(unknown).toEqual(['nowhere']);
  });

  it('survives being replaced by its own compiled snapshot', () => {
    const live = liveCompiled(compile(snapshotOf([flagOf('kept')])));
    live.replace(live.compiled);
    expect(evaluate(live.compiled, 'kept', {}).enabled).toBe(true);
  });

  it('keeps prerequisites answering within one snapshot: the parent is read from the replaced table', () => {
    const child = flagOf('child', { prerequisites: [{ flag: 'parent', enabled: true }] });
    const live = liveCompiled(compile(snapshotOf([flagOf('parent'), child])));
    expect(evaluate(live.compiled, 'child', {}).enabled).toBe(true);
    live.replace(compile(snapshotOf([flagOf('parent', { enabled: false }), child])));
    expect(evaluate(live.compiled, 'child', {}).enabled).toBe(false);
  });
});
