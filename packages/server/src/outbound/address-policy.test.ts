import { describe, expect, it } from 'vitest';
import { refusedAddress } from './address-policy.js';
import { describeOrigin } from './url-origin.js';

describe('refusedAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1 is a loopback address'],
    ['127.255.0.9', '127.255.0.9 is a loopback address'],
    ['::1', '::1 is a loopback address'],
    ['[::1]', '::1 is a loopback address'],
    ['10.0.0.1', '10.0.0.1 is a private address'],
    ['172.16.0.1', '172.16.0.1 is a private address'],
    ['172.31.255.255', '172.31.255.255 is a private address'],
    ['192.168.1.1', '192.168.1.1 is a private address'],
    ['169.254.169.254', '169.254.169.254 is a link-local address'],
    ['fe80::1', 'fe80::1 is a link-local address'],
    ['fc00::1', 'fc00::1 is a unique-local address'],
    ['fd12:3456::1', 'fd12:3456::1 is a unique-local address'],
    ['0.0.0.0', '0.0.0.0 is an unspecified address'],
    ['::', ':: is an unspecified address'],
    ['224.0.0.1', '224.0.0.1 is a multicast address'],
    ['ff02::1', 'ff02::1 is a multicast address'],
    ['255.255.255.255', '255.255.255.255 is a broadcast address'],
    ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address'],
    ['192.0.2.1', '192.0.2.1 is a reserved address'],
    ['240.0.0.1', '240.0.0.1 is a reserved address'],
    ['2001:db8::1', '2001:db8::1 is a reserved address'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1 maps to 127.0.0.1, a loopback address'],
    ['::ffff:7f00:1', '::ffff:7f00:1 maps to 127.0.0.1, a loopback address'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1 maps to 10.0.0.1, a private address'],
    ['::ffff:169.254.169.254', '::ffff:169.254.169.254 maps to 169.254.169.254, a link-local address'],
    ['64:ff9b::a9fe:a9fe', '64:ff9b::a9fe:a9fe embeds 169.254.169.254, a link-local address'],
    ['2002:a00:1::', '2002:a00:1:: embeds 10.0.0.1, a private address'],
    ['::7f00:1', '::7f00:1 is a reserved address'],
    ['localhost', 'localhost is not an IP address'],
    ['', ' is not an IP address'],
  ])('refuses %s', (address, reason) => {
    expect(refusedAddress(address)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '2001:4860:4860::8888',
    '[2606:4700::1111]',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('lets the public address %s through', (address) => {
    expect(refusedAddress(address)).toBeUndefined();
  });
});

describe('describeOrigin', () => {
  it.each([
    ['https://hooks.example.com/services/T000/B000/secret?x=1#f', 'https://hooks.example.com'],
    ['http://user:password@hooks.example.com:8080/secret', 'http://hooks.example.com:8080'],
    ['https://[::1]:8443/secret', 'https://[::1]:8443'],
    ['ftp://files.example.com/secret', 'ftp://files.example.com'],
    ['mailto:someone@example.com', 'mailto:'],
    ['not a url with a secret', 'an invalid URL'],
  ])('describes %s as %s', (url, origin) => {
    expect(describeOrigin(url)).toBe(origin);
  });

  it('resolves a relative URL against its base', () => {
    expect(describeOrigin('/secret', 'http://127.0.0.1:8080/a')).toBe('http://127.0.0.1:8080');
    expect(describeOrigin('//other.example/secret', 'https://a.example/')).toBe('https://other.example');
  });
});
