import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionName } from '../src/components/regionName.js';
import type { Division } from '../src/components/useDivisions.js';
import { format } from '../src/i18n/messages.js';
import type { MessageKey } from '../src/i18n/messages.js';
import { reasonInWords } from '../src/pages/appeals/reasonInWords.js';
import { registrationFields } from '../src/pages/appeals/registrationFields.js';
import type { Template } from '../src/pages/register/templateForm.js';

const DIVISIONS: Division[] = [
  { code: '11', name: '北京市', children: [{ code: '1101', name: '市辖区', children: [{ code: '110108', name: '海淀区' }] }] },
  { code: '44', name: '广东省', children: [{ code: '4403', name: '深圳市', children: [{ code: '440305', name: '南山区' }, { code: '440304', name: '福田区' }] }, { code: '4419', name: '东莞市' }] },
];
const software = JSON.parse(readFileSync(new URL('../../../schemas/templates/software.json', import.meta.url), 'utf8')) as Template;
const zh = (key: MessageKey, values?: Record<string, string>) => format('zh', key, values);
const en = (key: MessageKey, values?: Record<string, string>) => format('en', key, values);

describe('a region code as a name', () => {
  it('names the city and district, a municipality once, and never answers with a code', () => {
    expect(regionName(DIVISIONS, '440305')).toBe('深圳市 南山区');
    expect(regionName(DIVISIONS, '110108')).toBe('北京市 海淀区');
    expect(regionName(DIVISIONS, '4419')).toBe('广东省 东莞市');
    expect(regionName(DIVISIONS, '999999')).toBeUndefined();
    expect(regionName(undefined, '440305')).toBeUndefined();
  });

  it('names it in English on an English page, and a city without districts by its own entry', () => {
    const named: Division[] = [
      { code: '11', name: '北京市', en: 'Beijing', children: [{ code: '1101', name: '市辖区', en: 'City districts', children: [{ code: '110108', name: '海淀区', en: 'Haidian District' }] }] },
      { code: '44', name: '广东省', en: 'Guangdong', children: [{ code: '4419', name: '东莞市', en: 'Dongguan', children: [{ code: '441900', name: '东莞市', en: 'Dongguan', wholeCity: true }] }] },
    ];
    expect(regionName(named, '110108', 'en')).toBe('Beijing Haidian District');
    expect(regionName(named, '441900', 'en')).toBe('Guangdong Dongguan');
    expect(regionName(named, '441900')).toBe('广东省 东莞市');
  });
});

describe('a duplicate match’s reasons in words', () => {
  it('reads each piece of evidence in the page’s language, the districts that differ included', () => {
    const reason = 'name 1.00: 字号 equal, region same city, districts differ: 广东省深圳市南山区 / 广东省深圳市福田区, industry words equal, suffix differs';
    expect(reasonInWords(reason, zh)).toEqual(['名称相似度 1.00', '字号相同', '同一城市', '区县不同：广东省深圳市南山区 / 广东省深圳市福田区', '行业词相同', '公司类型不同']);
    expect(reasonInWords(reason, en)).toEqual(['Name similarity 1.00', 'Same trade name', 'Same city', 'Districts differ: 广东省深圳市南山区 / 广东省深圳市福田区', 'Same industry words', 'Legal form differs']);
    expect(reasonInWords('same phone', zh)).toEqual(['电话相同']);
    expect(reasonInWords('name 0.85: 字号 0.67, region differs: 北京 / 上海市浦东新区, industry words differ, suffix equal', zh)).toEqual(['名称相似度 0.85', '字号相似度 0.67', '地区不同：北京 / 上海市浦东新区', '行业词不同', '公司类型相同']);
  });
});

describe('a registration as the review shows it', () => {
  const words = { notGiven: '未填写', yes: '是', no: '否' };
  const fields = { companyName: '深圳市星云数据有限公司', region: '440305', grade: 'B', purchasePlan: { product: 'CRM', timeframe: '2027-Q1' }, techStack: ['SAP', 'Oracle'] };

  it('labels fields from the template in its order, names the region and writes a plan in words', () => {
    const lines = registrationFields(fields, software, { language: 'zh', divisions: DIVISIONS, words });
    const byKey = Object.fromEntries(lines.map((line) => [line.key, line]));
    expect(lines[0]).toEqual({ key: 'companyName', label: '公司名称', value: '深圳市星云数据有限公司' });
    expect(byKey['region']).toEqual({ key: 'region', label: '所在地区', value: '深圳市 南山区' });
    expect(byKey['purchasePlan']).toEqual({ key: 'purchasePlan', label: '采购计划', value: '采购产品：CRM；采购时间：2027-Q1' });
    expect(byKey['techStack']?.value).toBe('SAP、Oracle');
    expect(byKey['email']).toEqual({ key: 'email', label: '电子邮箱', value: '未填写' });
    expect(lines.map((line) => line.label).join()).not.toMatch(/companyName|purchasePlan|\{/);
  });

  it('in English, with English labels', () => {
    const lines = registrationFields(fields, software, { language: 'en', divisions: DIVISIONS, words: { notGiven: 'Not given', yes: 'Yes', no: 'No' } });
    expect(lines.find((line) => line.key === 'purchasePlan')).toEqual({ key: 'purchasePlan', label: 'Purchase plan', value: 'Product: CRM; Timeframe: 2027-Q1' });
  });

  it('reads a choice the schema names by its name', () => {
    const named = { ...software, schema: { ...software.schema, properties: { ...software.schema.properties, deployment: { type: 'string', oneOf: [{ const: 'saas', title: '云端订阅' }, { const: 'hybrid', title: '混合部署' }] } } } } as Template;
    expect(registrationFields({ deployment: 'hybrid' }, named, { language: 'zh', divisions: DIVISIONS, words }).find((line) => line.key === 'deployment')?.value).toBe('混合部署');
    const withChoices = { ...software, choices: { zh: { deployment: { saas: 'SaaS 云服务', hybrid: '混合部署' }, techStack: { sap: 'SAP 系统' } } } } as Template;
    const lines = registrationFields({ deployment: 'saas', techStack: ['sap', 'Oracle'] }, withChoices, { language: 'zh', divisions: DIVISIONS, words });
    expect(lines.find((line) => line.key === 'deployment')?.value).toBe('SaaS 云服务');
    expect(lines.find((line) => line.key === 'techStack')?.value).toBe('SAP 系统、Oracle');
    // The shipped template names its choices in both languages.
    expect(registrationFields({ deployment: 'saas' }, software, { language: 'en', divisions: DIVISIONS, words }).find((line) => line.key === 'deployment')?.value).toBe(software.choices?.en?.['deployment']?.['saas']);
    expect(software.choices?.en?.['deployment']?.['saas']).toMatch(/SaaS/);
  });

  it('never shows a code for a region it cannot name', () => {
    const lines = registrationFields({ region: '999999' }, software, { language: 'zh', divisions: DIVISIONS, words });
    expect(lines.find((line) => line.key === 'region')?.value).toBe('未填写');
  });
});
