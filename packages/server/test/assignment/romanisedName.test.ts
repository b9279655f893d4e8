import { describe, expect, it } from 'vitest';
import { romanisedName } from '../../src/domain/assignment/romanisedName.js';

// The English names and pinyin keys the region picker searches and shows.
describe('a division’s name in Latin letters', () => {
  it('drops what English drops and names the rest of the level in English', () => {
    expect(romanisedName('广东省').en).toBe('Guangdong');
    expect(romanisedName('东莞市').en).toBe('Dongguan');
    expect(romanisedName('南山区').en).toBe('Nanshan District');
    expect(romanisedName('东城街道').en).toBe('Dongcheng Subdistrict');
    expect(romanisedName('石龙镇').en).toBe('Shilong Town');
    expect(romanisedName('阿拉善盟').en).toBe('Alashan League');
  });

  it('marks a syllable that starts with a vowel, as English spells Chang’an and Xi’an', () => {
    expect(romanisedName('长安镇').en).toBe("Chang'an Town");
    expect(romanisedName('西安市').en).toBe("Xi'an");
  });

  it('names autonomous areas by place, without the peoples', () => {
    expect(romanisedName('延边朝鲜族自治州').en).toBe('Yanbian Autonomous Prefecture');
    expect(romanisedName('恩施土家族苗族自治州').en).toBe('Enshi Autonomous Prefecture');
    expect(romanisedName('新疆维吾尔自治区').en).toBe('Xinjiang');
    expect(romanisedName('管城回族区').en).toBe('Guancheng District');
  });

  it('keeps the pinyin only where English spells the name otherwise', () => {
    expect(romanisedName('陕西省')).toEqual({ en: 'Shaanxi', pinyin: 'shanxisheng', initials: 'sxs' });
    expect(romanisedName('内蒙古自治区')).toMatchObject({ en: 'Inner Mongolia', pinyin: 'neimengguzizhiqu' });
    expect(romanisedName('东莞市')).toEqual({ en: 'Dongguan', initials: 'dgs' });
    expect(romanisedName('市辖区')).toMatchObject({ en: 'City districts', initials: 'sxq' });
  });
});
