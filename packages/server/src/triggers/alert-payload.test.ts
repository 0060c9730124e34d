import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAlertPayload, type AlertPayload, type AlertSource } from './alert-payload.js';
import { readSample } from './samples/samples.js';

const SOURCES: readonly AlertSource[] = [
  'alertmanager',
  'grafana',
  'grafana-legacy',
  'datadog',
  'pagerduty',
  'sentry',
  'json',
  'text',
  'empty',
];
const TOOLS: readonly AlertSource[] = ['alertmanager', 'grafana', 'grafana-legacy', 'datadog', 'pagerduty', 'sentry'];
const UNPRINTABLE = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value));
const read = (value: unknown, contentType = 'application/json'): AlertPayload =>
  readAlertPayload(contentType, json(value));

function expectValid(payload: AlertPayload): void {
  expect(SOURCES).toContain(payload.source);
  expect(typeof payload.resolved).toBe('boolean');
  if (payload.resolved) expect(TOOLS).toContain(payload.source);
  expect(payload.summary.length).toBeGreaterThan(0);
  expect(payload.summary.length).toBeLessThanOrEqual(300);
  expect(payload.summary).not.toMatch(UNPRINTABLE);
  expect(payload.summary).not.toMatch(LONE_SURROGATE);
  expect(payload.summary).toBe(payload.summary.trim());
}

describe('readAlertPayload on the tools’ own payloads', () => {
  const samples: [string, AlertPayload][] = [
    [
      'alertmanager-firing.json',
      {
        source: 'alertmanager',
        resolved: false,
        summary: 'Alertmanager: firing: HighErrorRate (2 alerts): Error rate above 5% on checkout',
      },
    ],
    [
      'alertmanager-resolved.json',
      {
        source: 'alertmanager',
        resolved: true,
        summary: 'Alertmanager: resolved: HighErrorRate (2 alerts): Error rate above 5% on checkout',
      },
    ],
    [
      'grafana-firing.json',
      {
        source: 'grafana',
        resolved: false,
        summary:
          'Grafana: firing: [FIRING:1] Checkout error rate Checkout (checkout critical): Error rate above 5% on checkout',
      },
    ],
    [
      'grafana-resolved.json',
      {
        source: 'grafana',
        resolved: true,
        summary:
          'Grafana: resolved: [RESOLVED] Checkout error rate Checkout (checkout critical): Error rate above 5% on checkout',
      },
    ],
    [
      'grafana-legacy-ok.json',
      {
        source: 'grafana-legacy',
        resolved: true,
        summary: 'Grafana (legacy): ok: Checkout error rate: Error rate above 5% on checkout',
      },
    ],
    [
      'datadog-triggered.json',
      {
        source: 'datadog',
        resolved: false,
        summary: 'Datadog: Triggered: [Triggered on {service:checkout}] Checkout error rate above 5%',
      },
    ],
    [
      'pagerduty-resolved.json',
      {
        source: 'pagerduty',
        resolved: true,
        summary: 'PagerDuty: incident.resolved: Checkout error rate above 5% (Checkout API)',
      },
    ],
    [
      'sentry-metric-resolved.json',
      {
        source: 'sentry',
        resolved: true,
        summary: 'Sentry: resolved: Checkout errors: 12 events in the last 10 minutes',
      },
    ],
  ];

  it.each(samples)('reads %s', (name, expected) => {
    expect(readAlertPayload('application/json', readSample(name))).toEqual(expected);
  });

  it('goes by the shape, whatever the content type says', () => {
    for (const [name, expected] of samples) {
      for (const type of [
        undefined,
        '',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-8',
      ]) {
        expect(readAlertPayload(type, readSample(name))).toEqual(expected);
      }
    }
  });

  it('reads a text body as its content type, size and first line', () => {
    expect(readAlertPayload('text/plain; charset=utf-8', readSample('plain-text.txt'))).toEqual({
      source: 'text',
      resolved: false,
      summary: 'text/plain, 87 bytes: Checkout error rate above 5% (6.2% over 5m)',
    });
  });
});

