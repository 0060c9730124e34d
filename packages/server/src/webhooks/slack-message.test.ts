import type { JsonValue } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { slackMessage } from './slack-message.js';

const entry = (data: Record<string, string>): JsonValue => ({ type: data.action ?? '', timestamp: 'x', data });

describe('the Slack format', () => {
  it('says what happened to which flag, where, by whom and why, in one line', () => {
    expect(
      slackMessage(
        entry({
          actor: 'trigger:high-errors',
          action: 'config.killed',
          targetKind: 'flag',
          target: 'checkout',
          environment: 'production',
          reason: 'Error rate above 5%',
        }),
      ),
    ).toEqual({
      text: ':red_circle: *checkout* was killed in *production* by trigger:high-errors: "Error rate above 5%"',
    });
    expect(
      slackMessage(
        entry({
          actor: 'release:p1',
          action: 'release.paused',
          targetKind: 'flag',
          target: 'checkout',
          environment: 'production',
        }),
      ),
    ).toEqual({ text: ":double_vertical_bar: *checkout*'s release plan paused in *production* by release:p1" });
    expect(
      slackMessage(
        entry({ actor: 'alice@example.com', action: 'segment.created', targetKind: 'segment', target: 'beta' }),
      ),
    ).toEqual({
      text: ':gear: segment.created on segment *beta* by alice@example.com',
    });
  });

  it("escapes Slack's markup characters, and reads anything else as an event", () => {
    expect(
      slackMessage(
        entry({
          actor: '<@U123>',
          action: 'config.revived',
          targetKind: 'flag',
          target: 'a&b',
          environment: 'prod',
          reason: '<!channel>',
        }),
      ).text,
    ).toBe(':large_green_circle: *a&amp;b* was revived in *prod* by &lt;@U123&gt;: "&lt;!channel&gt;"');
    expect(slackMessage({ type: 'custom' })).toEqual({ text: 'Rampart: custom' });
    expect(slackMessage(null)).toEqual({ text: 'Rampart: an event' });
  });
});
