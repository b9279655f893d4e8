import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { addressKind } from './addressKind.js';
import { AllowList } from './allowList.js';
import { OutboundRefused } from './outboundRefused.js';

/** Resolves a host name to its addresses (default: the system resolver, as `dns.lookup`). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface OutboundOptions {
  /** Hosts, addresses and CIDR ranges reachable although not public (`OUTBOUND_ALLOW`). */
  allow?: readonly string[];
  /** How host names are resolved; tests inject one. */
  resolve?: Resolver;
}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The one rule for every call the server makes to a URL someone configured
 * (webhooks today): only public unicast addresses, or what the allow-list
 * names. A URL whose host is a literal address is judged when it is
 * registered (`refusal`); a host name is resolved when the call is made and
 * the connection goes to an address that was checked (`lookup`), so a name
 * that re-resolves to an internal address in between (DNS rebinding) gains nothing.
 */
export class OutboundGuard {
  private readonly allowList: AllowList;
  private readonly resolve: Resolver;
  /** Connection pools of their own: a reused socket is always one this guard connected. */
  readonly agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

  constructor(options: OutboundOptions = {}) {
    this.allowList = new AllowList(options.allow ?? []);
    this.resolve = options.resolve ?? systemResolver;
  }

  /** Why a URL may not be registered (its host is an address the rule refuses), or undefined. */
  refusal(url: URL): string | undefined {
    const host = bare(url.hostname);
    return isIP(host) ? this.addressRefusal(host) : undefined;
  }

  /** Throws `OutboundRefused` when a URL's host is a literal address the rule refuses (a connection to it skips `lookup`). */
  assertLiteralPermitted(url: URL): void {
    const refused = this.refusal(url);
    if (refused) throw new OutboundRefused(`refused by the outbound rule: ${refused}`);
  }

  /** The addresses a host may be reached at (a literal address is its own); throws `OutboundRefused` when there is none. */
  async addressesOf(hostname: string): Promise<LookupAddress[]> {
    const host = bare(hostname);
    if (isIP(host)) {
      const refused = this.addressRefusal(host);
      if (refused) throw new OutboundRefused(`refused by the outbound rule: ${refused}`);
      return [{ address: host, family: isIP(host) }];
    }
    const resolved = await this.resolve(host);
    if (this.allowList.permitsHost(host)) return resolved;
    const permitted = resolved.filter(({ address }) => this.addressRefusal(address) === undefined);
    if (permitted.length === 0) {
      const seen = resolved.map(({ address }) => this.addressRefusal(address)).join('; ') || 'no address';
      throw new OutboundRefused(`refused by the outbound rule: ${host} resolves to ${seen}`);
    }
    return permitted;
  }

  /**
   * A `lookup` for `http.request` and `net.connect`: resolves through the rule,
   * so the socket connects only to an address that was checked.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.addressesOf(hostname).then(
      (addresses) => {
        const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const first = wanted[0];
        if (!first) return callback(new OutboundRefused(`${hostname} has no permitted IPv${String(options.family)} address`), '', 0);
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  /** Why the rule refuses an address (not public and not allow-listed), or undefined. */
  private addressRefusal(address: string): string | undefined {
    let kind: string;
    try {
      if (this.allowList.permitsAddress(address)) return undefined;
      kind = addressKind(address);
    } catch {
      return `${address} is not an address the rule understands`;
    }
    return kind === 'public' ? undefined : `${address} is a ${kind} address`;
  }
}

/** A URL's hostname without the brackets of an IPv6 literal. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
