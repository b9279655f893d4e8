import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWebhook, WEBHOOK_HEADERS } from '../../src/domain/events/webhookSignature.js';

type Verify = (secret: string, headers: Record<string, string>, rawBody: string, now?: number) => boolean;

// The verification snippet in docs/webhooks.md, run as a receiver would run it.
async function documentedVerifier(): Promise<Verify> {
  const page = readFileSync(fileURLToPath(new URL('../../../../docs/webhooks.md', import.meta.url)), 'utf8');
  const source = /```js webhook-verify\n([\s\S]*?)```/.exec(page)?.[1];
  if (!source) throw new Error('docs/webhooks.md has no webhook-verify snippet');
  const file = join(mkdtempSync(join(tmpdir(), 'crm-policy-docs-')), 'verify.mjs');
  writeFileSync(file, source);
  return ((await import(pathToFileURL(file).href)) as { verifyDelivery: Verify }).verifyDelivery;
}

describe('the documented webhook verification', () => {
  it('accepts a signed delivery and refuses a tampered, missigned or stale one', async () => {
    const verify = await documentedVerifier();
    const secret = 'whsec_documented';
    const now = Date.parse('2026-11-23T08:00:00Z');
    const timestamp = String(now / 1000);
    const body = JSON.stringify({ id: 'e1', type: 'assignment.changed', data: { customerName: '深圳星云数据有限公司' } });
    const headers = { [WEBHOOK_HEADERS.timestamp]: timestamp, [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body) };
    expect(verify(secret, headers, body, now)).toBe(true);
    expect(verify(secret, headers, body.replace('星云', '星雲'), now)).toBe(false);
    expect(verify('whsec_other', headers, body, now)).toBe(false);
    expect(verify(secret, headers, body, now + 301_000)).toBe(false);
    expect(verify(secret, { [WEBHOOK_HEADERS.timestamp]: timestamp }, body, now)).toBe(false);
  });
});
