// Synthetic Chinese and English company names, and the variants reps type for them.
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { creditCodeCheckCharacter } from '@crm-policy/server';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

export const CITIES = [
  ['北京市', '北京', '', '010'], ['上海市', '上海', '', '021'], ['天津市', '天津', '', '022'], ['重庆市', '重庆', '', '023'],
  ['深圳市', '深圳', '广东省', '0755'], ['广州市', '广州', '广东省', '020'], ['东莞市', '东莞', '广东省', '0769'], ['佛山市', '佛山', '广东省', '0757'],
  ['杭州市', '杭州', '浙江省', '0571'], ['宁波市', '宁波', '浙江省', '0574'], ['南京市', '南京', '江苏省', '025'], ['苏州市', '苏州', '江苏省', '0512'],
  ['成都市', '成都', '四川省', '028'], ['武汉市', '武汉', '湖北省', '027'], ['西安市', '西安', '陕西省', '029'], ['长沙市', '长沙', '湖南省', '0731'],
  ['郑州市', '郑州', '河南省', '0371'], ['合肥市', '合肥', '安徽省', '0551'], ['青岛市', '青岛', '山东省', '0532'], ['厦门市', '厦门', '福建省', '0592'],
];
const BRAND_CHARS = [...new Set([...'腾飞华创星河远航智联恒泰云图博锐思启明海纳鼎新凯达瑞丰天成宏佳和正弘东方蓝信德源鑫盛安泽康汇通隆兴晟昊睿泓嘉禾金鹏宇辰光迅科美中浩卓越润峰铭诚立尚毅晨阳永祥' +
  '奥百宝贝彩灿昌畅超朝辰驰崇楚纯聪翠丹道登迪典鼎冬端帆梵方芳菲丰枫富港高歌耕冠广贵国涵航豪禾红鸿厚虎花桦欢环辉惠慧吉济佳坚建江杰捷洁金锦晋京精景敬久聚君俊开凯康科可坤朗乐雷蕾黎力丽利联良亮林霖灵凌岭龙鲁路禄伦罗麦茂梅萌敏名明铭木南能宁诺欧派鹏平朴七奇琪启千乾强乔勤青清晴秋权泉群然仁荣融瑞润若森山善尚绍深升胜诗石世仕书舒顺硕思松嵩素拓唐滔腾天添廷彤拓万威薇维伟文沃希熙喜霞夏贤翔小晓新欣馨兴星雄秀旭轩雅亚炎彦燕扬阳耀业一伊依怡亿艺益逸银英盈颖永优友宇雨玉育誉元园远悦岳越云允韵泽展章兆哲臻振正之志致智中众洲竹卓子紫宗'])];
const INDUSTRIES = ['科技', '信息技术', '网络科技', '软件', '贸易', '医疗器械', '机械制造', '电子', '数据服务', '实业'];
const LEGAL = ['有限公司', '有限责任公司', '股份有限公司'];
const HOMOPHONES = { 飞: '非', 华: '化', 达: '大', 德: '得', 源: '元', 鑫: '欣', 瑞: '锐', 恒: '衡', 泰: '太', 盛: '胜', 星: '兴', 宇: '雨', 辰: '晨', 安: '按', 新: '欣', 博: '搏', 科: '可', 通: '同' };
const ENGLISH_INDUSTRY = { 科技: 'Technology', 信息技术: 'Information Technology', 网络科技: 'Network Technology', 软件: 'Software', 贸易: 'Trading', 医疗器械: 'Medical Devices', 机械制造: 'Machinery', 电子: 'Electronics', 数据服务: 'Data Services', 实业: 'Industrial' };

/** A deterministic random source. */
export function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 2 ** 32;
  };
}
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

export function creditCode(rand) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let first = '91';
  for (let i = 0; i < 6; i += 1) first += String(Math.floor(rand() * 10));
  for (let i = 0; i < 9; i += 1) first += alphabet[Math.floor(rand() * alphabet.length)];
  return first + creditCodeCheckCharacter(first);
}

/** A company: brand, city, industry, legal form, phone, credit code. */
export function company(rand, index = Math.floor(rand() * 1e9)) {
  const length = rand() < 0.7 ? 2 : 3;
  let brand = '';
  for (let i = 0; i < length; i += 1) brand += BRAND_CHARS[(index * (7 + i * 13) + Math.floor(rand() * BRAND_CHARS.length)) % BRAND_CHARS.length];
  const [city, cityShort, province, areaCode] = pick(rand, CITIES);
  return {
    brand, city, cityShort, province, areaCode,
    industry: pick(rand, INDUSTRIES),
    legal: pick(rand, LEGAL),
    phone: `${areaCode}-${String(Math.floor(2e7 + rand() * 7e7))}`,
    creditCode: creditCode(rand),
  };
}

