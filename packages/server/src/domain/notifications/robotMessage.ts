import { createHmac } from 'node:crypto';
import type { NoticeText } from './notice.js';
import type { RobotCredentials, RobotPlatform } from './teamRobots.js';

/** A body's length in a group chat: well within WeCom's 4096 bytes for a markdown message (Chinese takes 3 bytes a character), DingTalk's and Feishu's limits. */
const MAX_BODY_CHARS = 1000;

/** Text cut to a length, an ellipsis saying so. */
function clipped(text: string, chars: number): string {
  const characters = [...text];
  return characters.length <= chars ? text : `${characters.slice(0, chars - 1).join('')}…`;
}

/** A message ready to post to a group robot: where, and the JSON body. */
export interface RobotRequest {
  url: string;
  body: string;
}

/**
 * A notice as a platform's group robot takes it, signed when the robot has a secret:
 * - DingTalk custom robot: `timestamp` (ms) and `sign` = urlencode(Base64(HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`)) added to the URL's query; body `{ msgtype: "markdown", markdown: { title, text } }`.
 * - WeCom group robot: the key is in the URL; body `{ msgtype: "markdown", markdown: { content } }`.
 * - Feishu custom bot: body `{ timestamp, sign, msg_type: "text", content: { text } }` with `timestamp` in seconds and
 *   `sign` = Base64(HMAC-SHA256 keyed by `timestamp + "\n" + secret` over an empty message).
 */
export function robotMessage(platform: RobotPlatform, robot: RobotCredentials, full: NoticeText, now: Date): RobotRequest {
  const text = { title: clipped(full.title, 200), body: clipped(full.body, MAX_BODY_CHARS) };
  switch (platform) {
    case 'dingtalk': {
      const url = new URL(robot.url);
      if (robot.secret) {
        const timestamp = String(now.getTime());
        // URLSearchParams encodes the Base64 (+, /, =) as the platform's urlEncode does.
        url.searchParams.set('timestamp', timestamp);
        url.searchParams.set('sign', createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest('base64'));
      }
      return { url: url.toString(), body: JSON.stringify({ msgtype: 'markdown', markdown: { title: text.title, text: `#### ${text.title}\n\n${text.body}` } }) };
    }
    case 'wecom':
      return { url: robot.url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: `**${text.title}**\n${text.body}` } }) };
    case 'feishu': {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const signed = robot.secret ? { timestamp, sign: createHmac('sha256', `${timestamp}\n${robot.secret}`).update('').digest('base64') } : {};
      return { url: robot.url, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: `${text.title}\n${text.body}` } }) };
    }
  }
}

/**
 * Whether a robot took the message: the platforms answer HTTP 200 either way
 * and say in the body (`errcode: 0` for DingTalk and WeCom, `code: 0` for Feishu).
 */
export function robotAccepted(platform: RobotPlatform, answer: string | undefined): boolean {
  try {
    const parsed = JSON.parse(answer ?? '') as { errcode?: unknown; code?: unknown; StatusCode?: unknown };
    return platform === 'feishu' ? parsed.code === 0 || parsed.StatusCode === 0 : parsed.errcode === 0;
  } catch {
    return false;
  }
}
