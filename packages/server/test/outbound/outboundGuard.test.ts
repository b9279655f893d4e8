import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { addressKind } from '../../src/outbound/addressKind.js';
import { OutboundGuard } from '../../src/outbound/outboundGuard.js';
import { OutboundRefused } from '../../src/outbound/outboundRefused.js';

const answers = (...addresses: string[]) => async (): Promise<LookupAddress[]> => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

/** The guard's `lookup` as `net.connect` calls it. */
function lookUp(guard: OutboundGuard, hostname: string, options: { all?: boolean; family?: number }): Promise<{ error: Error | null; address: string | LookupAddress[] }> {
  return new Promise((resolve) => guard.lookup(hostname, options, (error, address) => resolve({ error, address })));
}

describe('addressKind', () => {
  it('names the range of internal and special addresses, IPv4-mapped ones as their IPv4 address', () => {
    expect(
      Object.fromEntries(
        ['127.0.0.1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '224.0.0.1', '0.0.0.0', '::', '::1', 'fc00::1', 'fd12::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '::7f00:1'].map((a) => [a, addressKind(a)]),
      ),
    ).toEqual({
      '127.0.0.1': 'loopback',
      '10.1.2.3': 'private',
      '172.31.255.255': 'private',
      '192.168.0.1': 'private',
      '169.254.169.254': 'linkLocal',
      '100.64.0.1': 'carrierGradeNat',
      '100.127.255.255': 'carrierGradeNat',
      '224.0.0.1': 'multicast',
      '0.0.0.0': 'unspecified',
      '::': 'unspecified',
      '::1': 'loopback',
      'fc00::1': 'uniqueLocal',
      'fd12::1': 'uniqueLocal',
      'fe80::1': 'linkLocal',
      'ff02::1': 'multicast',
      '::ffff:127.0.0.1': 'loopback',
      '::ffff:a9fe:a9fe': 'linkLocal',
      '::ffff:10.0.0.1': 'private',
      '::7f00:1': 'reserved',
    });
    for (const address of ['93.184.215.14', '172.32.0.1', '100.128.0.1', '2606:4700::6810:85e5', '::ffff:93.184.215.14']) expect(addressKind(address), address).toBe('public');
  });
});

describe('OutboundGuard', () => {
  it('connects only to the permitted addresses of a name, and refuses a name with none', async () => {
    const guard = new OutboundGuard({ resolve: answers('10.0.0.5', '93.184.215.14', '::1', '2606:4700::6810:85e5') });
    expect(await lookUp(guard, 'mixed.test', { all: true })).toEqual({ error: null, address: [{ address: '93.184.215.14', family: 4 }, { address: '2606:4700::6810:85e5', family: 6 }] });
    expect(await lookUp(guard, 'mixed.test', { family: 6 })).toEqual({ error: null, address: '2606:4700::6810:85e5' });
    const refused = await lookUp(new OutboundGuard({ resolve: answers('127.0.0.1', '::1') }), 'localhost.test', {});
    expect(refused.error).toBeInstanceOf(OutboundRefused);
    expect(refused.error?.message).toMatch(/127\.0\.0\.1 is a loopback address; ::1 is a loopback address/);
  });

  it('lets through what the allow-list names: a range, an address, or a name whatever it resolves to', async () => {
    const guard = new OutboundGuard({ allow: ['10.20.0.0/16', '::1', 'Hooks.Corp.Test.'], resolve: answers('192.168.7.7') });
    expect(guard.refusal(new URL('http://10.20.3.4/x'))).toBeUndefined();
    expect(guard.refusal(new URL('http://[::ffff:10.20.3.4]/x'))).toBeUndefined();
    expect(guard.refusal(new URL('http://[::1]/x'))).toBeUndefined();
    expect(guard.refusal(new URL('http://10.21.0.1/x'))).toBe('10.21.0.1 is a private address');
    expect(await guard.addressesOf('hooks.corp.test')).toEqual([{ address: '192.168.7.7', family: 4 }]);
    await expect(guard.addressesOf('other.corp.test')).rejects.toThrow(/192\.168\.7\.7 is a private address/);
  });

  it('refuses to start with an allow-list entry it cannot read, naming it', () => {
    expect(() => new OutboundGuard({ allow: ['10.0.0.0/8', 'http://hooks.test/'] })).toThrow(/OUTBOUND_ALLOW.*"http:\/\/hooks\.test\/"/);
    expect(() => new OutboundGuard({ allow: ['10.0.0.0/40'] })).toThrow(/"10\.0\.0\.0\/40"/);
  });
});
