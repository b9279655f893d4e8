import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CrmPolicyClient } from '../src/server/crmPolicyClient.js';

// The registrar key goes to the crm-policy server the settings name and nowhere else: a redirect is an answer, not a place to follow it to.
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the crm-policy client', () => {
  for (const status of [301, 302, 307, 308]) {
    it(`does not follow a ${status} redirect to another server with the key, nor take its answer as a registration`, async () => {
      const elsewhere: IncomingHttpHeaders[] = [];
      const other = await listen((request, response) => {
        elsewhere.push(request.headers);
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ claim: { expiresAt: '2030-01-01T00:00:00.000Z' } }));
      });
      const crm = await listen((request, response) => {
        request.resume();
        response.writeHead(status, { location: `${other}/collect` }).end();
      });
      const client = new CrmPolicyClient({ serverUrl: crm, apiKey: 'key-id.key-secret', timeoutMs: 3000 });
      const answer = await client.registerFor('li.lei', 'software', { companyName: '某某科技有限公司' }, 'zh').catch((error: unknown) => error);
      expect(elsewhere).toEqual([]);
      expect(answer).not.toMatchObject({ status: 201 });
    });
  }
});
