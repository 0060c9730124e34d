import { decodeUtf8 } from '../base/utf8.js';

/** Which tool posted the body, as far as its shape tells. */
export type AlertSource =
  'alertmanager' | 'grafana' | 'grafana-legacy' | 'datadog' | 'pagerduty' | 'sentry' | 'json' | 'text' | 'empty';

/** What a trigger URL learns from the body an alerting tool posted. */
export interface AlertPayload {
  source: AlertSource;
  /**
   * The payload says the alert is not firing (resolved, recovered, acknowledged, or another state
   * of a known tool than its firing ones): the trigger must do nothing.
   */
  resolved: boolean;
  /**
   * One line (at most 300 characters, no control characters, no newlines) for the audit entry's reason, e.g.
   * "Alertmanager: firing: HighErrorRate (2 alerts): Error rate above 5% on checkout" or "a POST with no body" or
   * "text/plain, 42 bytes: first line…" or "JSON with fields: a, b, c".
   */
  summary: string;
}

const MAX_SUMMARY = 300;
/** The longest single part (a title, a first line, an annotation) before it is cut. */
const MAX_PART = 160;
const MAX_FIELDS_SHOWN = 5;
const MAX_NAMES_SHOWN = 3;
/** Alerts looked at for their names; a group is rarely larger, and the count still covers all. */
const MAX_ALERTS_READ = 100;
const GRAFANA_LEGACY_STATES: ReadonlySet<unknown> = new Set(['alerting', 'ok', 'no_data', 'paused', 'pending']);

type Fields = Readonly<Record<string, unknown>>;
type Reader = (body: Fields) => AlertPayload | undefined;

/** Grafana before Alertmanager: Grafana's unified payload is Alertmanager's with more fields. */
const READERS: readonly Reader[] = [
  readGrafana,
  readAlertmanager,
  readGrafanaLegacy,
  readPagerDuty,
  readSentry,
  readDatadog,
];

/**
 * Reads what an alerting tool posted to a trigger URL: which tool it was (from the body's shape, not the content
 * type, which tools get wrong), whether the alert says it resolved, and one line for the audit entry's reason.
 * Alertmanager, Grafana (unified and legacy), Datadog, PagerDuty (v3 webhooks) and Sentry are recognised; any other
 * JSON, text or an empty body is summarised as it is. When unsure it says "not resolved": a trigger exists to act.
 * It never throws, whatever the bytes.
 *
 * @example
 * readAlertPayload('application/json', alertmanagerBody);
 * // { source: 'alertmanager', resolved: false,
 * //   summary: 'Alertmanager: firing: HighErrorRate (2 alerts): Error rate above 5% on checkout' }
 * readAlertPayload(undefined, new Uint8Array()); // { source: 'empty', resolved: false, summary: 'a POST with no body' }
 */
export function readAlertPayload(contentType: string | undefined, body: Uint8Array): AlertPayload {
  const text = decodeUtf8(body);
  if (text === undefined) return firing('text', `${mediaType(contentType)}, ${count(body.length, 'byte')}, not UTF-8`);
  if (text.trim() === '') return firing('empty', 'a POST with no body');
  const json = parseJson(text);
  if (json === undefined) return firing('text', textSummary(contentType, body.length, text));
  if (!isFields(json.value)) return firing('json', describeJson(json.value));
  for (const read of READERS) {
    const payload = read(json.value);
    if (payload !== undefined) return { ...payload, summary: oneLine(payload.summary, MAX_SUMMARY) };
  }
  return firing('json', describeJson(json.value));
}

function firing(source: AlertSource, summary: string): AlertPayload {
  return { source, resolved: false, summary: oneLine(summary, MAX_SUMMARY) };
}

/** Alertmanager's webhook_config payload: `version` "4", `groupKey`, `status`, `alerts`. */
function readAlertmanager(body: Fields): AlertPayload | undefined {
  const group = alertGroup(body);
  if (group === undefined || field(body, 'version') !== '4' || typeof field(body, 'groupKey') !== 'string') {
    return undefined;
  }
  const names = alertNames(body, group.alerts);
  const head = names === undefined ? group.status : `${group.status}: ${names}`;
  return {
    source: 'alertmanager',
    resolved: field(body, 'status') === 'resolved',
    summary: joined(`Alertmanager: ${head} (${count(group.total, 'alert')})`, groupNote(body)),
  };
}

/** Grafana's unified alerting webhook: Alertmanager's shape (version "1") plus `orgId`, `title`, `state`, `message`. */
function readGrafana(body: Fields): AlertPayload | undefined {
  const group = alertGroup(body);
  if (group === undefined || field(body, 'orgId') === undefined) return undefined;
  const title = part(body, 'title');
  if (title === undefined && part(body, 'state') === undefined && part(body, 'message') === undefined) return undefined;
  const names = alertNames(body, group.alerts);
  const what =
    title ?? (names === undefined ? count(group.total, 'alert') : `${names} (${count(group.total, 'alert')})`);
  return {
    source: 'grafana',
    resolved: field(body, 'status') === 'resolved',
    summary: joined(`Grafana: ${group.status}: ${what}`, groupNote(body)),
  };
}

