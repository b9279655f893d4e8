import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWithinRegion } from '@crm-policy/engine';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from './assignmentHelpers.js';

// 东莞市, 中山市, 儋州市 and 嘉峪关市 have no districts: the dataset lists towns under them.
// A customer there is registered with the city's own GB/T 2260 code, a town mapped to it.

interface Division {
  code: string;
  name: string;
  en: string;
  pinyin?: string;
  initials: string;
  wholeCity?: boolean;
  children?: Division[];
}

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

const register = (auth: string, body: unknown) => t.http.post('/api/registrations').set('authorization', auth).set('accept-language', 'en').send(body as object);

async function divisions(): Promise<Division[]> {
  const response = await t.http.get('/api/divisions').set('authorization', t.admin);
  expect(response.status).toBe(200);
  return response.body.divisions as Division[];
}

const child = (parent: Division | undefined, code: string) => parent?.children?.find((division) => division.code === code);

describe('cities without districts', () => {
  it('are offered in the picker as the city itself, then its towns, every town inside the city’s code', async () => {
    const tree = await divisions();
    const cities = { '4419': '441900', '4420': '442000', '4604': '460400', '6202': '620201' };
    for (const [city, code] of Object.entries(cities)) {
      const node = child(tree.find((province) => province.code === city.slice(0, 2)), city);
      const [whole, ...towns] = node?.children ?? [];
      expect(whole, city).toMatchObject({ code, name: node?.name, wholeCity: true });
      expect(towns.length).toBeGreaterThan(3);
      for (const town of towns) expect(town.code.slice(0, 6), town.name).toBe(code);
      // The city's own code is a division the server accepts, named once.
      const named = await t.http.get(`/api/divisions/${code}`).set('authorization', t.admin);
      expect(named.body.name.split(' · ')).toHaveLength(2);
    }
    const dongguan = child(tree.find((p) => p.code === '44'), '4419');
    expect(dongguan?.children?.find((town) => town.name === '长安镇')).toMatchObject({ en: "Chang'an Town", initials: 'caz' });
  });

  it('carry English names and pinyin, so the picker finds them typed in Latin letters', async () => {
    const tree = await divisions();
    const guangdong = tree.find((p) => p.code === '44');
    expect(guangdong).toMatchObject({ name: '广东省', en: 'Guangdong', initials: 'gds' });
    expect(child(guangdong, '4419')).toMatchObject({ name: '东莞市', en: 'Dongguan', initials: 'dgs' });
    expect(child(child(guangdong, '4403'), '440305')).toMatchObject({ name: '南山区', en: 'Nanshan District' });
    // English spells some names otherwise than pinyin: the pinyin comes along then.
    expect(tree.find((p) => p.code === '61')).toMatchObject({ en: 'Shaanxi', pinyin: 'shanxisheng' });
    expect(tree.find((p) => p.code === '15')).toMatchObject({ en: 'Inner Mongolia', pinyin: 'neimengguzizhiqu' });
  });

  it('are accepted as a registration’s region-code; a town’s own nine-digit code is not', async () => {
    const south = await t.team('South');
    const rep = await t.user('li.na', 'rep', [south], '李娜');
    const regions = ['441900', '442000', '460400', '620201'];
    for (const [i, region] of regions.entries()) {
      const response = await register(rep.auth, softwareCustomer(companyNames(4, 3)[i]!, { region, phone: `+86 138-0013-800${i}` }));
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
    const town = await register(rep.auth, softwareCustomer('长安镇星河电子有限公司', { region: '441900003', phone: '+86 139-0000-0001' }));
    expect(town.status).toBe(422);
    expect(town.body.error.details).toEqual([expect.objectContaining({ path: '/customer/region' })]);
  });

  it('route to a territory on the city, its province, or the city’s own code', async () => {
    const city = await teamWith(t, 'Dongguan', [{ regions: ['4419'] }], [{ role: 'inside', capacity: 10 }]);
    const province = await teamWith(t, 'Guangdong', [{ regions: ['44'] }], [{ role: 'inside', capacity: 10 }]);
    const jiayuguan = await teamWith(t, 'Jiayuguan', [{ regions: ['620200'] }], [{ role: 'inside', capacity: 10 }]);
    const [a, b, c] = companyNames(3, 17);
    const inChangan = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(a!, { region: '441900' }));
    expect(inChangan.body.assignment.claim?.team, JSON.stringify(inChangan.body)).toBe(city.teamId);
    const inZhongshan = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(b!, { region: '442000' }));
    expect(inZhongshan.body.assignment.claim?.team).toBe(province.teamId);
    const inJiayuguan = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(c!, { region: '620201' }));
    expect(inJiayuguan.body.assignment.claim?.team).toBe(jiayuguan.teamId);
    // The policies' inRegion reads the city's code inside the city and its province, not a neighbour.
    expect(isWithinRegion('441900', '4419')).toBe(true);
    expect(isWithinRegion('441900', '441900')).toBe(true);
    expect(isWithinRegion('441900', '440000')).toBe(true);
    expect(isWithinRegion('441900', '4420')).toBe(false);
    expect(isWithinRegion('620201', '6202')).toBe(true);
  });

  it('are compared by duplicate detection as one place, named once', async () => {
    const south = await t.team('South');
    const [li, wang] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('wang.qiang', 'rep', [south], '王强')]);
    expect((await register(li.auth, softwareCustomer('星河电子有限公司', { region: '620201' }))).status).toBe(201);
    const again = await register(wang.auth, softwareCustomer('星河電子有限公司', { region: '620201', phone: '+86 139-0013-9000' }));
    expect(again.status).toBe(409);
    expect(again.body.error.matches[0].reasons.join(' ')).toContain('region equal: 甘肃省嘉峪关市');
    expect(again.body.error.matches[0].reasons.join(' ')).not.toContain('嘉峪关市嘉峪关市');
  });
});
