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
  /** Read up to this many bytes of the answer's body and return them (chat robots say in the body whether they took a message). */
  readAnswerBytes?: number;
}

/**
 * Posts a body to a URL under the outbound rule and answers the receiver's
 * HTTP status. The connection goes only to an address the guard checked;
 * redirects are not followed (a 3xx is just the answer). Throws when no
 * status came back: refused by the rule, unreachable, or too slow; the
 * error's message says which, for the operator's log.
 */
export function postOutbound(guard: OutboundGuard, url: string, post: OutboundPost): Promise<{ status: number; answer?: string }> {
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
      const limit = post.readAnswerBytes;
      if (limit !== undefined) {
        // The body is read up to the limit (the rest dropped), within the same timeout.
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < limit) chunks.push(chunk.subarray(0, limit - kept));
          kept += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, answer: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', (error) => reject(error));
        return;
      }
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
