import { describe, expect, it } from 'vitest';
import { redactPath } from './redact-path.js';

describe('redactPath', () => {
  it('leaves out the secrets of trigger and invitation URLs, and nothing else', () => {
    expect(redactPath('/hooks/triggers/rtg_abc')).toBe('/hooks/triggers/…');
    expect(redactPath('/hooks/triggers/rtg_abc/extra')).toBe('/hooks/triggers/…/extra');
    expect(redactPath('/api/v1/invitations/rpi_secret')).toBe('/api/v1/invitations/…');
    expect(redactPath('/api/v1/flags/rpi_not-a-secret')).toBe('/api/v1/flags/rpi_not-a-secret');
    expect(redactPath('/health/live')).toBe('/health/live');
  });
});
