import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { OutboundGuard } from './outboundGuard.js';
import { OutboundRefused } from './outboundRefused.js';

export interface OutboundPost {
  headers: Record<string, string>;
  body: string;
  /** How long the receiver has to answer with a status. */
  timeoutMs: number;
}

/**
 * Posts a body to a URL under the outbound rule and answers the receiver's
 * HTTP status. The connection goes only to an address the guard checked;
 * redirects are not followed (a 3xx is just the answer). Throws when no
 * status came back: refused by the rule, unreachable, or too slow; the
 * error's message says which, for the operator's log.
 */
export function postOutbound(guard: OutboundGuard, url: string, post: OutboundPost): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new OutboundRefused(`refused by the outbound rule: ${target.protocol} is not http or https`);
    // A literal address never reaches `lookup`: it is checked here.
    guard.assertLiteralPermitted(target);
    const https = target.protocol === 'https:';
    const options = {
      method: 'POST',
      headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      lookup: guard.lookup,
      signal: AbortSignal.timeout(post.timeoutMs),
    };
    const answered = (response: IncomingMessage) => {
      // Only the status matters: the body is read and dropped so the connection can be reused.
      response.resume();
      response.on('error', () => undefined);
      resolve({ status: response.statusCode ?? 0 });
    };
    const request = https ? httpsRequest(target, { ...options, agent: guard.agents['https:'] }, answered) : httpRequest(target, { ...options, agent: guard.agents['http:'] }, answered);
    request.on('error', (error: Error) => reject(error.name === 'AbortError' ? new Error(`no answer within ${post.timeoutMs} ms`, { cause: error }) : error));
    request.end(post.body);
  });
}
