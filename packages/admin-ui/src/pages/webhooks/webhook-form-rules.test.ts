import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api.js';
import {
  describeEnvironments,
  describeEvents,
  EMPTY_WEBHOOK_FORM,
  eventsOf,
  toggled,
  webhookBody,
  webhookFormOf,
} from './webhook-form-rules.js';

const webhook = (overrides: Partial<Schemas['Webhook']> = {}): Schemas['Webhook'] => ({
  id: 'w1',
  url: 'https://hooks.example.com/rampart',
  events: null,
  environments: null,
  format: 'standard',
  enabled: true,
  disabledReason: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...overrides,
});

describe('eventsOf', () => {
  it('chooses every event as null', () => {
    expect(eventsOf({ everyEvent: true, families: ['config.*'], types: 'user.created' })).toBeNull();
  });

  it('chooses the families, then the types typed, each once', () => {
    expect(
      eventsOf({ everyEvent: false, families: ['release.*'], types: ' config.killed,user.created  release.* ,, ' }),
    ).toEqual(['release.*', 'config.killed', 'user.created']);
  });

  it('sends an empty choice as it is, for the server to refuse at the field', () => {
    expect(eventsOf({ everyEvent: false, families: [], types: ' ' })).toEqual([]);
  });
});

describe('webhookFormOf', () => {
  it('shows families as boxes and other events as typed text', () => {
    const form = webhookFormOf(webhook({ events: ['config.*', 'user.created', 'release.paused'] }));
    expect(form.everyEvent).toBe(false);
    expect(form.families).toEqual(['config.*']);
    expect(form.types).toBe('user.created, release.paused');
  });

  it('sends back what it was filled with', () => {
    const hook = webhook({
      url: 'https://hooks.slack.com/services/T0/B0/X',
      format: 'slack',
      events: ['config.killed', 'release.*'],
      environments: ['production'],
    });
    expect(webhookBody(webhookFormOf(hook))).toEqual({
      url: hook.url,
      format: 'slack',
      events: ['release.*', 'config.killed'],
      environments: ['production'],
    });
  });

  it('keeps every event and every environment as null', () => {
    expect(webhookBody(webhookFormOf(webhook()))).toMatchObject({ events: null, environments: null });
  });
});

describe('webhookBody', () => {
  it('trims the URL and sends only the chosen environments', () => {
    expect(
      webhookBody({
        ...EMPTY_WEBHOOK_FORM,
        url: ' https://hooks.example.com/x ',
        everyEnvironment: false,
        environments: ['staging'],
      }),
    ).toEqual({ url: 'https://hooks.example.com/x', format: 'standard', events: null, environments: ['staging'] });
  });
});

describe('describing a webhook', () => {
  it('names every event and every environment in words', () => {
    expect(describeEvents(null)).toBe('Every event');
    expect(describeEvents(['config.*', 'user.created'])).toBe('config.*, user.created');
    expect(describeEnvironments(null)).toBe('All');
    expect(describeEnvironments(['production', 'staging'])).toBe('production, staging');
  });
});

describe('toggled', () => {
  const order = ['a', 'b', 'c'];

  it('adds an item in the order of the choices', () => {
    expect(toggled(['c'], 'a', true, order)).toEqual(['a', 'c']);
  });

  it('removes an item', () => {
    expect(toggled(['a', 'b'], 'a', false, order)).toEqual(['b']);
  });

  it('keeps items that are not among the choices, after them', () => {
    expect(toggled(['gone'], 'b', true, order)).toEqual(['b', 'gone']);
  });
});
