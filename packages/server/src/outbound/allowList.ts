import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parsedAddress } from './addressKind.js';

/**
 * The hosts and address ranges an operator lets outbound calls reach although
 * the outbound rule would refuse them (a receiver on the company network).
 * Entries are host names (`hooks.corp.example`, matched exactly; whatever the
 * name resolves to is then trusted), IP addresses (`10.1.2.3`, `::1`) or CIDR
 * ranges (`10.20.0.0/16`, `fd00::/8`).
 */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];

  /** Throws naming the first entry that is neither a host name, an address nor a CIDR range. */
  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      const slash = entry.indexOf('/');
      if (slash >= 0 && isIP(entry.slice(0, slash)) && ipaddr.isValidCIDR(entry)) {
        const [address, bits] = ipaddr.parseCIDR(entry);
        this.ranges.push(unwrapped(address, bits));
      } else if (isIP(entry)) {
        const address = parsedAddress(entry);
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/.test(entry)) {
        this.hosts.add(hostKey(entry));
      } else {
        throw new Error(`The outbound allow-list (OUTBOUND_ALLOW) has "${raw}", which is neither a host name, an IP address nor a CIDR range`);
      }
    }
  }

  /** Whether a host name (as a URL spells it) is on the list by name. */
  permitsHost(hostname: string): boolean {
    return this.hosts.has(hostKey(hostname));
  }

  /** Whether an IP address is on the list or inside a listed range. */
  permitsAddress(address: string): boolean {
    const parsed = parsedAddress(address);
    return this.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  }
}

function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/** A range written in IPv4-mapped IPv6 (`::ffff:10.0.0.0/104`) as the IPv4 range it means. */
function unwrapped(address: ipaddr.IPv4 | ipaddr.IPv6, bits: number): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  return [address, bits];
}