export const nameOf = (c) => `${c.city}${c.brand}${c.industry}${c.legal}`;

export function englishName(c) {
  const spoken = pinyin(c.brand, { toneType: 'none', type: 'array' }).map((s) => s[0].toUpperCase() + s.slice(1)).join('');
  return `${spoken} ${ENGLISH_INDUSTRY[c.industry]} Co., Ltd.`;
}

/** Ways a rep types the same company. Each returns [kind, form]. */
export const DUPLICATE_VARIANTS = [
  ['region in brackets', (c) => ({ companyName: `${c.brand}${c.industry}（${c.cityShort}）${c.legal}` })],
  ['city without 市', (c) => ({ companyName: `${c.cityShort}${c.brand}${c.industry}${c.legal}` })],
  ['traditional characters', (c) => ({ companyName: toTraditional(nameOf(c)) })],
  ['full width and spaces', (c) => ({ companyName: `${c.city} ${c.brand} ${c.industry}（${c.legal}）`.normalize('NFKC').replace(/[a-z]/g, (x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0)) })],
  ['legal form differs', (c) => ({ companyName: `${c.city}${c.brand}${c.industry}${LEGAL[(LEGAL.indexOf(c.legal) + 1) % LEGAL.length]}` })],
  ['province and city', (c) => ({ companyName: `${c.province}${c.city}${c.brand}${c.industry}${c.legal}` })],
  ['homophone typo', (c) => {
    const chars = [...c.brand];
    const i = chars.findIndex((ch) => HOMOPHONES[ch]);
    if (i < 0) return undefined;
    chars[i] = HOMOPHONES[chars[i]];
    return { companyName: `${c.city}${chars.join('')}${c.industry}${c.legal}` };
  }],
  ['same credit code, short name', (c) => ({ companyName: `${c.brand}${c.industry}`, creditCode: c.creditCode })],
  ['same phone, another format', (c) => ({ companyName: `${c.cityShort}${c.brand}${c.industry}`, phone: `+86 ${c.areaCode.slice(1)} ${c.phone.split('-')[1]}` })],
  ['English name variants', (c) => ({ companyName: englishName(c).toUpperCase().replace(/[.,]/g, '').replace('CO LTD', 'COMPANY LIMITED') })],
];

/** Different companies that look alike. Each returns [kind, companyB form]. */
export const DISTINCT_VARIANTS = [
  ['same brand, another city', (c, rand) => {
    let other = pick(rand, CITIES);
    while (other[0] === c.city) other = pick(rand, CITIES);
    return { companyName: `${other[0]}${c.brand}${c.industry}${c.legal}` };
  }],
  ['sister company, another industry', (c) => ({ companyName: `${c.city}${c.brand}${INDUSTRIES[(INDUSTRIES.indexOf(c.industry) + 3) % INDUSTRIES.length]}${c.legal}` })],
  ['one character apart', (c, rand) => {
    const chars = [...c.brand];
    const i = Math.floor(rand() * chars.length);
    let replacement = pick(rand, BRAND_CHARS);
    while (replacement === chars[i] || HOMOPHONES[chars[i]] === replacement || pinyin(replacement, { toneType: 'none' }) === pinyin(chars[i], { toneType: 'none' })) replacement = pick(rand, BRAND_CHARS);
    chars[i] = replacement;
    return { companyName: `${c.city}${chars.join('')}${c.industry}${c.legal}` };
  }],
  ['longer brand', (c, rand) => ({ companyName: `${c.city}${c.brand}${pick(rand, BRAND_CHARS)}${pick(rand, BRAND_CHARS)}${c.industry}${c.legal}` })],
  ['another brand, same city and industry', (c, rand) => ({ companyName: `${c.city}${pick(rand, BRAND_CHARS)}${pick(rand, BRAND_CHARS)}${c.industry}${c.legal}` })],
  ['different credit codes, similar names', (c, rand) => ({ companyName: `${c.cityShort}${c.brand}${c.industry}`, creditCode: creditCode(rand) })],
];

export const formOf = (c) => ({ companyName: nameOf(c), phone: c.phone, creditCode: c.creditCode });
