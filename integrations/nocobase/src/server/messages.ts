/** The two languages the plugin answers in: NocoBase's locale (`zh-CN`, `en-US`) mapped to crm-policy's. */
export type Language = 'zh' | 'en';

/** The language of a NocoBase locale: Chinese for any `zh…`, English otherwise. */
export function languageOfLocale(locale: string | undefined): Language {
  return (locale ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The header value crm-policy reads the language from. */
export function acceptLanguage(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

type Message = (values: Record<string, string>) => string;

/** Every sentence the plugin shows a person, in both languages. */
export const MESSAGES: Record<string, Record<Language, Message>> = {
  unmapped: {
    zh: ({ field }) => `你的 NocoBase 账号没有对应的 crm-policy 业务员（用户字段“${field}”为空），不能登记客户`,
    en: ({ field }) => `Your NocoBase account is not mapped to a crm-policy rep (the user field "${field}" is empty), so it cannot register customers`,
  },
  notARep: {
    zh: ({ rep }) => `crm-policy 中没有在职的业务员“${rep}”，不能登记客户`,
    en: ({ rep }) => `There is no active crm-policy rep "${rep}", so the customer cannot be registered`,
  },
  duplicate: {
    zh: ({ name, team, until }) => `该客户已由 ${name}（${team}）报备，保护至 ${until}`,
    en: ({ name, team, until }) => `${name} (${team}) already holds this customer, protected until ${until}`,
  },
  duplicateMine: {
    zh: ({ until }) => `该客户已在你名下，保护至 ${until}`,
    en: ({ until }) => `You already hold this customer, protected until ${until}`,
  },
  notEligible: {
    zh: ({ reasons }) => `不能报备该客户：${reasons}`,
    en: ({ reasons }) => `This customer cannot be registered: ${reasons}`,
  },
  invalid: {
    zh: ({ problems }) => `登记内容有误：${problems}`,
    en: ({ problems }) => `The registration has invalid fields: ${problems}`,
  },
  unreachable: {
    zh: ({ url, cause }) => `无法连接 crm-policy 服务（${url}）：${cause}；记录未保存`,
    en: ({ url, cause }) => `The crm-policy server (${url}) could not be reached: ${cause}; nothing was saved`,
  },
  refused: {
    zh: ({ status, message }) => `crm-policy 拒绝了请求（${status}）：${message}`,
    en: ({ status, message }) => `crm-policy refused the request (${status}): ${message}`,
  },
  notConfigured: {
    zh: ({ what }) => `crm-policy 插件尚未配置：${what}`,
    en: ({ what }) => `The crm-policy plugin is not configured: ${what}`,
  },
};

/** A message of the catalogue in a language. */
export function say(key: keyof typeof MESSAGES, language: Language, values: Record<string, string> = {}): string {
  const message = MESSAGES[key];
  if (!message) throw new Error(`No message ${String(key)}`);
  return message[language](values);
}
