import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRejected } from '../test-support/expect-rejected.js';
import { createManualClock, createTestApp, type ManualClock, type TestApp } from '../test-support/test-app.js';

const CONFIG = '/api/v1/flags/a/environments/production';
const RELEASE = `${CONFIG}/release`;
const START = Date.parse('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();
const STEPS = [{ percentage: 10, holdSeconds: 600 }, { percentage: 100 }];

describe('release plan routes', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = createManualClock(START);
    t = await createTestApp({ clock });
    await t.post('/api/v1/flags', { key: 'a' });
  });
  afterEach(() => t.close());

  describe('validation', () => {
    const rejects = (body: unknown, path: string) =>
      expectRejected(t, () => t.post(RELEASE, body), { status: 400, code: 'validation_failed', path });

    it('names the field of a bad step', async () => {
      await rejects({}, 'steps');
      await rejects({ steps: [] }, 'steps');
      await rejects({ steps: Array.from({ length: 21 }, (_, i) => ({ percentage: i + 1, holdSeconds: 0 })) }, 'steps');
      for (const percentage of [0, -1, 101, 1.5, '5', null]) {
        await rejects({ steps: [{ percentage }] }, 'steps.0.percentage');
      }
      await rejects({ steps: [{ percentage: 5, holdSeconds: 1 }, { percentage: 5 }] }, 'steps.1.percentage');
      await rejects({ steps: [{ percentage: 50, holdSeconds: 1 }, { percentage: 10 }] }, 'steps.1.percentage');
      await rejects({ steps: [{ percentage: 5 }, { percentage: 100 }] }, 'steps.0.holdSeconds');
      for (const holdSeconds of [-1, 1.5, 30 * 86_400 + 1, '60']) {
        await rejects({ steps: [{ percentage: 5, holdSeconds }, { percentage: 100 }] }, 'steps.0.holdSeconds');
      }
      await rejects({ steps: [{ percentage: 100, hold: 5 }] }, 'steps.0.hold');
    });

    it('takes at most 20 steps and a hold of up to 30 days', async () => {
      const steps = Array.from({ length: 20 }, (_, i) => ({ percentage: (i + 1) * 5, holdSeconds: 30 * 86_400 }));
      const response = await t.post(RELEASE, { steps });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.json.steps).toHaveLength(20);
    });

    it('names startAt, ruleId, guard fields and unknown fields', async () => {
      for (const startAt of [
        '2030-01-07T09:00:00',
        'Monday 9am',
        '2030-13-01T09:00:00Z',
        '9999-12-31T23:59:59-23:59',
        5,
      ]) {
        await rejects({ steps: STEPS, startAt }, 'startAt');
      }
      await rejects({ steps: STEPS, ruleId: 'nope' }, 'ruleId');
      await rejects({ steps: STEPS, ruleId: '' }, 'ruleId');
      await rejects({ steps: STEPS, guard: {} }, 'guard.event');
      await rejects({ steps: STEPS, guard: { event: '' } }, 'guard.event');
      await rejects({ steps: STEPS, guard: { event: 'e', action: 'explode' } }, 'guard.action');
      for (const alpha of [0, -0.1, 0.51, 'x'])
        await rejects({ steps: STEPS, guard: { event: 'e', alpha } }, 'guard.alpha');
      for (const minExposures of [0, -5, 1.5]) {
        await rejects({ steps: STEPS, guard: { event: 'e', minExposures } }, 'guard.minExposures');
      }
      await rejects({ steps: STEPS, guard: { event: 'e', window: 5 } }, 'guard.window');
      await rejects({ steps: STEPS, percentage: 5 }, 'percentage');
    });

    it('answers 404 for a missing flag or environment and 409 for an archived flag', async () => {
      await expectRejected(t, () => t.post('/api/v1/flags/nope/environments/production/release', { steps: STEPS }), {
        status: 404,
        code: 'not_found',
      });
      await expectRejected(t, () => t.post('/api/v1/flags/a/environments/nope/release', { steps: STEPS }), {
        status: 404,
        code: 'not_found',
      });
      await t.patch('/api/v1/flags/a', { archived: true });
      await expectRejected(t, () => t.post(RELEASE, { steps: STEPS }), { status: 409, code: 'conflict' });
    });
  });

  it('shows the plan with its guard, its defaults filled in and no figures yet', async () => {
    const created = await t.post(RELEASE, { steps: STEPS, guard: { event: 'checkout-error' } });
    expect(created.status).toBe(201);
    const shown = await t.get(RELEASE);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(created.body);
    expect(shown.body).toMatchObject({
      flag: 'a',
      environment: 'production',
      status: 'running',
      currentStep: 0,
      nextStepAt: at(600),
      startAt: null,
      pausedReason: null,
      createdBy: 'admin',
      steps: [{ percentage: 10, holdSeconds: 600, appliedAt: at(0) }, { percentage: 100 }],
      guard: { event: 'checkout-error', action: 'kill', alpha: 0.05, minExposures: 500, figures: null },
    });
    const none = await t.post('/api/v1/flags', { key: 'b' });
    expect(none.status).toBe(201);
    expect((await t.get('/api/v1/flags/b/environments/production/release')).status).toBe(404);
    expect((await t.get('/api/v1/flags/nope/environments/production/release')).json).toMatchObject({
      error: { code: 'not_found', message: "flag 'nope' does not exist" },
    });
  });

  it('turns the configuration on and adds an everyone rule with the first step, as a ramp with enable does', async () => {
    const created = await t.post(RELEASE, { steps: STEPS });
    const config = (await t.get(CONFIG)).json;
    expect(config).toMatchObject({
      enabled: true,
      rules: [{ name: 'everyone', segments: [], conditions: [], rollout: { percentage: 10 } }],
    });
    expect(created.json.ruleId).toBe((config.rules as { id: string }[])[0]?.id);
    const audit = (await t.get('/api/v1/audit?flag=a&limit=5')).json.entries;
    expect(audit).toMatchObject([
      { action: 'config.ramped', actor: `release:${String(created.json.id)}`, after: { enabled: true } },
      { action: 'release.created', actor: 'admin', before: null, after: { status: 'running', currentStep: null } },
      { action: 'flag.created' },
    ]);
  });

  it('rolls out the rule named, leaving the others alone', async () => {
    await t.put(
      CONFIG,
      {
        enabled: true,
        rules: [
          {
            id: 'staff',
            conditions: [{ attribute: 'plan', operator: 'in', values: ['staff'] }],
            rollout: { percentage: 0 },
          },
          { id: 'everyone', rollout: { percentage: 100 } },
        ],
      },
      { 'if-match': '"1"' },
    );
    const created = await t.post(RELEASE, {
      steps: [{ percentage: 20, holdSeconds: 60 }, { percentage: 100 }],
      ruleId: 'staff',
    });
    expect(created.json).toMatchObject({ ruleId: 'staff', currentStep: 0 });
    expect((await t.get(CONFIG)).json).toMatchObject({
      rules: [
        { id: 'staff', rollout: { percentage: 20 } },
        { id: 'everyone', rollout: { percentage: 100 } },
      ],
    });
  });

  it('refuses a second plan while one is under way, naming it, and replaces a finished one', async () => {
    const first = await t.post(RELEASE, { steps: STEPS });
    const refused = await expectRejected(t, () => t.post(RELEASE, { steps: STEPS }), { status: 409, code: 'conflict' });
    expect(refused.json.error).toMatchObject({ message: expect.stringContaining(String(first.json.id)) });
    await t.post(`${RELEASE}/pause`);
    await expectRejected(t, () => t.post(RELEASE, { steps: STEPS }), { status: 409, code: 'conflict' });
    expect((await t.post(`${RELEASE}/abort`)).json).toMatchObject({ status: 'aborted', nextStepAt: null });
    const second = await t.post(RELEASE, { steps: [{ percentage: 100 }] });
    expect(second.status).toBe(201);
    expect(second.json).toMatchObject({ status: 'completed', currentStep: 0 });
    expect(second.json.id).not.toBe(first.json.id);
    expect((await t.get(RELEASE)).json.id).toBe(second.json.id);
    expect((await t.post(RELEASE, { steps: STEPS })).status).toBe(201);
  });

  it('schedules a change for later: a plan of one step with startAt', async () => {
    const created = await t.post(RELEASE, { steps: [{ percentage: 100 }], startAt: '2030-01-01T09:00:00+01:00' });
    expect(created.json).toMatchObject({
      status: 'scheduled',
      currentStep: null,
      nextStepAt: '2030-01-01T08:00:00.000Z',
      startAt: '2030-01-01T08:00:00.000Z',
    });
    expect((await t.get(CONFIG)).json).toMatchObject({ enabled: false, rules: [] });
  });

  it('pauses, resumes, advances and aborts, auditing each and refusing what makes no sense', async () => {
    await t.post(RELEASE, {
      steps: [{ percentage: 10, holdSeconds: 600 }, { percentage: 50, holdSeconds: 600 }, { percentage: 100 }],
    });
    clock.advance(100);
    const paused = await t.post(`${RELEASE}/pause`, { reason: 'errors up' });
    expect(paused.json).toMatchObject({
      status: 'paused',
      nextStepAt: null,
      pausedReason: "paused by 'admin': errors up",
    });
    expect((await t.post(`${RELEASE}/pause`)).json).toEqual(paused.json);
    await expectRejected(t, () => t.post(`${RELEASE}/advance`), { status: 409, code: 'conflict' });

    clock.advance(100);
    const resumed = await t.post(`${RELEASE}/resume`);
    expect(resumed.json).toMatchObject({ status: 'running', pausedReason: null, nextStepAt: at(800), currentStep: 0 });
    expect((await t.post(`${RELEASE}/resume`)).json).toEqual(resumed.json);

    const advanced = await t.post(`${RELEASE}/advance`, { reason: 'looks fine' });
    expect(advanced.json).toMatchObject({ status: 'running', currentStep: 1, nextStepAt: at(800) });
    expect((await t.get(CONFIG)).json).toMatchObject({ rules: [{ rollout: { percentage: 50 } }] });

    const aborted = await t.post(`${RELEASE}/abort`);
    expect(aborted.json).toMatchObject({ status: 'aborted', nextStepAt: null, currentStep: 1 });
    expect((await t.get(CONFIG)).json).toMatchObject({ enabled: true, rules: [{ rollout: { percentage: 50 } }] });
    expect((await t.post(`${RELEASE}/abort`)).json).toEqual(aborted.json);
    for (const action of ['pause', 'resume', 'advance']) {
      await expectRejected(t, () => t.post(`${RELEASE}/${action}`), { status: 409, code: 'conflict' });
    }
    const actions = (await t.get('/api/v1/audit?flag=a&limit=20')).json.entries as { action: string; actor: string }[];
    expect(actions.map((entry) => entry.action).filter((action) => action.startsWith('release.'))).toEqual([
      'release.aborted',
      'release.advanced',
      'release.resumed',
      'release.paused',
      'release.created',
    ]);
    expect(actions.find((entry) => entry.action === 'release.paused')).toMatchObject({
      actor: 'admin',
      reason: "paused by 'admin': errors up",
    });
  });

  it('validates the body of an action, naming the field, and answers 404 without a plan', async () => {
    await expectRejected(t, () => t.post(`${RELEASE}/pause`), { status: 404, code: 'not_found' });
    await t.post(RELEASE, { steps: STEPS });
    await expectRejected(t, () => t.post(`${RELEASE}/pause`, { reason: 5 }), {
      status: 400,
      code: 'validation_failed',
      path: 'reason',
    });
    await expectRejected(t, () => t.post(`${RELEASE}/abort`, { why: 'x' }), {
      status: 400,
      code: 'validation_failed',
      path: 'why',
    });
  });
});
