import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format } from '../src/i18n/messages.js';
import type { MessageKey } from '../src/i18n/messages.js';
import { attemptReason, deliveryWords } from '../src/pages/organisation/robots/deliveryWords.js';
import { placeRobotProblems } from '../src/pages/organisation/robots/robotProblems.js';

// A team's chat robots: the server's refusals on their field in the page's language, and each post's fate in words.
const zh = (key: MessageKey) => format('zh', key);
const en = (key: MessageKey) => format('en', key);
const invalid = (...details: Array<{ path: string; message: string; code?: string }>) => ({ code: 'invalid', message: 'url must reach a public address: 10.0.0.8 is private', details });

describe('the server’s problems with a robot, on the robot form', () => {
  it('says each known code under its field in the page’s language, never the server’s English', () => {
    expect(placeRobotProblems(invalid({ path: '/url', message: 'not a public address', code: 'address-not-allowed' }), zh)).toEqual({
      fields: [{ name: ['url'], message: '这是内部网络地址，不允许发送；如确需使用，请运维人员在 OUTBOUND_ALLOW 中放行' }],
    });
    expect(placeRobotProblems(invalid({ path: '/url', message: 'no access_token in the URL', code: 'no-access-token' }), en).fields).toEqual([{ name: ['url'], message: 'A DingTalk robot address carries its access token (…/robot/send?access_token=…)' }]);
    expect(placeRobotProblems(invalid({ path: '/secret', message: 'not used by WeCom', code: 'not-used' }), zh).fields).toEqual([{ name: ['secret'], message: '企业微信机器人不使用密钥' }]);
  });

  it('gives every code the server’s robot checks send a message in both languages', () => {
    const source = readFileSync(new URL('../../server/src/domain/notifications/teamRobots.ts', import.meta.url), 'utf8');
    const codes = [...source.matchAll(/code: '([a-z-]+)'/g)].map((match) => match[1]!);
    expect(codes).toEqual(expect.arrayContaining(['not-a-url', 'no-access-token', 'address-not-allowed', 'not-used']));
    for (const code of codes) {
      for (const t of [zh, en]) {
        const [placed] = placeRobotProblems(invalid({ path: '/url', message: 'the server’s words', code }), t).fields;
        expect([code, placed?.message]).not.toEqual([code, 'the server’s words']);
        expect(placed?.message.length).toBeGreaterThan(5);
      }
    }
  });

  it('keeps a schema check (already in the page’s language) on its field, one message per field', () => {
    const placed = placeRobotProblems(invalid({ path: '/url', message: '不能多于 2000 个字符' }, { path: '/url', message: 'second', code: 'not-http' }), zh);
    expect(placed).toEqual({ fields: [{ name: ['url'], message: '不能多于 2000 个字符' }] });
  });

  it('says a refusal of no field for the page by its code, not with the server’s English', () => {
    expect(placeRobotProblems({ code: 'not-found', message: 'No such team', details: [] }, zh)).toEqual({ fields: [], page: '该团队或机器人已不存在，请刷新页面' });
    expect(placeRobotProblems({ code: 'forbidden', message: 'admins only', details: [] }, en)).toEqual({ fields: [], page: 'Only administrators set chat robots' });
    expect(placeRobotProblems({ code: 'internal', message: 'Internal error', details: [] }, zh).page).toBe('未能保存，请稍后再试');
  });
});

describe('a post to a robot, in words', () => {
  const attempt = (error?: string) => ({ at: '2026-11-30T10:00:00.000Z', ...(error ? { error } : {}) });

  it('reads why an attempt failed from what the dispatcher recorded', () => {
    expect(attemptReason(attempt())).toBeUndefined();
    expect(attemptReason(undefined)).toBeUndefined();
    expect(attemptReason(attempt('receiver unreachable'))).toBe('robots.reason.unreachable');
    expect(attemptReason(attempt('answered 200, message refused'))).toBe('robots.reason.refused');
    expect(attemptReason(attempt('answered 404'))).toBe('robots.reason.rejected');
    expect(attemptReason(attempt('answered 503'))).toBe('robots.reason.platformDown');
    expect(attemptReason(attempt('answered 302'))).toBe('robots.reason.other');
  });

  it('names each status, with the last attempt’s reason only for a failed post or one waiting to be retried', () => {
    expect(deliveryWords({ status: 'delivered', attempts: 1, history: [attempt()] })).toEqual({ color: 'success', status: 'robots.status.delivered' });
    expect(deliveryWords({ status: 'failed', attempts: 9, history: [attempt('receiver unreachable'), attempt('answered 200, message refused')] })).toEqual({ color: 'error', status: 'robots.status.failed', reason: 'robots.reason.refused' });
    expect(deliveryWords({ status: 'pending', attempts: 2, history: [attempt('answered 500')] })).toEqual({ color: 'warning', status: 'robots.status.retrying', reason: 'robots.reason.platformDown' });
    expect(deliveryWords({ status: 'pending', attempts: 0, history: [] })).toEqual({ color: 'processing', status: 'robots.status.waiting' });
    expect(deliveryWords({ status: 'cancelled', attempts: 1, history: [attempt('receiver unreachable')] })).toEqual({ color: 'default', status: 'robots.status.cancelled' });
    expect(format('zh', deliveryWords({ status: 'delivered', attempts: 1, history: [] }).status)).toBe('已送达');
  });
});
