import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the stand-in took, and whether it passed DingTalk's checks. */
export interface DingTalkPost {
  accepted: boolean;
  refusal?: string;
  body: { msgtype?: string; markdown?: { title?: string; text?: string } };
}

export interface DingTalkRobot {
  /** The robot's webhook URL, as DingTalk gives it: `http://127.0.0.1:<port>/robot/send?access_token=…` */
  url: string;
  posts: DingTalkPost[];
  close(): Promise<void>;
}

/**
 * A local stand-in for a DingTalk custom robot with 加签: it takes `POST
 * /robot/send?access_token=…&timestamp=…&sign=…` as DingTalk's documentation
 * describes (the timestamp in ms within an hour, the sign Base64(HMAC-SHA256
 * keyed by the secret over `timestamp + "\n" + secret`), a markdown message)
 * and answers as DingTalk does: 200 with `errcode` 0, or 310000 and why.
 */
export async function dingTalkRobot(token: string, secret: string): Promise<DingTalkRobot> {
  const posts: DingTalkPost[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method !== 'POST' || url.pathname !== '/robot/send') return void response.writeHead(404).end();
      let body: DingTalkPost['body'];
      try {
        body = JSON.parse(raw) as DingTalkPost['body'];
      } catch {
        body = {};
      }
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
      const given = Buffer.from(url.searchParams.get('sign') ?? '');
      const refusal =
        url.searchParams.get('access_token') !== token ? 'token is not exist'
        : !/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000 ? 'invalid timestamp'
        : expected.length !== given.length || !timingSafeEqual(expected, given) ? 'sign not match'
        : body.msgtype !== 'markdown' || typeof body.markdown?.title !== 'string' || typeof body.markdown.text !== 'string' ? 'param error'
        : undefined;
      posts.push({ accepted: !refusal, ...(refusal ? { refusal } : {}), body });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refusal ? { errcode: 310000, errmsg: refusal } : { errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/robot/send?access_token=${token}`,
    posts,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
