import { describe, expect, it } from 'vitest';
import { generateKeySecret, keyIdOf } from './key-secret.js';

const random = (bytes: Uint8Array) => crypto.getRandomValues(bytes);

describe('key secrets', () => {
  it('makes prefixed secrets with 256 random bits whose id can be read back', () => {
    for (const [kind, prefix] of [
      ['admin', 'rpa_'],
      ['server', 'rps_'],
      ['client', 'rpc_'],
    ] as const) {
      const { id, secret } = generateKeySecret(kind, random);
      expect(secret.startsWith(`${prefix}${id}_`)).toBe(true);
      expect(secret.length - prefix.length - id.length - 1).toBe(43);
      expect(keyIdOf(secret)).toBe(id);
    }
  });

  it('never repeats a secret', () => {
    const secrets = new Set(Array.from({ length: 1_000 }, () => generateKeySecret('server', random).secret));
    expect(secrets.size).toBe(1_000);
  });

  it('reads no id from text in another format', () => {
    for (const text of ['', 'hunter2', 'rpx_abc_def', 'rpa__def', 'rpa_ABC_def', 'rpa_abc_'])
      expect(keyIdOf(text)).toBeUndefined();
  });
});