const PAGERDUTY_FIRING = new Set(['incident.triggered', 'incident.reopened']);
const SENTRY_METRIC_FIRING = new Set(['critical', 'warning']);
const SENTRY_ISSUE_FIRING = new Set(['created', 'unresolved']);
const DATADOG_FIRING = new Set(['Triggered', 'Re-Triggered', 'Renotify']);

/** Grafana's legacy (dashboard) alerting webhook: `ruleName` and a `state` of the legacy five. */
function readGrafanaLegacy(body: Fields): AlertPayload | undefined {
  const rule = part(body, 'ruleName');
  const state = field(body, 'state');
  if (rule === undefined || typeof state !== 'string' || !GRAFANA_LEGACY_STATES.has(state)) return undefined;
  return {
    source: 'grafana-legacy',
    // Only "alerting" fires: ok, no_data, paused and pending say the rule is not in alert.
    resolved: state !== 'alerting',
    summary: joined(`Grafana (legacy): ${state}: ${rule}`, part(body, 'message')),
  };
}

/** PagerDuty's v3 webhook: one `event` with an `event_type` such as "incident.resolved". */
function readPagerDuty(body: Fields): AlertPayload | undefined {
  const event = fieldsAt(body, 'event');
  const type = event === undefined ? undefined : part(event, 'event_type');
  if (event === undefined || type === undefined) return undefined;
  const data = fieldsAt(event, 'data');
  const title = part(data, 'title') ?? part(fieldsAt(data, 'incident'), 'summary') ?? part(data, 'summary');
  const service = part(fieldsAt(data, 'service'), 'summary');
  const summary = joined(`PagerDuty: ${type}`, title);
  return {
    source: 'pagerduty',
    // Only a new or reopened incident fires: an acknowledgement, a note or a resolution is someone at work.
    resolved: !PAGERDUTY_FIRING.has(String(field(event, 'event_type'))),
    summary: service === undefined ? summary : `${summary} (${service})`,
  };
}

/**
 * Sentry's integration webhooks: a metric alert (`action` critical, warning or resolved), an issue alert (`action`
 * triggered) or an issue. Only a metric alert's "resolved" counts: an issue resolved in Sentry is someone's click,
 * not the alert's condition clearing.
 */
function readSentry(body: Fields): AlertPayload | undefined {
  const action = part(body, 'action');
  const data = fieldsAt(body, 'data');
  if (action === undefined || data === undefined) return undefined;
  const metric = fieldsAt(data, 'metric_alert');
  if (metric !== undefined) {
    const name =
      part(fieldsAt(metric, 'alert_rule'), 'name') ?? part(data, 'description_title') ?? part(metric, 'title');
    const detail = firstLine(field(data, 'description_text'));
    const resolved = !SENTRY_METRIC_FIRING.has(String(field(body, 'action')));
    return { source: 'sentry', resolved, summary: joined(`Sentry: ${action}`, name, detail) };
  }
  const event = fieldsAt(data, 'event');
  if (event !== undefined || fieldsAt(data, 'issue_alert') !== undefined) {
    const rule = part(data, 'triggered_rule') ?? part(fieldsAt(data, 'issue_alert'), 'title');
    return { source: 'sentry', resolved: false, summary: joined(`Sentry: ${action}`, rule, part(event, 'title')) };
  }
  const issue = fieldsAt(data, 'issue');
  if (issue === undefined) return undefined;
  // An issue fires when it appears or comes back; resolving, assigning or ignoring it is someone at work.
  const firing = SENTRY_ISSUE_FIRING.has(String(field(body, 'action')));
  return { source: 'sentry', resolved: !firing, summary: joined(`Sentry: issue ${action}`, part(issue, 'title')) };
}

/**
 * Datadog's webhook, whose payload is a template of `$VARIABLES`: the default one (`title`, `event_type`,
 * `last_updated`, `org`…) or one with the alert's own (`alert_transition`, `alert_id`, `alert_title`…).
 */
