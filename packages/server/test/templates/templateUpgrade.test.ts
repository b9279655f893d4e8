import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../src/auth/principal.js';
import { TemplatesRepository } from '../../src/domain/templates/templatesRepository.js';
import type { TemplateDefinition } from '../../src/domain/templates/templateDefinition.js';
import { loadTemplates } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// A store seeded before the templates carried display names: the shipped templates nobody changed follow the files.
const TEMPLATES = fileURLToPath(new URL('../../../../schemas/templates', import.meta.url));
const clock = () => new Date('2026-11-23T08:00:00.000Z');

let store: EmbeddedStore;
let shipped: TemplateDefinition[];
/** The shipped templates as they were: no display names, help or placeholders. */
let before: TemplateDefinition[];
beforeEach(async () => {
  store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-template-upgrade-')));
  shipped = loadTemplates(TEMPLATES);
  before = shipped.map(({ choices: _choices, help: _help, placeholders: _placeholders, ...old }) => old);
  await new TemplatesRepository(store, clock).seed(before);
});
afterEach(async () => {
  await store.close();
});

describe('the shipped templates, when the server starts', () => {
  it('an untouched one gets the shipped file’s display names as a new version, once', async () => {
    const templates = new TemplatesRepository(store, clock);
    await templates.seed(shipped);
    const software = (await templates.current('software'))!;
    expect(software.version).toBe(2);
    expect(software.choices?.zh?.['deployment']).toMatchObject({ saas: 'SaaS 云服务' });
    await new TemplatesRepository(store, clock).seed(shipped);
    expect((await templates.history('software')).map((version) => version.version)).toEqual([2, 1]);
  });

  it('one an admin saved is left as the admin saved it', async () => {
    const templates = new TemplatesRepository(store, clock);
    const old = before.find((definition) => definition.industry === 'trade')!;
    const { industry: _industry, ...edited } = { ...old, title: { zh: '商贸', en: 'Trade' } };
    await templates.replace('trade', edited, systemPrincipal('admin', 'admin'));
    await templates.seed(shipped);
    const trade = (await templates.current('trade'))!;
    expect(trade.version).toBe(2);
    expect(trade.title.zh).toBe('商贸');
    expect(trade.choices).toBeUndefined();
  });
});