describe('readAlertPayload on Alertmanager and Grafana groups', () => {
  const group = (fields: Record<string, unknown>) => ({
    version: '4',
    groupKey: '{}:{}',
    status: 'firing',
    alerts: [{ status: 'firing', labels: { alertname: 'A' } }],
    ...fields,
  });

  it('goes by the group’s status, not its alerts’', () => {
    const alerts = [
      { status: 'resolved', labels: { alertname: 'A' } },
      { status: 'firing', labels: { alertname: 'A' } },
    ];
    expect(read(group({ status: 'firing', alerts })).resolved).toBe(false);
    expect(read(group({ status: 'resolved', alerts })).resolved).toBe(true);
    expect(read(group({ status: 'Resolved' })).resolved).toBe(false);
    expect(read(group({ status: ' resolved\n' })).resolved).toBe(false);
  });

  it('names the alerts from their labels when the group has no common name', () => {
    const alerts = ['A', 'B', 'A', 'C', 'D', 'E'].map((alertname) => ({ labels: { alertname } }));
    expect(read(group({ alerts })).summary).toBe('Alertmanager: firing: A, B, C and 2 more (6 alerts)');
    expect(read(group({ alerts: [{ labels: {} }, 7, null] })).summary).toBe('Alertmanager: firing (3 alerts)');
    expect(read(group({ alerts: [] })).summary).toBe('Alertmanager: firing (0 alerts)');
  });

  it('counts the alerts that max_alerts left out', () => {
    expect(read(group({ truncatedAlerts: 4 })).summary).toBe('Alertmanager: firing: A (5 alerts)');
    expect(read(group({ truncatedAlerts: -4 })).summary).toBe('Alertmanager: firing: A (1 alert)');
  });

  it('uses the common description when there is no common summary', () => {
    const commonAnnotations = { description: 'p99 above 2s', runbook_url: 'https://runbooks.example.com' };
    expect(read(group({ commonAnnotations })).summary).toBe('Alertmanager: firing: A (1 alert): p99 above 2s');
  });

  it('needs version "4" and a groupKey to call it Alertmanager', () => {
    expect(read(group({ version: '5' })).source).toBe('json');
    expect(read(group({ groupKey: undefined })).source).toBe('json');
    expect(read(group({ alerts: {} })).source).toBe('json');
    expect(read(group({ status: 7 })).source).toBe('json');
  });

  it('tells Grafana by its orgId and title, and names the alerts when there is no title', () => {
    const grafana = group({ version: '1', orgId: 1, title: '[FIRING:1] A', state: 'alerting' });
    expect(read(grafana)).toEqual({ source: 'grafana', resolved: false, summary: 'Grafana: firing: [FIRING:1] A' });
    expect(read({ ...grafana, title: undefined }).summary).toBe('Grafana: firing: A (1 alert)');
    expect(read({ ...grafana, status: 'resolved', state: 'ok' }).resolved).toBe(true);
  });
});

