/** Districts of each demo team's city, where its customers are. */
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
const INDUSTRIES = Object.keys(SUFFIXES);

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

/**
 * The `i`-th demo customer of the `r`-th rep of a team in `region` (a city
 * code): an industry and its registration form, in one of the city's
 * districts; `serial` (customers registered so far) keeps phone numbers apart.
 */
export function demoCustomer(teamName: string, region: string, r: number, i: number, serial: number): { industry: string; customer: Record<string, unknown> } {
  const industry = INDUSTRIES[(i + r) % INDUSTRIES.length]!;
  const brand = `${BRANDS[(i * 7 + r * 3) % BRANDS.length]}${String.fromCharCode(0x4e00 + ((i * 31 + r * 17 + teamName.length * 101) % 2000))}`;
  const districts = DISTRICTS[region]!;
  return {
    industry,
    customer: {
      companyName: `${CITY_NAMES[region]}${brand}${SUFFIXES[industry]}`,
      region: districts[i % districts.length],
      contactName: ['张总', '李经理', '王主任', '刘工'][i % 4],
      phone: `0${region.slice(0, 2)}${String(10_000_000 + serial * 7919).slice(0, 8)}`,
      grade: ['B', 'C', 'C', 'D'][i % 4],
      purchasePlan: { product: 'CRM', timeframe: '2027-Q2' },
      intent: '评估中',
      ...industryFields(industry, i),
    },
  };
}
