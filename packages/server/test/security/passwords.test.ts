import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { isCommonPassword, passwordProblems } from '../../src/auth/passwordPolicy.js';
import { memoryLogger } from '../../src/logger.js';
import { loadTemplates, main } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { createTestApp, shippedPolicies } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// New passwords have at least 12 characters and are not among the most common (breached) ones.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
let t: TestApp;
let team: string;
beforeAll(async () => {
  t = await createTestApp();
  team = await t.team('South');
});
afterAll(async () => {
  await t.store.close();
});

describe('the password rule', () => {
  it('refuses short passwords and common ones, also with digits and symbols around them', () => {
    expect(passwordProblems('k9#vT2!qLm4')).toEqual([expect.objectContaining({ path: '/password', code: 'too-short' })]);
    for (const common of ['password1234', '123456789012', 'qwertyuiop123', 'Password2026!', 'ILOVEYOU1234', '!!!dragon!!!!']) {
      expect(isCommonPassword(common), common).toBe(true);
      expect(passwordProblems(common), common).toEqual([expect.objectContaining({ code: 'common' })]);
    }
    expect(passwordProblems('admin-password-for-tests')).toEqual([]);
    expect(passwordProblems('demo-password-2026')).toEqual([]);
    expect(passwordProblems('密码是一句很长的中文句子啊')).toEqual([]);
  });

  it('answers a weak password when a user is created with 422 weak-password on /password, in the caller’s language', async () => {
    const common = await t.http.post('/api/users').set('authorization', t.admin).send({ username: 'pw.common', password: 'password1234', displayName: 'x', role: 'rep', teams: [team] });
    expect(common.status).toBe(422);
    expect(common.body.error).toMatchObject({ code: 'weak-password', details: [{ path: '/password', code: 'common' }] });
    const short = await t.http.post('/api/users').set('authorization', t.admin).set('accept-language', 'zh-CN').send({ username: 'pw.short', password: 'k9#vT2!qLm4', displayName: 'x', role: 'rep', teams: [team] });
    expect(short.body.error).toMatchObject({ code: 'weak-password', details: [{ path: '/password', code: 'too-short', message: '至少 12 个字符' }] });
    expect(await t.services.users.findByUsername('pw.common')).toBeNull();
    expect(await t.services.users.findByUsername('pw.short')).toBeNull();
  });

  it('refuses to create the first admin with a weak ADMIN_PASSWORD', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-weak-admin-')));
    try {
      const starting = createApp({ store, logger: memoryLogger(), policies: await shippedPolicies(), templates: loadTemplates(join(ROOT, 'schemas/templates')), config: { tokenSecret: 'a-test-secret-that-is-long-enough-1234', adminPassword: 'changeme' } });
      await expect(starting).rejects.toThrow(/ADMIN_PASSWORD.*at least 12 characters/);
      expect(await store.collection('users').countDocuments({})).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('refuses to start the server with a weak ADMIN_PASSWORD, naming the variable', async () => {
    // Should the check be missing, the start stops at the missing rules folder, in a folder of its own.
    const env = { ADMIN_PASSWORD: 'password1234', PORT: '0', MONGODB_URI: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'crm-policy-main-')), RULES_DIR: join(tmpdir(), 'crm-policy-no-rules') };
    const before = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      await expect(main()).rejects.toThrow(/^ADMIN_PASSWORD is one of the most common passwords/);
    } finally {
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('holds for the passwords the README and the docs show', () => {
    const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
    const shown = pages.flatMap((page) =>
      [...readFileSync(join(ROOT, page), 'utf8').matchAll(/\\?"password\\?"\s*:\s*\\?"([^"\\$…]+)\\?"/g)].map((match) => ({ page, password: match[1]! })),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter(({ password }) => passwordProblems(password).length > 0)).toEqual([]);
  });
});
