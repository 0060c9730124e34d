import type { JsonValue } from '@rampart/core';

/** What a readable message needs of an event's audit entry. */
interface EventData {
  actor: string;
  action: string;
  targetKind: string;
  target: string;
  environment?: string | undefined;
  reason?: string | undefined;
}

/** How each event reads in a sentence, right after the target's name. */
const VERBS: Readonly<Record<string, string>> = {
  'config.killed': ' was killed',
  'config.revived': ' was revived',
  'config.ramped': ' was ramped',
  'config.replaced': ' was reconfigured',
  'release.created': ' got a release plan',
  'release.advanced': "'s release plan was advanced",
  'release.paused': "'s release plan paused",
  'release.resumed': "'s release plan resumed",
  'release.completed': "'s release plan completed",
  'release.aborted': "'s release plan was aborted",
  'release.killed': "'s release plan was killed by its guard",
};

const ICONS: Readonly<Record<string, string>> = {
  'config.killed': ':red_circle:',
  'release.killed': ':red_circle:',
  'config.revived': ':large_green_circle:',
  'release.paused': ':double_vertical_bar:',
  'release.completed': ':white_check_mark:',
};

/**
 * A Slack incoming-webhook message for an event in the standard format: one readable line
 * (`:red_circle: *new-checkout* was killed in *production* by trigger:high-errors: "Error rate
 * above 5 %"`), with the entry's id for finding it in the audit log.
 *
 * @example
 * slackMessage(event); // { text: ':red_circle: *new-checkout* was killed in *production* by ops' }
 */
export function slackMessage(event: JsonValue): { text: string } {
  const data = dataOf(event);
  if (data === undefined) return { text: `Rampart: ${escape(typeOf(event))}` };
  const icon = ICONS[data.action] ?? ':gear:';
  const verb = VERBS[data.action];
  const target = `*${escape(data.target)}*`;
  const what =
    verb === undefined ? `${escape(data.action)} on ${escape(data.targetKind)} ${target}` : `${target}${verb}`;
  const where = data.environment === undefined ? '' : ` in *${escape(data.environment)}*`;
  const why = data.reason === undefined || data.reason === '' ? '' : `: "${escape(data.reason)}"`;
  return { text: `${icon} ${what}${where} by ${escape(data.actor)}${why}` };
}

function dataOf(event: JsonValue): EventData | undefined {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return undefined;
  const data = event.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const text = (name: string): string | undefined => {
    const value = data[name];
    return typeof value === 'string' ? value : undefined;
  };
  const [actor, action, targetKind, target] = [text('actor'), text('action'), text('targetKind'), text('target')];
  if (actor === undefined || action === undefined || targetKind === undefined || target === undefined) return undefined;
  return { actor, action, targetKind, target, environment: text('environment'), reason: text('reason') };
}

function typeOf(event: JsonValue): string {
  return event !== null && typeof event === 'object' && !Array.isArray(event) && typeof event.type === 'string'
    ? event.type
    : 'an event';
}

/** Slack reads `&`, `<` and `>` as markup: https://api.slack.com/reference/surfaces/formatting#escaping */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