function readDatadog(body: Fields): AlertPayload | undefined {
  const transition = part(body, 'alert_transition');
  const title = part(body, 'alert_title') ?? part(body, 'event_title') ?? part(body, 'title');
  const byAlert = field(body, 'alert_id') !== undefined && title !== undefined;
  const byDefault =
    field(body, 'last_updated') !== undefined && part(body, 'event_type') !== undefined && isFields(field(body, 'org'));
  if (transition === undefined && !byAlert && !byDefault) return undefined;
  // With $ALERT_TRANSITION in the template, only a trigger fires; without it, the default
  // payload's title says "[Recovered]" when the monitor recovered.
  const stated = field(body, 'alert_transition');
  const resolved =
    typeof stated === 'string' ? !DATADOG_FIRING.has(stated) : /^\[Recovered\b/.test(String(title ?? ''));
  return {
    source: 'datadog',
    resolved,
    summary: joined('Datadog', transition, title),
  };
}

/**
 * The `status` and `alerts` that Alertmanager and Grafana send, and how many alerts there were in all. The status is
 * for reading; whether it says "resolved" is decided on the field itself, exactly.
 */
function alertGroup(body: Fields): { status: string; alerts: readonly unknown[]; total: number } | undefined {
  const status = part(body, 'status');
  const alerts = field(body, 'alerts');
  if (status === undefined || !Array.isArray(alerts)) return undefined;
  const truncated = field(body, 'truncatedAlerts');
  const more = typeof truncated === 'number' && Number.isSafeInteger(truncated) && truncated > 0 ? truncated : 0;
  return { status, alerts, total: alerts.length + more };
}

/** The group's alert name, or its alerts' distinct names ("A, B and 2 more"). */
function alertNames(body: Fields, alerts: readonly unknown[]): string | undefined {
  const common = part(fieldsAt(body, 'commonLabels'), 'alertname');
  if (common !== undefined) return common;
  const names = new Set<string>();
  for (const alert of alerts.slice(0, MAX_ALERTS_READ)) {
    const name = part(fieldsAt(alert, 'labels'), 'alertname');
    if (name !== undefined) names.add(name);
  }
  if (names.size === 0) return undefined;
  const shown = [...names].slice(0, MAX_NAMES_SHOWN).join(', ');
  return names.size > MAX_NAMES_SHOWN ? `${shown} and ${names.size - MAX_NAMES_SHOWN} more` : shown;
}

/** What the whole group's annotations say: its summary, else its description. */
function groupNote(body: Fields): string | undefined {
  const annotations = fieldsAt(body, 'commonAnnotations');
  return part(annotations, 'summary') ?? part(annotations, 'description');
}

function describeJson(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return `JSON array with ${count(value.length, 'item')}`;
  if (!isFields(value)) return `JSON ${typeof value}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'JSON with no fields';
  const shown = keys.slice(0, MAX_FIELDS_SHOWN).map((key) => oneLine(key, 40) || '""');
  const more = keys.length > MAX_FIELDS_SHOWN ? `, and ${keys.length - MAX_FIELDS_SHOWN} more` : '';
  return `JSON with fields: ${shown.join(', ')}${more}`;
}

function textSummary(contentType: string | undefined, bytes: number, text: string): string {
  const line = firstLine(text.trimStart());
  return joined(`${mediaType(contentType)}, ${count(bytes, 'byte')}`, line);
}

/** The content type without its parameters, e.g. "text/plain" of "text/plain; charset=utf-8". */
function mediaType(contentType: string | undefined): string {
  const type = oneLine((contentType ?? '').split(';', 1)[0] ?? '', 60).toLowerCase();
  return type === '' ? 'no content type' : type;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return undefined;
  }
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own field only: never `constructor`, `toString` or whatever `__proto__` leads to. */
function field(fields: Fields | undefined, name: string): unknown {
  return fields !== undefined && Object.hasOwn(fields, name) ? fields[name] : undefined;
}

function fieldsAt(value: unknown, name: string): Fields | undefined {
  const inner = isFields(value) ? field(value, name) : undefined;
  return isFields(inner) ? inner : undefined;
}

/** A string field as one short line, or `undefined` when it is missing, not a string or blank. */
function part(fields: Fields | undefined, name: string): string | undefined {
  const value = field(fields, name);
  if (typeof value !== 'string') return undefined;
  const line = oneLine(value, MAX_PART);
  return line === '' ? undefined : line;
}

function firstLine(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const end = value.search(/[\r\n]/);
  const line = oneLine(end === -1 ? value : value.slice(0, end), MAX_PART);
  return line === '' ? undefined : line;
}

/** "head: a: b", skipping the parts that are missing. */
function joined(head: string, ...parts: (string | undefined)[]): string {
  return [head, ...parts.filter((p) => p !== undefined)].join(': ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Control characters, line and paragraph separators, and the bidirectional controls that could disguise a line. */
const UNPRINTABLE = /[\p{Cc}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** `text` on one line of at most `max` characters, cut with "…" (never inside a surrogate pair). */
function oneLine(text: string, max: number): string {
  const long = text.length > max * 4;
  const line = (long ? text.slice(0, max * 4) : text)
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(UNPRINTABLE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!long && line.length <= max) return line;
  let end = Math.min(line.length, max - 1);
  if (end > 0 && /[\uD800-\uDBFF]/.test(line.charAt(end - 1))) end -= 1;
  return `${line.slice(0, end).trimEnd()}…`;
}
