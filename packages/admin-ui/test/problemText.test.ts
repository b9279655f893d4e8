import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../src/api/client.js';
import { format } from '../src/i18n/messages.js';
import type { MessageKey } from '../src/i18n/messages.js';
import { problemText } from '../src/pages/customers/problemText.js';

const zh = (key: MessageKey, values?: Record<string, string>) => format('zh', key, values);

// A refused release or claim is told in the page's language, never in the server's English.
describe('why an action was refused', () => {
  it('gives the policy’s reasons when there are some', () => {
    const refused = new ApiProblem(403, 'not-eligible', '不符合登记条件', { reasons: [{ reason: 'daily-pool-limit', message: '每天最多从公海领取 5 个客户' }, { reason: 'x' }] });
    expect(problemText(refused, zh)).toBe('每天最多从公海领取 5 个客户');
  });

  it('says what the code means otherwise, whatever language the server wrote', () => {
    expect(problemText(new ApiProblem(409, 'conflict', 'The claim is released, not active', {}), zh)).toBe('数据已被他人更改，请刷新后重试');
    expect(problemText(new ApiProblem(404, 'not-found', 'No such claim', {}), zh)).toBe('找不到该记录，可能已被删除或转走');
    expect(problemText(new ApiProblem(418, 'teapot', 'short and stout', {}), zh)).toBe('操作未完成，请重试');
    expect(problemText(new TypeError('Failed to fetch'), zh)).toBe('无法连接服务器，请检查网络');
  });
});
