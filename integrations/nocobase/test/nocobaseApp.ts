import { createMockServer } from '@nocobase/test';
import type { ExtendedAgent, MockServer } from '@nocobase/test';
import PluginCrmPolicyServer from '../src/server/index.js';

/** NocoBase users the tests act as: the header `x-test-user` names one (the app has no sign-in plugin here). */
export const USERS: Record<string, Record<string, unknown>> = {
  liLei: { id: 1, username: 'li.lei', nickname: '李雷', crmRep: 'li.lei' },
  hanMei: { id: 2, username: 'han.mei', nickname: '韩梅', crmRep: 'han.mei' },
  stranger: { id: 3, username: 'stranger', nickname: 'Stranger', crmRep: '' },
};

/** The registration form's fields → the `customers` collection's, as an admin maps them. */
export const FIELD_MAP = { companyName: 'name', region: 'region', contactName: 'contact', phone: 'phone', grade: 'grade', deployment: 'deployment', intent: 'intent' };

/**
 * A fresh NocoBase app (the database of `DB_DIALECT`, SQLite in memory by
 * default) with the workflow plugin and this plugin, a `customers` collection
 * and an `orders` collection, and the current user taken from `x-test-user`.
 */
export async function createNocoBaseApp(): Promise<MockServer> {
  const app = await createMockServer({ plugins: ['field-sort', 'workflow', PluginCrmPolicyServer] });
  app.use(
    async (ctx: { get(header: string): string; state: Record<string, unknown> }, next: () => Promise<void>) => {
      const user = USERS[ctx.get('x-test-user')];
      if (user) ctx.state['currentUser'] = user;
      await next();
    },
    { tag: 'test-user', before: 'dataSource' },
  );
  app.db.collection({
    name: 'customers',
    fields: [
      { type: 'string', name: 'name' },
      { type: 'string', name: 'region' },
      { type: 'string', name: 'contact' },
      { type: 'string', name: 'phone' },
      { type: 'string', name: 'grade' },
      { type: 'string', name: 'deployment' },
      { type: 'string', name: 'intent' },
      { type: 'string', name: 'protectedUntil' },
    ],
  });
  app.db.collection({
    name: 'orders',
    fields: [
      { type: 'string', name: 'company' },
      { type: 'integer', name: 'creditScore' },
      { type: 'integer', name: 'years' },
      { type: 'bigInt', name: 'revenue' },
      { type: 'bigInt', name: 'requested' },
      { type: 'string', name: 'tier' },
      { type: 'bigInt', name: 'creditLimit' },
    ],
  });
  await app.db.sync();
  return app;
}

/** Writes the plugin's one settings row. */
export async function configure(app: MockServer, values: Record<string, unknown>): Promise<void> {
  const repository = app.db.getRepository('crmPolicySettings');
  const row = await repository.findOne();
  if (row) await repository.update({ filterByTk: row.get('id') as number, values });
  else await repository.create({ values });
}

/** An agent of the app sending these headers (superagent's `set`, which `ExtendedAgent`'s type leaves out). */
export function agentWith(app: MockServer, headers: Record<string, string>): ExtendedAgent {
  const agent = app.agent() as ExtendedAgent & { set(name: string, value: string): unknown };
  for (const [name, value] of Object.entries(headers)) agent.set(name, value);
  return agent;
}
