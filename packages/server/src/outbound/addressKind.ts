import ipaddr from 'ipaddr.js';

/** The one range a receiver on the internet is in; every other range is internal or special. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * What an IP address is, as the outbound rule sees it: `public` for a global
 * unicast address, otherwise the name of its special range (`loopback`,
 * `private`, `linkLocal`, `carrierGradeNat`, `multicast`, `unspecified`,
 * `uniqueLocal`, `reserved`, …). An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`)
 * is judged as the IPv4 address it carries. Throws on a string that is not an address.
 */
export function addressKind(address: string): string {
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range();
    return range === 'unicast' ? 'public' : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  if (range !== 'unicast') return range;
  // Unassigned IPv6 space (IPv4-compatible ::a.b.c.d, ::/8 …) reaches no public receiver either.
  return v6.match(GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
}

/** An address as the allow-list compares it: IPv4-mapped IPv6 unwrapped to IPv4. */
export function parsedAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  return ipaddr.process(address);
}
