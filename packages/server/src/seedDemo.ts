import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Policy, PolicyKind } from '@crm-policy/engine';
import { createApp } from './app.js';
import { firstAdminNotice } from './auth/firstAdminNotice.js';
import type { Principal } from './auth/principal.js';
import { loadPolicies, loadTemplates } from './main.js';
import { openStore } from './store/openStore.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** Every demo user's password (documented in the README). */
export const DEMO_PASSWORD = 'demo-password-2026';

const TEAMS = [
  { name: 'South Enterprise', region: '4403', manager: 'zhou.min', reps: ['li.na', 'zhao.lei', 'chen.jie', 'huang.li'] },
  { name: 'East Enterprise', region: '3101', manager: 'sun.hao', reps: ['wang.qiang', 'wu.fang', 'xu.jun'] },
  { name: 'North SME', region: '1101', manager: 'ma.lin', reps: ['liu.yang', 'gao.ping', 'he.xin'] },
];

const DISTRICTS: Record<string, string[]> = { '4403': ['440303', '440304', '440305', '440306'], '3101': ['310101', '310104', '310115'], '1101': ['110101', '110105', '110108'] };
const BRANDS = ['腾飞', '华创', '星河', '远航', '智联', '恒泰', '云图', '博远', '锐思', '启明', '海纳', '鼎新', '凯达', '瑞丰', '天成', '宏图', '佳和', '正弘', '东方', '蓝海'];
const SUFFIXES: Record<string, string> = {
  'medical-devices': '医疗器械有限公司',
  'enterprise-services': '企业服务有限公司',
  software: '软件科技有限公司',
  'equipment-manufacturing': '机械制造股份有限公司',
  trade: '商贸有限公司',
};
const CITY_NAMES: Record<string, string> = { '4403': '深圳市', '3101': '上海市', '1101': '北京市' };

function industryFields(industry: string, i: number): Record<string, unknown> {
  switch (industry) {
    case 'medical-devices':
      return { hospitalGrade: ['3A', '3B', '2A'][i % 3], department: ['检验科', '影像科', '心内科'][i % 3], deviceClass: ['II', 'III'][i % 2] };
    case 'enterprise-services':
      return { employees: 50 + i * 7 };
    case 'software':
      return { deployment: ['saas', 'on-premise', 'hybrid'][i % 3], employees: 80 + i * 5 };
    case 'equipment-manufacturing':
      return { equipmentType: ['cnc', 'injection-molding', 'automation-line'][i % 3], plantCount: 1 + (i % 4) };
    default:
      return { tradeType: ['import', 'export', 'domestic'][i % 3] };
  }
}

/** Where the seed reads its settings and writes what it tells the user. */
export interface SeedDemoOptions {
  /** DATA_DIR, MONGODB_URI, ADMIN_PASSWORD (default: the process's environment). */
  env?: NodeJS.ProcessEnv;
  /** Standard output (default: the process's). */
  out?: (text: string) => void;
  /** Customers each rep registers (default 30). */
  customersPerRep?: number;
  /** The policies in force (default: the repository's rules/ folder). */
  policies?: Record<PolicyKind, Policy>;
}

/**
 * Loads a demo organisation: 3 teams, their managers and reps, and a few
 * hundred registered customers. On an empty store without ADMIN_PASSWORD it
 * prints the first admin's made-up password, as `npm start` does.
 */
export async function seedDemo(options: SeedDemoOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const customersPerRep = options.customersPerRep ?? 30;
  const store = await openStore({ mongodbUri: env['MONGODB_URI'], dataDir: resolve(env['DATA_DIR'] ?? 'data') });
  try {
    const { services, generatedAdminPassword } = await createApp({
      store,
      policies: options.policies ?? (await loadPolicies(join(REPOSITORY, 'rules'))),
      templates: loadTemplates(join(REPOSITORY, 'schemas/templates')),
      config: { tokenSecret: randomBytes(32).toString('hex'), adminPassword: env['ADMIN_PASSWORD'] },
      logger: { info: () => {}, warn: () => {}, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) },
    });
    if (generatedAdminPassword) out(firstAdminNotice(generatedAdminPassword));
    const markers = store.collection('settings');
    if (await markers.findOne({ _id: 'demo-seed' })) {
      out('The demo organisation is already loaded.\n');
      return;
    }
    const taken = await services.users.users.find({ username: { $in: [...TEAMS.flatMap((t) => [t.manager, ...t.reps])] } }, { projection: { username: 1 } });
    if (taken.length > 0 || (await services.users.teams.countDocuments({ name: { $in: TEAMS.map((t) => t.name) } })) > 0) {
      throw new Error(`this store already has users or teams the demo would create (${taken.map((u) => u.username).join(', ') || 'teams'}); seed an empty store (DATA_DIR=demo-data npm run seed:demo)`);
    }
    const industries = Object.keys(SUFFIXES);
    let registered = 0;
    for (const team of TEAMS) {
      const created = await services.users.createTeam(team.name);
      await services.users.createUser({ username: team.manager, password: DEMO_PASSWORD, displayName: team.manager, role: 'manager', teams: [created._id] });
      for (const [r, username] of team.reps.entries()) {
        const user = await services.users.createUser({ username, password: DEMO_PASSWORD, displayName: username, role: 'rep', teams: [created._id] });
        const rep: Principal = { kind: 'user', id: String(user._id), username, displayName: username, role: 'rep', teams: [created._id] };
        for (let i = 0; i < customersPerRep; i += 1) {
          const industry = industries[(i + r) % industries.length]!;
          const brand = `${BRANDS[(i * 7 + r * 3) % BRANDS.length]}${String.fromCharCode(0x4e00 + ((i * 31 + r * 17 + team.name.length * 101) % 2000))}`;
          const customer = {
            companyName: `${CITY_NAMES[team.region]}${brand}${SUFFIXES[industry]}`,
            region: DISTRICTS[team.region]![i % DISTRICTS[team.region]!.length],
            contactName: ['张总', '李经理', '王主任', '刘工'][i % 4],
            phone: `0${team.region.slice(0, 2)}${String(10_000_000 + registered * 7919).slice(0, 8)}`,
            grade: ['B', 'C', 'C', 'D'][i % 4],
            purchasePlan: { product: 'CRM', timeframe: '2027-Q2' },
            intent: '评估中',
            ...industryFields(industry, i),
          };
          const result = await services.registrations.register(rep, { industry, customer }, 'zh').catch((error: Error) => ({ status: 0, body: error.message }));
          if (result.status === 201) registered += 1;
        }
      }
    }
    await markers.insertOne({ _id: 'demo-seed', at: new Date().toISOString() });
    out(`Loaded the demo organisation: ${TEAMS.length} teams, ${TEAMS.reduce((n, t) => n + t.reps.length + 1, 0)} users, ${registered} customers. Password of every demo user: ${DEMO_PASSWORD}\n`);
  } finally {
    await store.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  seedDemo().catch((error: Error) => {
    process.stderr.write(`seed:demo: ${error.message}\n`);
    process.exitCode = 1;
  });
}
