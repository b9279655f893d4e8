import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundOptions } from '../../src/outbound/outboundGuard.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from '../assignment/assignmentHelpers.js';
import { receiver } from './webhookReceiver.js';

// Webhooks reach only public addresses unless an operator allow-lists a receiver (OUTBOUND_ALLOW).
let t: TestApp;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await t.store.close();
});

/** An app with this outbound rule (no allow-list unless given) and one event waiting to be delivered to each URL; answers the endpoints' ids. */
async function deliveringTo(urls: string[], outbound: OutboundOptions): Promise<string[]> {
  t = await createTestApp({ outbound });
  await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [
    { role: 'inside', capacity: 100 },
    { role: 'field', capacity: 100 },
  ]);
  const ids: string[] = [];
  for (const url of urls) {
    const created = await t.http.post('/api/webhooks').set('authorization', t.admin).send({ url, events: ['assignment.changed'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(created.body.webhook._id as string);
  }
  const routed = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(companyNames(1, 91)[0]!, { employees: 2000 }));
  expect(routed.status, JSON.stringify(routed.body)).toBe(201);
  return ids;
}

async function lastAttempt(id: string): Promise<Record<string, unknown>> {
  const [delivery] = (await t.http.get(`/api/webhooks/${id}/deliveries`).set('authorization', t.admin)).body.deliveries;
  return delivery.history.at(-1);
}

/** A resolver that answers the next of `addresses` (the last one once they run out) for any name, noting the names asked. */
function resolving(...addresses: string[]) {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const address = addresses[Math.min(asked.length, addresses.length) - 1]!;
    return [{ address, family: 4 }];
  };
  return { asked, resolve };
}

/**
 * A loopback port nothing listens on: a privileged one, which no server of these tests binds and the
 * kernel never hands out for port 0 (a port freed by closing a server could be handed to another file
 * running beside this one). Each candidate is checked to refuse a connection.
 */
async function closedPort(): Promise<number> {
  for (let port = 1; port < 1024; port += 1) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return port;
  }
  throw new Error('every privileged loopback port answers');
}

