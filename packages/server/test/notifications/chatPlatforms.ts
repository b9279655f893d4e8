import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a platform took: the message as posted, and whether it passed the platform's checks. */
export interface Taken {
  platform: 'dingtalk' | 'wecom' | 'feishu';
  accepted: boolean;
  /** Why the platform refused it, as its answer says. */
  refusal?: string;
  body: Record<string, unknown>;
}

export interface ChatPlatforms {
  /** http://127.0.0.1:<port> */
  origin: string;
  taken: Taken[];
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

function sameBase64(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Local stand-ins for the three platforms' robot endpoints, each checking what
 * its documentation says it checks, and answering as it answers:
 * - DingTalk `/robot/send?access_token=…&timestamp=…&sign=…`: the timestamp (ms) within an hour of now, the sign
 *   equal to Base64(HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`) once url-decoded; a `text` or
 *   `markdown` message with its fields (`markdown.title` and `markdown.text`). Answers `{ errcode, errmsg }`.
 * - WeCom `/cgi-bin/webhook/send?key=…`: the key; `{ msgtype: "markdown", markdown: { content } }`, content at most
 *   4096 bytes. Answers `{ errcode, errmsg }`.
 * - Feishu `/open-apis/bot/v2/hook/<token>`: the body's timestamp (s) within an hour, its sign equal to
 *   Base64(HMAC-SHA256 keyed by `timestamp + "\n" + secret` over nothing); `msg_type` text with `content.text`.
 *   Answers `{ code, msg }`.
 */
export async function chatPlatforms(config: { dingtalk: { token: string; secret: string }; wecom: { key: string }; feishu: { token: string; secret: string }; now: () => Date }): Promise<ChatPlatforms> {
  const taken: Taken[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const now = config.now().getTime();
      const answer = (platform: Taken['platform'], refusal: string | undefined, ok: Record<string, unknown>, refused: Record<string, unknown>) => {
        taken.push({ platform, accepted: !refusal, ...(refusal ? { refusal } : {}), body });
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refusal ? { ...refused, msg: refusal, errmsg: refusal } : ok));
      };
      if (url.pathname === '/robot/send') {
        const timestamp = url.searchParams.get('timestamp') ?? '';
        const sign = url.searchParams.get('sign') ?? '';
        const { secret, token } = config.dingtalk;
        const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
        const markdown = body['markdown'] as { title?: unknown; text?: unknown } | undefined;
        const refusal =
          url.searchParams.get('access_token') !== token ? 'token is not exist'
          : !/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > HOUR_MS ? 'invalid timestamp'
          : !sameBase64(expected, sign) ? 'sign not match'
          : body['msgtype'] !== 'markdown' || typeof markdown?.title !== 'string' || typeof markdown.text !== 'string' ? 'param error'
          : undefined;
        return answer('dingtalk', refusal, { errcode: 0, errmsg: 'ok' }, { errcode: 310000 });
      }
      if (url.pathname === '/cgi-bin/webhook/send') {
        const markdown = body['markdown'] as { content?: unknown } | undefined;
        const refusal =
          url.searchParams.get('key') !== config.wecom.key ? 'invalid webhook url'
          : body['msgtype'] !== 'markdown' || typeof markdown?.content !== 'string' || Buffer.byteLength(markdown.content) > 4096 ? 'invalid markdown'
          : undefined;
        return answer('wecom', refusal, { errcode: 0, errmsg: 'ok' }, { errcode: 93000 });
      }
      if (url.pathname === `/open-apis/bot/v2/hook/${config.feishu.token}`) {
        const timestamp = String(body['timestamp'] ?? '');
        const expected = createHmac('sha256', `${timestamp}\n${config.feishu.secret}`).update('').digest('base64');
        const content = body['content'] as { text?: unknown } | undefined;
        const refusal =
          !/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > HOUR_MS || !sameBase64(expected, String(body['sign'] ?? '')) ? 'sign match fail or timestamp is not within one hour from current time'
          : body['msg_type'] !== 'text' || typeof content?.text !== 'string' ? 'params error'
          : undefined;
        return answer('feishu', refusal, { code: 0, msg: 'success', data: {} }, { code: 19021 });
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    taken,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
