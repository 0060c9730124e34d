import ipaddr from 'ipaddr.js';

/** What each of ipaddr.js's special ranges is called in a refusal; any other range is "special-purpose". */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique-local address',
  deprecatedSiteLocal: 'a site-local address',
  teredo: 'a Teredo tunnel address',
  discard: 'a discard-only address',
  benchmarking: 'a benchmarking address',
};

/** 2000::/3, where IANA allocates every global unicast IPv6 address. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
/** 64:ff9b::/96, the well-known NAT64 prefix: the last 32 bits are the IPv4 address reached. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/** Why the IPv4 address `ip` is refused, as a noun phrase ("a loopback address"), or `undefined`. */
function refusedIPv4(ip: ipaddr.IPv4): string | undefined {
  const range: string = ip.range();
  if (range === 'unicast') return undefined;
  return RANGE_NAMES[range] ?? 'a special-purpose address';
}

/** The IPv4 address carried in 32 bits of an IPv6 address (`high` and `low` are two 16-bit parts). */
function embeddedIPv4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * Why an outbound request must not connect to `address`, as a sentence naming it, or `undefined`
 * when the address is public. Refused: loopback, link-local, private (RFC 1918), unique-local,
 * unspecified, multicast, broadcast, carrier-grade NAT, reserved and other special-purpose
 * ranges, IPv6 outside the global unicast 2000::/3, and anything that is not an IP address. An
 * IPv6 address that carries an IPv4 one (IPv4-mapped, IPv4-translated, NAT64, 6to4) is judged by
 * the IPv4 address it reaches. Brackets around an IPv6 address are ignored.
 *
 * @example
 * refusedAddress('127.0.0.1'); // '127.0.0.1 is a loopback address'
 * refusedAddress('::ffff:10.0.0.1'); // '::ffff:10.0.0.1 maps to 10.0.0.1, a private address'
 * refusedAddress('8.8.8.8'); // undefined
 */
export function refusedAddress(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // Strict forms only (no `0x7f.1` or `2130706433`): what a resolver returns and a URL parser writes.
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return `${bare} is not an IP address`;
  const ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv4') {
    const reason = refusedIPv4(ip as ipaddr.IPv4);
    return reason === undefined ? undefined : `${bare} is ${reason}`;
  }
  const ip6 = ip as ipaddr.IPv6;
  const range: string = ip6.range();
  const parts = ip6.parts;
  let carried: { ip: ipaddr.IPv4; verb: string } | undefined;
  if (range === 'ipv4Mapped') carried = { ip: ip6.toIPv4Address(), verb: 'maps to' };
  else if (range === 'rfc6145' || ip6.match(NAT64_WELL_KNOWN)) {
    carried = { ip: embeddedIPv4(parts[6] ?? 0, parts[7] ?? 0), verb: 'embeds' };
  } else if (range === '6to4') carried = { ip: embeddedIPv4(parts[1] ?? 0, parts[2] ?? 0), verb: 'embeds' };
  if (carried !== undefined) {
    const reason = refusedIPv4(carried.ip);
    return reason === undefined ? undefined : `${bare} ${carried.verb} ${carried.ip.toString()}, ${reason}`;
  }
  if (range === 'unicast') {
    return ip6.match(GLOBAL_UNICAST) ? undefined : `${bare} is a reserved address`;
  }
  return `${bare} is ${RANGE_NAMES[range] ?? 'a special-purpose address'}`;
}
