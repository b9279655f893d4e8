import type { Language } from '@crm-policy/engine';
import { divisionName } from './divisions.js';

/**
 * Why assignment could not place a customer, as data: what went wrong and
 * what it concerns, so each caller reads it in their own language
 * (`unroutedText`) with where an admin or a manager fixes it.
 * - `missing-team`: a rule names a team the organisation does not have;
 * - `no-rule`: no rule matches the customer's region, industry and size (the policy's default);
 * - `policy-review`: a rule sends such customers to review on purpose;
 * - `no-covering-team`: a rule routes by territory, and no team's territory covers the region;
 * - `no-members`: the team has no available members (of the role a dedicated customer needs);
 * - `team-full`: every available member (of that role) is at capacity.
 */
export type UnroutedReason =
  | { code: 'missing-team'; rule: string; team: string }
  | { code: 'no-rule'; region: string; industry: string; size: string }
  | { code: 'policy-review'; rule: string; text: string }
  | { code: 'no-covering-team'; rule: string; region: string }
  | { code: 'no-members'; team: string; role: 'inside' | 'field' | 'any' }
  | { code: 'team-full'; team: string; role: 'inside' | 'field' | 'any' };

/** The closed list of reason codes (documented in docs/api.md). */
export const UNROUTED_CODES = ['missing-team', 'no-rule', 'policy-review', 'no-covering-team', 'no-members', 'team-full'] as const satisfies ReadonlyArray<UnroutedReason['code']>;

type Texts = { [C in UnroutedReason['code']]: Record<Language, (reason: Extract<UnroutedReason, { code: C }>) => string> };

const ROLE = {
  zh: { inside: '内勤销售', field: '外勤销售', any: '' },
  en: { inside: 'inside-sales ', field: 'field-sales ', any: '' },
};
const SIZE = {
  zh: { individual: '个人', sme: '中小企业（1000 人以下）', large: '大型企业（1000 人及以上）' } as Record<string, string>,
  en: { individual: 'individual', sme: 'SME (under 1,000 employees)', large: 'large company (1,000 employees or more)' } as Record<string, string>,
};
/** The assignment policy's industries (its `customer.industry` enum) by name. */
const INDUSTRY = {
  zh: { manufacturing: '制造', finance: '金融', government: '政府', retail: '零售', technology: '科技', healthcare: '医疗', education: '教育', logistics: '物流', energy: '能源', other: '其他' } as Record<string, string>,
  en: { manufacturing: 'manufacturing', finance: 'finance', government: 'government', retail: 'retail', technology: 'technology', healthcare: 'healthcare', education: 'education', logistics: 'logistics', energy: 'energy', other: 'other' } as Record<string, string>,
};
const regionIn = (code: string) => divisionName(code) || code;

const TEXTS: Texts = {
  'missing-team': {
    zh: (r) => `分配规则“${r.rule}”把客户分给团队“${r.team}”，但组织中没有这个团队。请管理员新建团队“${r.team}”，或在“规则”页修改这条分配规则。`,
    en: (r) => `Assignment rule "${r.rule}" sends this customer to team "${r.team}", which does not exist. An admin creates team "${r.team}", or changes the rule on the Rules page.`,
  },
  'no-rule': {
    zh: (r) => `没有分配规则匹配此客户（地区：${regionIn(r.region)}，行业：${INDUSTRY.zh[r.industry] ?? r.industry}，规模：${SIZE.zh[r.size] ?? r.size}）。请管理员在“规则”页为它补充分配规则，或给某个团队设置覆盖该地区的辖区。`,
    en: (r) => `No assignment rule matches this customer (region: ${regionIn(r.region)}, industry: ${INDUSTRY.en[r.industry] ?? r.industry}, size: ${SIZE.en[r.size] ?? r.size}). An admin adds a rule on the Rules page, or gives a team a territory covering the region.`,
  },
  'policy-review': {
    zh: (r) => `分配规则“${r.rule}”要求人工处理此类客户${r.text ? `（${r.text}）` : ''}。请经理在“未分配客户”中手动分配。`,
    en: (r) => `Assignment rule "${r.rule}" sends such customers to a person${r.text ? ` (${r.text})` : ''}. A manager routes it by hand from Unassigned leads.`,
  },
  'no-covering-team': {
    zh: (r) => `分配规则“${r.rule}”按辖区分配，但没有团队的辖区覆盖 ${regionIn(r.region)}。请管理员给某个团队设置覆盖该地区的辖区。`,
    en: (r) => `Assignment rule "${r.rule}" routes by territory, and no team's territory covers ${regionIn(r.region)}. An admin gives a team a territory covering it.`,
  },
  'no-members': {
    zh: (r) => `团队“${r.team}”没有可分配的${ROLE.zh[r.role] || '成员'}。请该团队经理在团队成员中添加${ROLE.zh[r.role] || '成员'}，或把休假的成员设为可分配。`,
    en: (r) => `Team "${r.team}" has no available ${ROLE.en[r.role]}members. The team's manager adds ${ROLE.en[r.role]}members, or marks a member on leave as available.`,
  },
  'team-full': {
    zh: (r) => `团队“${r.team}”的${ROLE.zh[r.role] || '成员'}都已满负荷。请该团队经理提高成员的容量，或增加成员。`,
    en: (r) => `Every available ${ROLE.en[r.role]}member of team "${r.team}" is at capacity. The team's manager raises capacities or adds members.`,
  },
};

/** A reason in words, in `language`: what went wrong and where it is fixed. */
export function unroutedText(reason: UnroutedReason, language: Language): string {
  const texts = TEXTS[reason.code] as Record<Language, (r: UnroutedReason) => string>;
  return texts[language](reason);
}