describe('readAlertPayload on the other tools', () => {
  it('reads Grafana’s legacy states, and only those, firing on "alerting" alone', () => {
    const legacy = { ruleName: 'Checkout error rate', title: '[Alerting] Checkout error rate', orgId: 1 };
    expect(read({ ...legacy, state: 'alerting' })).toEqual({
      source: 'grafana-legacy',
      resolved: false,
      summary: 'Grafana (legacy): alerting: Checkout error rate',
    });
    for (const state of ['ok', 'no_data', 'paused', 'pending']) expect(read({ ...legacy, state }).resolved).toBe(true);
    expect(read({ ...legacy, state: 'OK' }).source).toBe('json');
  });

  it('fires on Datadog’s triggers alone when the template states the transition', () => {
    const alert = { alert_id: '1', alert_title: 'Checkout errors' };
    for (const transition of ['Triggered', 'Re-Triggered', 'Renotify']) {
      expect(read({ ...alert, alert_transition: transition }).resolved).toBe(false);
    }
    for (const transition of ['Warn', 'No Data', 'recovered', 'Recovered ']) {
      expect(read({ ...alert, alert_transition: transition }).resolved).toBe(true);
    }
    expect(read({ ...alert, alert_transition: 'Recovered' })).toEqual({
      source: 'datadog',
      resolved: true,
      summary: 'Datadog: Recovered: Checkout errors',
    });
  });

  it('reads a recovery from the title of Datadog’s default payload', () => {
    const payload = {
      body: '%%%\nError rate\n%%%',
      last_updated: '1718702116000',
      event_type: 'query_alert_monitor',
      title: '[Recovered] Checkout errors',
      date: '1718702116000',
      org: { id: '1', name: 'Example' },
      id: '7',
    };
    expect(read(payload)).toEqual({
      source: 'datadog',
      resolved: true,
      summary: 'Datadog: [Recovered] Checkout errors',
    });
    expect(read({ ...payload, title: '[Triggered] Checkout errors' }).resolved).toBe(false);
  });

  it('fires on a PagerDuty incident that is new or reopened, not on one being worked on', () => {
    const event = (event_type: string) => ({ event: { event_type, data: { title: 'Checkout errors' } } });
    expect(read(event('incident.acknowledged'))).toEqual({
      source: 'pagerduty',
      resolved: true,
      summary: 'PagerDuty: incident.acknowledged: Checkout errors',
    });
    expect(read(event('incident.triggered')).resolved).toBe(false);
    expect(read(event('incident.reopened')).resolved).toBe(false);
    expect(read(event('incident.resolved')).resolved).toBe(true);
    expect(read(event(' incident.triggered')).resolved).toBe(true);
    const note = { event: { event_type: 'incident.annotated', data: { incident: { summary: 'Checkout errors' } } } };
    expect(read(note).summary).toBe('PagerDuty: incident.annotated: Checkout errors');
  });

  it('fires on a Sentry metric alert that is critical or warning, and an issue that appears or comes back', () => {
    const metric = (action: string) => ({
      action,
      data: { metric_alert: { alert_rule: { name: 'Checkout errors' } } },
    });
    expect(read(metric('critical'))).toEqual({
      source: 'sentry',
      resolved: false,
      summary: 'Sentry: critical: Checkout errors',
    });
    expect(read(metric('warning')).resolved).toBe(false);
    expect(read(metric('resolved')).resolved).toBe(true);
    expect(read(metric('critical\t')).resolved).toBe(true);
    const issue = { action: 'resolved', data: { issue: { title: 'TypeError: cart is undefined' } } };
    expect(read(issue)).toEqual({
      source: 'sentry',
      resolved: true,
      summary: 'Sentry: issue resolved: TypeError: cart is undefined',
    });
    expect(read({ ...issue, action: 'assigned' }).resolved).toBe(true);
    expect(read({ ...issue, action: 'created' }).resolved).toBe(false);
    expect(read({ ...issue, action: 'unresolved' }).resolved).toBe(false);
  });

  it('reads a Sentry issue alert as firing', () => {
    const alert = {
      action: 'triggered',
      data: { event: { title: 'TypeError: cart is undefined' }, triggered_rule: 'Checkout errors' },
    };
    expect(read(alert)).toEqual({
      source: 'sentry',
      resolved: false,
      summary: 'Sentry: triggered: Checkout errors: TypeError: cart is undefined',
    });
  });
});

