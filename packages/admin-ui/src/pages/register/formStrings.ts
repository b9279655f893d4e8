import type { TranslatableString } from '@rjsf/utils';
import { englishStringTranslator, replaceStringParameters } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';

/** rjsf's own words (buttons, a list's empty state) in Chinese; keyed by their English text, which is each `TranslatableString`'s value. */
const ZH: Record<string, string> = {
  Item: '项',
  'No items yet. Use the button below to add some.': '暂无内容，点击下方按钮添加',
  Yes: '是',
  No: '否',
  Close: '关闭',
  Errors: '错误',
  'New Value': '新值',
  Add: '添加',
  'Add Item': '添加一项',
  Copy: '复制',
  'Move down': '下移',
  'Move up': '上移',
  Remove: '删除',
  Now: '现在',
  Clear: '清除',
  'Select a date': '选择日期',
  Preview: '预览',
  'Decrease value by 1': '减 1',
  'Increase value by 1': '加 1',
  'Add data for optional field': '填写此可选项',
  'Remove data for optional field': '清空此可选项',
  'No data for optional field': '此可选项未填写',
  'clear input': '清空',
  'Option %1': '选项 %1',
};

/**
 * rjsf's `translateString` for the page's language: its buttons' titles and
 * labels (add, remove, move) in Chinese on a Chinese page; in English its own
 * words. A string without a Chinese entry keeps the English.
 */
export function formStrings(language: Language): (text: TranslatableString, params?: string[]) => string {
  if (language === 'en') return englishStringTranslator;
  return (text, params) => {
    const chinese = ZH[text];
    return chinese ? replaceStringParameters(chinese, params) : englishStringTranslator(text, params);
  };
}