describe('the outbound rule for webhooks', () => {
  it('refuses a URL on an internal or special address when it is registered or changed, however the address is spelt', async () => {
    t = await createTestApp({ outbound: {} });
    const internal = [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/x',
      'http://10.0.0.1/x',
      'http://0.0.0.0:3000/x',
      'http://2130706433/x', // 127.0.0.1 in decimal
      'http://0x7f.1/x', // in hex, short form
      'http://0177.0.0.1/x', // in octal
      'http://127.1/x',
      'https://172.16.5.4/x',
      'https://192.168.1.10/x',
      'https://100.64.0.1/x', // carrier-grade NAT
      'https://100.100.100.200/x', // a cloud's metadata service, in CGNAT space
      'https://224.0.0.251/x', // multicast
      'https://255.255.255.255/x',
      'http://[::]/x',
      'http://[fc00::1]/x',
      'http://[fd00:ec2::254]/x', // a cloud's IPv6 metadata service
      'http://[fe80::1]/x',
      'http://[ff02::1]/x',
      'http://[::ffff:127.0.0.1]/x', // IPv4-mapped forms
      'http://[::ffff:169.254.169.254]/x',
      'http://[::ffff:10.0.0.1]/x',
      'http://[0:0:0:0:0:ffff:c0a8:0101]/x',
      'http://[::127.0.0.1]/x', // IPv4-compatible
      'http://[64:ff9b::7f00:1]/x', // NAT64 of 127.0.0.1
    ];
    for (const url of internal) {
      const answer = await t.http.post('/api/webhooks').set('authorization', t.admin).send({ url, events: ['*'] });
      expect(answer.status, url).toBe(422);
      expect(answer.body.error, url).toMatchObject({ code: 'invalid', details: [{ path: '/url', code: 'address-not-allowed' }] });
    }
    expect(await t.services.webhooks.endpoints.countDocuments({})).toBe(0);

    // Public addresses and host names pass (nothing is sent on registration); a change to an internal address is refused like a new one.
    for (const url of ['https://93.184.215.14/hooks', 'https://[2606:4700::6810:85e5]/hooks', 'https://hooks.example.com/x']) {
      expect((await t.http.post('/api/webhooks').set('authorization', t.admin).send({ url, events: ['*'] })).status, url).toBe(201);
    }
    const [first] = (await t.http.get('/api/webhooks').set('authorization', t.admin)).body.webhooks;
    const changed = await t.http.put(`/api/webhooks/${first._id}`).set('authorization', t.admin).send({ url: 'http://[::ffff:7f00:1]/x', events: ['*'] });
    expect(changed.body.error).toMatchObject({ code: 'invalid', details: [{ path: '/url', code: 'address-not-allowed' }] });
    expect((await t.services.webhooks.endpoints.findOne({ _id: first._id }))?.url).toBe('https://93.184.215.14/hooks');
  });

  it('refuses at send time a host name that resolves to loopback, recording only a generic failure', async () => {
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    const dns = resolving('127.0.0.1');
    const [id] = await deliveringTo([`http://receiver.test:${hook.port}/hooks`], { resolve: dns.resolve });
    await t.services.webhookDispatcher.tick();
    expect(dns.asked).toEqual(['receiver.test']);
    expect(hook.received).toHaveLength(0);
    expect(await lastAttempt(id!)).toEqual({ at: expect.any(String), error: 'receiver unreachable' });
    expect(t.logger.lines.find((line) => line.message === 'webhook delivery failed')?.fields?.['reason']).toMatch(/outbound rule.*127\.0\.0\.1 is a loopback address/);
  });

  it('refuses localhost through the system resolver', async () => {
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    const [id] = await deliveringTo([`http://localhost:${hook.port}/hooks`], {});
    await t.services.webhookDispatcher.tick();
    expect(hook.received).toHaveLength(0);
    expect(await lastAttempt(id!)).toEqual({ at: expect.any(String), error: 'receiver unreachable' });
  });

  it('records a refused connection exactly as a refusal by the rule', async () => {
    const port = await closedPort();
    // 127.0.0.1 is allow-listed but nothing listens on the port; internal.test resolves to 127.0.0.2, which is not allow-listed.
    const [closed, internal] = await deliveringTo([`http://127.0.0.1:${port}/hooks`, `http://internal.test:${port}/hooks`], { allow: ['127.0.0.1'], resolve: resolving('127.0.0.2').resolve });
    await t.services.webhookDispatcher.tick();
    const byReceiver = await lastAttempt(closed!);
    const byRule = await lastAttempt(internal!);
    expect(byReceiver).toEqual({ at: expect.any(String), error: 'receiver unreachable' });
    expect(byRule).toEqual(byReceiver);
    // The operator's log tells them apart.
    const reasons = t.logger.lines.filter((line) => line.message === 'webhook delivery failed').map((line) => String(line.fields?.['reason']));
    expect(reasons.some((reason) => reason.includes('ECONNREFUSED'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('127.0.0.2 is a loopback address'))).toBe(true);
  });

  it('lets an allow-listed receiver through, connecting to the address it checked', async () => {
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    // The name resolves to the allow-listed 127.0.0.1 once, then to 127.0.0.2, which is not: the connection must use the first answer.
    const dns = resolving('127.0.0.1', '127.0.0.2');
    const [id] = await deliveringTo([`http://receiver.test:${hook.port}/hooks`], { allow: ['127.0.0.1/32'], resolve: dns.resolve });
    await t.services.webhookDispatcher.tick();
    expect(dns.asked).toEqual(['receiver.test']);
    expect(hook.received).toHaveLength(1);
    expect(await lastAttempt(id!)).toMatchObject({ status: 200, ms: expect.any(Number) });
  });

  it('does not follow a redirect, and shows a permitted receiver’s status', async () => {
    const elsewhere = await receiver(() => 200);
    cleanups.push(elsewhere.close);
    const hook = await receiver(() => ({ status: 307, headers: { location: elsewhere.url } }));
    cleanups.push(hook.close);
    const [id] = await deliveringTo([hook.url], { allow: ['127.0.0.1'] });
    await t.services.webhookDispatcher.tick();
    expect(hook.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
    expect(await lastAttempt(id!)).toMatchObject({ status: 307, error: 'answered 307' });
  });
});
