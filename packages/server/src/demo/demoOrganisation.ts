import type { Principal } from '../auth/principal.js';
import type { Member } from '../domain/users/usersRepository.js';
import type { Services } from '../services.js';
import { demoCustomer } from './demoCustomers.js';

/** Every demo user's password (documented in the README). */
export const DEMO_PASSWORD = 'demo-password-2026';

interface DemoTeam {
  /** Named as the shipped assignment rules name the team that routes this region's SMEs. */
  name: string;
  region: string;
  manager: { username: string; displayName: string };
  /** Reps with their sales role: a dedicated customer needs one inside and one field owner. */
  reps: Array<{ username: string; displayName: string; role: Member['role'] }>;
}

/**
 * The three staffed teams: the SME teams the shipped assignment rules
 * (`sme-south`, `sme-east`, `sme-north`) route Shenzhen, Shanghai and Beijing
 * companies under 1,000 employees to.
 */
export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    name: 'South China SME',
    region: '4403',
    manager: { username: 'zhou.min', displayName: '周敏' },
    reps: [
      { username: 'li.na', displayName: '李娜', role: 'inside' },
      { username: 'zhao.lei', displayName: '赵磊', role: 'field' },
      { username: 'chen.jie', displayName: '陈杰', role: 'inside' },
      { username: 'huang.li', displayName: '黄丽', role: 'field' },
    ],
  },
  {
    name: 'East China SME',
    region: '3101',
    manager: { username: 'sun.hao', displayName: '孙浩' },
    reps: [
      { username: 'wang.qiang', displayName: '王强', role: 'inside' },
      { username: 'wu.fang', displayName: '吴芳', role: 'field' },
      { username: 'xu.jun', displayName: '徐军', role: 'inside' },
    ],
  },
  {
    name: 'North China SME',
    region: '1101',
    manager: { username: 'ma.lin', displayName: '马林' },
    reps: [
      { username: 'liu.yang', displayName: '刘洋', role: 'inside' },
      { username: 'gao.ping', displayName: '高平', role: 'field' },
      { username: 'he.xin', displayName: '何欣', role: 'field' },
    ],
  },
];

/** The regional sales director: a manager of the three staffed teams, who decides what their managers propose (nobody decides their own proposal). */
export const DEMO_DIRECTOR = { username: 'qian.yu', displayName: '钱宇' };

/** Every demo username. */
export const DEMO_USERNAMES: readonly string[] = [...DEMO_TEAMS.flatMap((t) => [t.manager.username, ...t.reps.map((r) => r.username)]), DEMO_DIRECTOR.username];

/** Customers each rep may hold (a rep's capacity). */
const CAPACITY = 100;

/** The teams the live assignment policy's rules name, in rule order: each must exist, or the customers routed to it wait unassigned. */
export function teamsNamedByAssignment(services: Services): string[] {
  const names = services.livePolicies.live('assignment')().ruleFile.rules.map((rule) => rule.event.params?.['team']);
  return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
}

/**
 * Creates the demo organisation on `services`: the staffed teams with their
 * managers, reps (members with a role and a capacity) and the director; an
 * empty team for every other team the assignment rules name, so no rule
 * points at a team that does not exist; and `customersPerRep` registered
 * customers per rep (default 30). Answers how many customers were registered.
 */
export async function loadDemoOrganisation(services: Services, options: { customersPerRep?: number } = {}): Promise<{ teams: number; users: number; customers: number }> {
  const admin: Principal = { kind: 'user', id: 'demo-seed', username: 'demo-seed', displayName: 'demo seed', role: 'admin', teams: [] };
  const staffed = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const created = await services.users.createTeam(team.name);
    staffed.set(team.name, created._id);
    await services.users.createUser({ username: team.manager.username, password: DEMO_PASSWORD, displayName: team.manager.displayName, role: 'manager', teams: [created._id] });
    const members: Member[] = [];
    for (const rep of team.reps) {
      const user = await services.users.createUser({ username: rep.username, password: DEMO_PASSWORD, displayName: rep.displayName, role: 'rep', teams: [created._id] });
      members.push({ userId: String(user._id), role: rep.role, capacity: CAPACITY, available: true });
    }
    await services.teamSetup.setMembers(admin, created._id, members);
  }
  await services.users.createUser({ username: DEMO_DIRECTOR.username, password: DEMO_PASSWORD, displayName: DEMO_DIRECTOR.displayName, role: 'manager', teams: [...staffed.values()] });
  const others = teamsNamedByAssignment(services).filter((name) => !staffed.has(name));
  // A store may hold some of them already (the demo seeds a store without the demo's own users and teams).
  for (const name of others) if (!(await services.users.teams.findOne({ name }))) await services.users.createTeam(name);
  let customers = 0;
  for (const team of DEMO_TEAMS) {
    const teamId = staffed.get(team.name)!;
    for (const [r, rep] of team.reps.entries()) {
      const user = (await services.users.users.findOne({ username: rep.username }))!;
      const principal: Principal = { kind: 'user', id: user._id, username: rep.username, displayName: rep.displayName, role: 'rep', teams: [teamId] };
      for (let i = 0; i < (options.customersPerRep ?? 30); i += 1) {
        const form = demoCustomer(team.name, team.region, r, i, customers);
        // A generated name now and then resembles another: caught as a duplicate, and skipped.
        const result = await services.registrations.register(principal, form, 'zh').catch(() => ({ status: 0 }));
        if (result.status === 201) customers += 1;
      }
    }
  }
  return { teams: DEMO_TEAMS.length + others.length, users: DEMO_USERNAMES.length, customers };
}
