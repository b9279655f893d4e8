import { createServer } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  /** `http://127.0.0.1:<port>/hooks` */
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback; `answer` decides each request's status and headers (or never answers with `hang`). */
export async function receiver(answer: (n: number) => number | 'hang' | { status: number; headers: OutgoingHttpHeaders }): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      const given = answer(received.length);
      if (given === 'hang') return;
      if (typeof given === 'number') response.writeHead(given).end('ok');
      else response.writeHead(given.status, given.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
