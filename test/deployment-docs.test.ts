import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createApp, EMBEDDED_ADVISED_LIMIT, EmbeddedStore, loadPolicies, loadTemplates, memoryLogger } from '@crm-policy/server';
import type { IndexSpec, Store } from '@crm-policy/server';

// docs/deployment.md tells the truth: every variable the server reads, and every index it creates, is in it.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const page = readFileSync(join(ROOT, 'docs/deployment.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

describe('docs/deployment.md', () => {
  it('describes every environment variable the server reads', () => {
    const read = new Set(sources(join(ROOT, 'packages/server/src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/env\[?['.]?([A-Z][A-Z0-9_]+)/g)].map((match) => match[1]!)));
    expect(read.size).toBeGreaterThanOrEqual(10);
    expect([...read].filter((name) => !page.includes(`| \`${name}\``))).toEqual([]);
  });

  it('advises moving to MongoDB at the embedded store\'s advised limits, as the code states them', () => {
    const section = page.slice(page.indexOf('## Moving to MongoDB'), page.indexOf('## Backups'));
    expect(section).toContain(`**${EMBEDDED_ADVISED_LIMIT.customerDocuments.toLocaleString('en-US')} registered customers**`);
    expect(section).toContain(`**${EMBEDDED_ADVISED_LIMIT.dataBytes / 1024 ** 3} GB**`);
    expect(section).toContain(`**${EMBEDDED_ADVISED_LIMIT.startSeconds} seconds**`);
  });

  it('names every index the server creates, on its collection', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-indexes-')));
    const created: Array<{ collection: string; index: string }> = [];
    // The store as the app sees it, noting each index it asks for.
    const noting: Store = {
      kind: store.kind,
      health: () => store.health(),
      writeAtomically: (writes) => store.writeAtomically(writes),
      close: () => store.close(),
      collection: ((name: string) => {
        const inner = store.collection(name);
        return new Proxy(inner, {
          get(target, property) {
            if (property === 'createIndex') {
              return (spec: IndexSpec) => {
                created.push({ collection: name, index: spec.name });
                return target.createIndex(spec);
              };
            }
            const value = Reflect.get(target, property) as unknown;
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        });
      }) as Store['collection'],
    };
    try {
      await createApp({ store: noting, logger: memoryLogger(), policies: await loadPolicies(join(ROOT, 'rules')), templates: loadTemplates(join(ROOT, 'schemas/templates')), config: { tokenSecret: 'a-secret-for-the-deployment-docs-test', adminPassword: 'deployment-docs-1' } });
      expect(created.length).toBeGreaterThan(30);
      const rows = page.split('\n').filter((line) => line.startsWith('| '));
      const missing = created.filter(({ collection, index }) => !rows.some((row) => row.split('|')[1]!.includes(collection) && row.includes(`\`${index}\``)));
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
