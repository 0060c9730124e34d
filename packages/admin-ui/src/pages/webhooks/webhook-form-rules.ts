import type { Schemas } from '../../api.js';

type Webhook = Schemas['Webhook'];
export type WebhookFormat = Webhook['format'];

/** The families of events a webhook may choose as a whole (docs/integrations.md, "Events"). */
export const EVENT_FAMILIES: readonly { family: string; text: string }[] = [
  { family: 'config.*', text: 'configurations: killed, revived, ramped, replaced' },
  { family: 'release.*', text: 'release plans: created, advanced, paused, resumed, completed, aborted, killed' },
  { family: 'flag.*', text: 'flags: created, updated, archived, restored, imported' },
  { family: 'segment.*', text: 'segments: created, updated, deleted, imported' },
  { family: 'environment.*', text: 'environments: created, protection changed' },
  { family: 'key.*', text: 'API keys: created, revoked' },
  { family: 'trigger.*', text: 'trigger URLs: created, deleted' },
  { family: 'webhook.*', text: 'webhooks: created, updated, deleted' },
  { family: 'user.*', text: 'people: created, updated, deleted, invited, password set' },
  { family: 'token.*', text: 'personal access tokens: created, revoked' },
];

export const FORMATS: readonly { format: WebhookFormat; text: string }[] = [
  { format: 'standard', text: 'standard: the event as JSON' },
  { format: 'slack', text: 'slack: a readable line for a Slack incoming webhook' },
];

/** The webhook form, as people fill it. */
export interface WebhookForm {
  url: string;
  format: WebhookFormat;
  /** Every event, or only the families and types chosen. */
  everyEvent: boolean;
  families: readonly string[];
  /** Single event types, separated by commas or spaces: `config.killed, user.created`. */
  types: string;
  /** Every environment, or only those chosen. */
  everyEnvironment: boolean;
  environments: readonly string[];
}

export const EMPTY_WEBHOOK_FORM: WebhookForm = {
  url: '',
  format: 'standard',
  everyEvent: true,
  families: [],
  types: '',
  everyEnvironment: true,
  environments: [],
};

const isFamily = (event: string) => EVENT_FAMILIES.some((f) => f.family === event);

/**
 * The form as a webhook fills it: the families the form shows as boxes, any other choice in
 * the text of single types, so that editing keeps every event the webhook had.
 */
export function webhookFormOf(webhook: Webhook): WebhookForm {
  const events = webhook.events ?? [];
  return {
    url: webhook.url,
    format: webhook.format,
    everyEvent: webhook.events === null,
    families: events.filter(isFamily),
    types: events.filter((event) => !isFamily(event)).join(', '),
    everyEnvironment: webhook.environments === null,
    environments: webhook.environments ?? [],
  };
}

/**
 * The events the form chooses: `null` for every event; otherwise the chosen families, then the
 * single types typed, each once, in the order given. An empty choice is sent as it is, and the
 * server says at the field to choose at least one.
 *
 * @example
 * eventsOf({ ...EMPTY_WEBHOOK_FORM, everyEvent: false, families: ['release.*'], types: 'config.killed' });
 * // ['release.*', 'config.killed']
 */
export function eventsOf(form: Pick<WebhookForm, 'everyEvent' | 'families' | 'types'>): string[] | null {
  if (form.everyEvent) return null;
  const typed = form.types.split(/[\s,]+/).filter((type) => type !== '');
  return [...new Set([...form.families, ...typed])];
}

/** The request that creates the webhook, or replaces what the form shows of it. */
export function webhookBody(form: WebhookForm): Schemas['CreateWebhook'] & Schemas['UpdateWebhook'] {
  return {
    url: form.url.trim(),
    format: form.format,
    events: eventsOf(form),
    environments: form.everyEnvironment ? null : [...form.environments],
  };
}

/** A webhook's events in words. */
export function describeEvents(events: readonly string[] | null): string {
  return events === null ? 'Every event' : events.join(', ');
}

/** A webhook's environments in words. */
export function describeEnvironments(environments: readonly string[] | null): string {
  return environments === null ? 'All' : environments.join(', ');
}

/** `list` with `item` in it or out of it, in `order`'s order. */
export function toggled(list: readonly string[], item: string, on: boolean, order: readonly string[]): string[] {
  const next = new Set(list);
  if (on) next.add(item);
  else next.delete(item);
  return [...order.filter((o) => next.has(o)), ...[...next].filter((o) => !order.includes(o))];
}
