import ipaddr from 'ipaddr.js';
import type { OperatorCompiler } from './types';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** A bare address: four-part decimal IPv4 (not `127.1` or hex forms) or IPv6. */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

function parseRange(text: string): Range | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) {
    const address = parseAddress(text);
    return address && [address, address.kind() === 'ipv4' ? 32 : 128];
  }
  const address = parseAddress(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  return prefix <= (address.kind() === 'ipv4' ? 32 : 128) ? [address, prefix] : undefined;
}

/**
 * The attribute is an address inside any of the CIDR ranges, or equal to any address, in
 * `values`. IPv4 and IPv6 never match each other (`::ffff:10.0.0.1` is not `10.0.0.1`).
 * Entries that are not addresses or ranges are ignored, as peers do, and reported.
 */
export const compileInCidr: OperatorCompiler = (values) => {
  const ranges: Range[] = [];
  const invalid: number[] = [];
  for (const [index, value] of values.entries()) {
    const range = parseRange(value.trim());
    if (range) ranges.push(range);
    else invalid.push(index);
  }
  const test = (value: string): boolean => {
    const address = parseAddress(value);
    if (address === undefined) return false;
    const kind = address.kind();
    return ranges.some(([base, bits]) => base.kind() === kind && address.match(base, bits));
  };
  if (invalid.length === 0) return { test };
  return {
    test,
    problem: `values[${invalid.join(', ')}] ${invalid.length === 1 ? 'is not an IP address or CIDR range' : 'are not IP addresses or CIDR ranges'}`,
  };
};
