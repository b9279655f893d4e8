import type { TestApp } from '../testApp.js';

// No two share a pinyin syllable (同音字 would make look-alike brands).
const CHARS = [...'邦博创达丰冠汇嘉凯朗力鹏启瑞盛泰通维鑫兴雅远智卓恒捷浩宏俊颖熙煜烨瑾璐'];

/** `count` company names with distinct four-character brands (none a duplicate of another), from a seed. */
export function companyNames(count: number, seed = 1): string[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const brands = new Set<string>();
  while (brands.size < count) brands.add(Array.from({ length: 4 }, () => CHARS[(next() >>> 16) % CHARS.length]).join(''));
  return [...brands].map((brand) => `${brand}科技有限公司`);
}

/** A lead in Shenzhen Nanshan. */
export function lead(companyName: string, extra: Record<string, unknown> = {}) {
  return { companyName, region: '440305', type: 'company', employees: 40, industry: 'technology', ...extra };
}

/** A team with a territory and members (created as reps of the team), returning their ids in order. */
export async function teamWith(
  t: TestApp,
  name: string,
  territories: Array<Record<string, unknown>>,
  members: Array<{ role: 'inside' | 'field'; capacity: number; available?: boolean }>,
): Promise<{ teamId: string; memberIds: string[]; manager: { id: string; auth: string } }> {
  const teamId = await t.team(name);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const memberIds: string[] = [];
  for (const [i] of members.entries()) memberIds.push((await t.user(`${slug}-m${i}`, 'rep', [teamId], `${name} member ${i}`)).id);
  const manager = await t.user(`${slug}-boss`, 'manager', [teamId]);
  const setTerritory = await t.http.put(`/api/teams/${teamId}/territories`).set('authorization', t.admin).send({ territories });
  if (setTerritory.status !== 200) throw new Error(JSON.stringify(setTerritory.body));
  const setMembers = await t.http
    .put(`/api/teams/${teamId}/members`)
    .set('authorization', t.admin)
    .send({ members: members.map((m, i) => ({ userId: memberIds[i], role: m.role, capacity: m.capacity, available: m.available ?? true })) });
  if (setMembers.status !== 200) throw new Error(JSON.stringify(setMembers.body));
  return { teamId, memberIds, manager };
}