describe('readAlertPayload on anything else', () => {
  it('reads an empty or blank body as empty', () => {
    const empty = { source: 'empty', resolved: false, summary: 'a POST with no body' };
    expect(readAlertPayload(undefined, new Uint8Array())).toEqual(empty);
    expect(readAlertPayload('application/json', utf8(' \r\n\t\uFEFF'))).toEqual(empty);
  });

  it('lists up to five of another JSON object’s fields', () => {
    expect(read({ a: 1, b: 2, c: 3 })).toEqual({
      source: 'json',
      resolved: false,
      summary: 'JSON with fields: a, b, c',
    });
    expect(read({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }).summary).toBe(
      'JSON with fields: a, b, c, d, e, and 2 more',
    );
    expect(read({}).summary).toBe('JSON with no fields');
    expect(read({ '': 1, 'two\nlines': 2 }).summary).toBe('JSON with fields: "", two lines');
  });

  it('names the kind of a JSON value that is not an object', () => {
    expect(read([1, 2, 3])).toEqual({ source: 'json', resolved: false, summary: 'JSON array with 3 items' });
    expect(read([{ status: 'resolved' }]).summary).toBe('JSON array with 1 item');
    expect(read(42).summary).toBe('JSON number');
    expect(read('resolved').summary).toBe('JSON string');
    expect(read(false).summary).toBe('JSON boolean');
    expect(read(null).summary).toBe('JSON null');
  });

  it('reads JSON after a byte-order mark', () => {
    expect(readAlertPayload('application/json', utf8(`\uFEFF${JSON.stringify({ a: 1 })}`)).summary).toBe(
      'JSON with fields: a',
    );
  });

  it('cuts a long first line of text, and names a missing content type', () => {
    const line = 'x'.repeat(500);
    expect(readAlertPayload(undefined, utf8(`\n\n  ${line}\nsecond`))).toEqual({
      source: 'text',
      resolved: false,
      summary: `no content type, 511 bytes: ${'x'.repeat(159)}…`,
    });
    expect(readAlertPayload('text/plain', utf8('kill it\r\nnow')).summary).toBe('text/plain, 12 bytes: kill it');
    expect(readAlertPayload('TEXT/Plain', utf8('{not json')).summary).toBe('text/plain, 9 bytes: {not json');
  });

  it('says when the bytes are not UTF-8', () => {
    expect(readAlertPayload('application/octet-stream', new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toEqual({
      source: 'text',
      resolved: false,
      summary: 'application/octet-stream, 4 bytes, not UTF-8',
    });
  });

  it('survives deep nesting', () => {
    const depth = 100_000;
    expect(readAlertPayload('application/json', utf8('['.repeat(depth) + ']'.repeat(depth))).summary).toBe(
      'JSON array with 1 item',
    );
    expect(readAlertPayload('application/json', utf8('{"a":'.repeat(depth))).source).toBe('text');
  });

  it('reads only own fields: __proto__ and friends are plain names', () => {
    const inherited = { status: 'resolved', alerts: [], groupKey: '{}:{}', version: '4' };
    const body = `{"__proto__": ${JSON.stringify(inherited)}, "constructor": {"prototype": {"polluted": true}}}`;
    expect(readAlertPayload('application/json', utf8(body))).toEqual({
      source: 'json',
      resolved: false,
      summary: 'JSON with fields: __proto__, constructor',
    });
    expect(read({ toString: 'x', valueOf: 1 }).summary).toBe('JSON with fields: toString, valueOf');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['status']).toBeUndefined();
  });

  it('keeps the summary to one clean line of at most 300 characters', () => {
    const payload = read({
      version: '4',
      groupKey: '{}:{}',
      status: 'firing',
      alerts: [],
      commonLabels: { alertname: 'High\u0000Error\nRate\u2028\u202Eevil' },
      commonAnnotations: { summary: `${'error '.repeat(100)}\ud800` },
    });
    expectValid(payload);
    expect(payload.summary).toMatch(/^Alertmanager: firing: High Error Rate evil \(0 alerts\): error error/);
    expect(payload.summary).toMatch(/…$/);
    const long = read({
      version: '4',
      groupKey: '',
      status: 'firing',
      alerts: [],
      commonLabels: { alertname: '😀'.repeat(200) },
    });
    expectValid(long);
    expect(long.summary).toBe(`Alertmanager: firing: ${'😀'.repeat(79)}… (0 alerts)`);
  });
});

describe('readAlertPayload under fuzzing', () => {
  const contentType = fc.option(fc.string({ maxLength: 80 }), { nil: undefined });
  const KEYS = [
    'version',
    'groupKey',
    'status',
    'alerts',
    'truncatedAlerts',
    'labels',
    'alertname',
    'commonLabels',
    'commonAnnotations',
    'summary',
    'description',
    'orgId',
    'title',
    'state',
    'message',
    'ruleName',
    'alert_transition',
    'alert_id',
    'alert_title',
    'event_title',
    'event_type',
    'last_updated',
    'org',
    'event',
    'data',
    'incident',
    'service',
    'action',
    'metric_alert',
    'alert_rule',
    'name',
    'description_text',
    'description_title',
    'issue_alert',
    'triggered_rule',
    'issue',
    '__proto__',
    'constructor',
    'toString',
  ];
  const VALUES = ['4', '1', 'firing', 'resolved', 'ok', 'alerting', 'Recovered', 'incident.resolved', 'triggered', ''];
  /** JSON shaped like the tools' payloads, with their field names and values mixed in at any depth. */
  const { shaped } = fc.letrec((tie) => ({
    shaped: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...VALUES),
      fc.jsonValue({ maxDepth: 1 }),
      fc.array(tie('shaped'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('shaped'), { maxKeys: 8 }),
    ),
  }));

  it('reads any bytes', () => {
    fc.assert(
      fc.property(contentType, fc.uint8Array({ maxLength: 600 }), (type, bytes) => {
        expectValid(readAlertPayload(type, bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('reads any text', () => {
    fc.assert(
      fc.property(contentType, fc.string({ unit: 'binary', maxLength: 2000 }), (type, text) => {
        expectValid(readAlertPayload(type, utf8(text)));
      }),
      { numRuns: 500 },
    );
  });

  it('reads any JSON value as JSON or a tool’s payload', () => {
    fc.assert(
      fc.property(contentType, fc.oneof(fc.jsonValue(), shaped), (type, value) => {
        const payload = readAlertPayload(type, json(value));
        expectValid(payload);
        expect(['text', 'empty']).not.toContain(payload.source);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a tool’s payload whatever its fields hold', () => {
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), shaped);
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...VALUES), anything);
    const group = fc.record(
      {
        version: fc.oneof(fc.constantFrom('4', '1'), anything),
        groupKey: text,
        status: text,
        alerts: fc.array(fc.oneof(fc.record({ status: text, labels: fc.record({ alertname: text }) }), anything), {
          maxLength: 5,
        }),
        truncatedAlerts: fc.oneof(fc.integer(), anything),
        commonLabels: fc.oneof(fc.record({ alertname: text }), anything),
        commonAnnotations: fc.oneof(fc.record({ summary: text, description: text }, { requiredKeys: [] }), anything),
        orgId: fc.oneof(fc.integer(), anything),
        title: text,
        state: text,
        message: text,
      },
      { requiredKeys: ['status', 'alerts'] },
    );
    const legacy = fc.record({
      ruleName: text,
      state: fc.oneof(fc.constantFrom('ok', 'alerting'), anything),
      message: text,
    });
    const datadog = fc.record(
      { alert_transition: text, alert_id: anything, alert_title: text, event_title: text, title: text },
      { requiredKeys: [] },
    );
    const pagerduty = fc.record({
      event: fc.oneof(
        fc.record({
          event_type: text,
          data: fc.oneof(fc.record({ title: text, service: fc.record({ summary: text }) }), anything),
        }),
        anything,
      ),
    });
    const sentry = fc.record({
      action: text,
      data: fc.oneof(
        fc.record(
          {
            metric_alert: fc.oneof(fc.record({ alert_rule: fc.record({ name: text }) }), anything),
            description_text: text,
            event: fc.oneof(fc.record({ title: text }), anything),
            triggered_rule: text,
            issue: fc.oneof(fc.record({ title: text }), anything),
          },
          { requiredKeys: [] },
        ),
        anything,
      ),
    });
    fc.assert(
      fc.property(contentType, fc.oneof(group, legacy, datadog, pagerduty, sentry), (type, value) => {
        expectValid(readAlertPayload(type, json(value)));
      }),
      { numRuns: 1000 },
    );
  });
});
