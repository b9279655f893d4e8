import { TranslatableString } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { formStrings } from '../src/pages/register/formStrings.js';

// rjsf's own words (button titles, a list's empty state) follow the page's language.
describe('the form’s own words', () => {
  it('are Chinese on a Chinese page, parameters filled in', () => {
    const zh = formStrings('zh');
    expect(zh(TranslatableString.AddItemButton)).toBe('添加一项');
    expect(zh(TranslatableString.RemoveButton)).toBe('删除');
    expect(zh(TranslatableString.OptionPrefix, ['2'])).toBe('选项 2');
  });

  it('are rjsf’s English on an English page', () => {
    expect(formStrings('en')(TranslatableString.AddItemButton)).toBe('Add Item');
  });
});
