/** Every text the UI shows, in Simplified Chinese and English. */
export const MESSAGES = {
  appName: { zh: '客户政策', en: 'crm-policy' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  wrongPassword: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  register: { zh: '登记客户', en: 'Register a customer' },
  industry: { zh: '行业', en: 'Industry' },
  chooseIndustry: { zh: '选择行业', en: 'Choose the industry' },
  submit: { zh: '提交登记', en: 'Register' },
  granted: { zh: '登记成功', en: 'Registered' },
  grantedUntil: { zh: '保护期至 {date}', en: 'Protected until {date}' },
  taken: { zh: '客户已被登记', en: 'Already registered' },
  takenBy: { zh: '{name}（{team}）已登记该客户，保护期至 {date}', en: '{name} ({team}) holds this customer until {date}' },
  appeal: { zh: '申诉', en: 'Appeal' },
  appealReason: { zh: '申诉理由', en: 'Why this is a different company, or yours' },
  appealSent: { zh: '申诉已提交，等待经理处理', en: 'Appeal sent to the manager' },
  notEligible: { zh: '不符合登记条件', en: 'Not eligible' },
  fixFields: { zh: '请修正标出的字段', en: 'Fix the fields marked' },
  another: { zh: '再登记一个', en: 'Register another' },
  language: { zh: 'English', en: '中文' },
  rules: { zh: '规则', en: 'Rules' },
  appeals: { zh: '申诉待处理', en: 'Appeals to decide' },
  tryIt: { zh: '试算', en: 'Try it' },
  myCustomers: { zh: '我的客户', en: 'My customers' },
  noCustomers: { zh: '还没有客户', en: 'No customers yet' },
  noLapse: { zh: '长期负责', en: 'Kept until signed' },
  daysLeft: { zh: '保护期剩 {days} 天', en: '{days} days of protection left' },
  followUp: { zh: '跟进记录', en: 'Follow-up note' },
  followUpNote: { zh: '{name} 的跟进记录', en: 'Follow-up note for {name}' },
  log: { zh: '记录', en: 'Log' },
  followUpLogged: { zh: '已记录跟进，保护期重新计算', en: 'Follow-up logged: protection runs again from today' },
  release: { zh: '释放到公海', en: 'Release to the pool' },
  releaseConfirm: { zh: '确定释放该客户？', en: 'Give this customer up?' },
  released: { zh: '已释放到公海', en: 'Released to the pool' },
  pool: { zh: '公海客户', en: 'Public pool' },
  poolEmpty: { zh: '公海暂无客户', en: 'Nobody in the pool' },
  claim: { zh: '领取', en: 'Claim' },
  claimed: { zh: '已领取 {name}', en: 'Claimed {name}' },
  facts: { zh: '事实（JSON）', en: 'Facts (JSON)' },
  run: { zh: '运行', en: 'Run' },
  versions: { zh: '版本', en: 'Versions' },
  diff: { zh: '与已发布版本比较', en: 'Compare with published' },
  diffSummary: { zh: '新增：{added}；删除：{removed}；修改：{changed}', en: 'Added: {added}; removed: {removed}; changed: {changed}' },
  rollback: { zh: '回退到此版本', en: 'Roll back to this' },
  noAppeals: { zh: '没有待处理的申诉', en: 'No appeals waiting' },
  review: { zh: '查看', en: 'Review' },
  heldBy: { zh: '{name}（{team}）登记的客户', en: 'Held by {name} ({team})' },
  submittedBy: { zh: '{name} 提交的登记', en: 'Submitted by {name}' },
  'verdict.uphold': { zh: '维持原判', en: 'Uphold' },
  'verdict.grant': { zh: '改判给申诉人', en: 'Grant to the appellant' },
  'verdict.different-companies': { zh: '不是同一家公司', en: 'Different companies' },
  appealDecided: { zh: '已处理：{verdict}', en: 'Decided: {verdict}' },
  'policy.assignment': { zh: '客户分配', en: 'Assignment' },
  'policy.claim-eligibility': { zh: '客户登记', en: 'Claim eligibility' },
  'policy.credit-risk': { zh: '信用风险', en: 'Credit risk' },
  'status.draft': { zh: '草稿', en: 'draft' },
  'status.published': { zh: '已发布', en: 'published' },
  'status.retired': { zh: '已停用', en: 'retired' },
  draftJson: { zh: '草稿（JSON）', en: 'Draft (JSON)' },
  comment: { zh: '修改说明（必填）', en: 'Why (required)' },
  notJson: { zh: '不是有效的 JSON', en: 'Not JSON' },
  invalidDraft: { zh: '草稿有误，未保存', en: 'The draft has problems and was not saved' },
  testsResult: { zh: '测试：{passed} 通过，{failed} 失败', en: 'Tests: {passed} passed, {failed} failed' },
  saveDraft: { zh: '保存草稿', en: 'Save draft' },
  simulate: { zh: '用历史数据模拟', en: 'Simulate on history' },
  publish: { zh: '发布', en: 'Publish' },
  published: { zh: '已发布 {version}', en: 'Published {version}' },
  simulation: { zh: '模拟结果', en: 'Simulation' },
  simulationSummary: { zh: '{records} 条历史决策中有 {changed} 条结果改变', en: '{changed} of {records} past decisions change' },
  from: { zh: '原结果', en: 'From' },
  to: { zh: '新结果', en: 'To' },
  count: { zh: '数量', en: 'Count' },
  creditCodeCheck: { zh: '校验码不对：最后一位应为 {expected}', en: 'The check character is wrong: the last should be {expected}' },
  creditCodeAlphabet: { zh: '含有不允许的字符（不用 I、O、S、V、Z）', en: 'Has a character codes never use (no I, O, S, V, Z)' },
  creditCodeLength: { zh: '应为 18 位', en: 'Should be 18 characters' },
  creditCodeValid: { zh: '信用代码有效', en: 'Valid credit code' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** The shipped industries' names; a template's own `$title` label wins. */
export const INDUSTRY_NAMES: Record<'zh' | 'en', Record<string, string>> = {
  zh: { software: '软件与高科技', 'medical-devices': '医疗器械', 'enterprise-services': '企业服务', 'equipment-manufacturing': '装备制造', trade: '商贸流通' },
  en: { software: 'Software & high-tech', 'medical-devices': 'Medical devices', 'enterprise-services': 'Enterprise services', 'equipment-manufacturing': 'Equipment manufacturing', trade: 'Trade & distribution' },
};
export type Language = 'zh' | 'en';

/** The browser's language: Chinese when it prefers Chinese, English otherwise. */
export function browserLanguage(): Language {
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A message with `{name}` placeholders filled. */
export function format(language: Language, key: MessageKey, values: Record<string, string> = {}): string {
  return MESSAGES[key][language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}
