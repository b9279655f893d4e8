import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemPrincipal } from '../../src/auth/principal.js';
import { TemplatesRepository } from '../../src/domain/templates/templatesRepository.js';
import type { TemplateDefinition } from '../../src/domain/templates/templateDefinition.js';
import { loadTemplates } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

const TEMPLATES = fileURLToPath(new URL('../../../../schemas/templates', import.meta.url));
const clock = () => new Date('2026-11-23T08:00:00.000Z');
const ADMIN = systemPrincipal('test', 'admin');
const customer = { companyName: '深圳市星云数据有限公司', region: '440305', contactName: '张总', phone: '0755-8888 1234', grade: 'C', deployment: 'saas' };

let store: EmbeddedStore;
let software: TemplateDefinition;
beforeEach(async () => {
  store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-templates-')));
  const shipped = loadTemplates(TEMPLATES);
  software = shipped.find((definition) => definition.industry === 'software')!;
  await new TemplatesRepository(store, clock).seed(shipped);
});
afterEach(async () => {
  await store.close();
});

/** The software template with one more required field. */
function requiring(field: string): Omit<TemplateDefinition, 'industry'> {
  const schema = structuredClone(software.schema) as { properties: Record<string, unknown>; required: string[] };
  schema.properties[field] = { type: 'string' };
  schema.required.push(field);
  return { title: software.title, schema, uiSchema: software.uiSchema, labels: { zh: { ...software.labels.zh, [field]: field }, en: { ...software.labels.en, [field]: field } } };
}

describe('template versions', () => {
  it('are read once per process and shared, frozen, by every registration', async () => {
    const templates = new TemplatesRepository(store, clock);
    const reads = vi.spyOn(store.collection('templateVersions'), 'findOne');
    const [a, b, c] = [await templates.current('software'), await templates.current('software'), await templates.current('software')];
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(Object.isFrozen(a) && Object.isFrozen(a!.schema)).toBe(true);
    expect(templates.validate(a!, customer, 'en')).toEqual([]);
  });

  it('give way to a new version at once, saved here or by another process', async () => {
    const templates = new TemplatesRepository(store, clock);
    expect(templates.validate((await templates.current('software'))!, customer, 'en')).toEqual([]);

    await templates.replace('software', requiring('budget'), ADMIN);
    const second = (await templates.current('software'))!;
    expect(second.version).toBe(2);
    expect(templates.validate(second, customer, 'en')).toEqual([expect.objectContaining({ path: '/customer/budget' })]);

    await new TemplatesRepository(store, clock).replace('software', requiring('headcount'), ADMIN);
    const third = (await templates.current('software'))!;
    expect(third.version).toBe(3);
    expect(templates.validate(third, customer, 'en')).toEqual([expect.objectContaining({ path: '/customer/headcount' })]);
    expect(templates.validate(third, { ...customer, headcount: 'x' }, 'en')).toEqual([]);
  });
});
