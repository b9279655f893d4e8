import type { RuleFile } from '../src/index.js';

/** One territory of the generated assignment policy, as plain data. */
export interface Territory {
  name: string;
  priority: number;
  region: string;
  minEmployees: number;
  industries: string[];
  team: string;
}

const INDUSTRIES = ['manufacturing', 'finance', 'retail', 'technology', 'healthcare', 'education', 'logistics', 'energy'];
const PROVINCES = ['11', '12', '13', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '50', '51', '52', '53', '61'];

/**
 * A deterministic assignment policy of `count` territory rules, three
 * comparisons each (region, size, industry), at district, city and province
 * level: the shape of a real company's territory plan.
 */
export function territories(count: number): Territory[] {
  const list: Territory[] = [];
  for (let i = 0; i < count; i += 1) {
    const province = PROVINCES[i % PROVINCES.length]!;
    const level = i % 3;
    const city = String(1 + (Math.floor(i / PROVINCES.length) % 9)).padStart(2, '0');
    const district = String(1 + (i % 7)).padStart(2, '0');
    const region = level === 0 ? `${province}${city}${district}` : level === 1 ? `${province}${city}` : province;
    list.push({
      name: `territory-${i}`,
      priority: [30, 20, 10][level]!,
      region,
      minEmployees: [0, 50, 200, 1000][i % 4]!,
      industries: [INDUSTRIES[i % INDUSTRIES.length]!, INDUSTRIES[(i + 3) % INDUSTRIES.length]!],
      team: `Team ${i}`,
    });
  }
  return list;
}

/** The rule file of `territories(count)`. */
export function territoryRuleFile(count: number): RuleFile {
  return {
    policy: 'assignment',
    version: '1.0.0',
    title: `${count} territories`,
    hitPolicy: 'first',
    facts: {
      customer: {
        title: 'Customer',
        type: 'object',
        required: ['regionCode', 'employees', 'industry'],
        properties: {
          regionCode: { type: 'string', pattern: '^[1-9][0-9]{5}$' },
          employees: { type: 'integer', minimum: 0 },
          industry: { enum: [...INDUSTRIES, 'other'] },
        },
      },
    },
    default: { type: 'review', params: { queue: 'unrouted', reason: 'no territory' } },
    rules: territories(count).map((t) => ({
      name: t.name,
      priority: t.priority,
      conditions: {
        all: [
          { fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: t.region },
          { fact: 'customer', path: '$.employees', operator: 'greaterThanInclusive', value: t.minEmployees },
          { fact: 'customer', path: '$.industry', operator: 'in', value: t.industries },
        ],
      },
      event: { type: 'assign', params: { team: t.team, ownership: 'dedicated' } },
    })),
  };
}

/** Random customers over the same provinces, with a fixed seed. */
export function sampleCustomers(count: number, seed = 42): Array<{ customer: { regionCode: string; employees: number; industry: string } }> {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const province = PROVINCES[Math.floor(next() * PROVINCES.length)]!;
    const city = String(1 + Math.floor(next() * 9)).padStart(2, '0');
    const district = String(1 + Math.floor(next() * 7)).padStart(2, '0');
    out.push({
      customer: {
        regionCode: `${province}${city}${district}`,
        employees: Math.floor(next() * 3000),
        industry: [...INDUSTRIES, 'other'][Math.floor(next() * (INDUSTRIES.length + 1))]!,
      },
    });
  }
  return out;
}
