import type { ThemeConfig } from 'antd';
import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';

/**
 * The CSS variables a host sets to style the form, read where the form sits
 * (an iframe's root, or a React host's wrapper element), as an antd theme:
 * `--crm-primary`, `--crm-text`, `--crm-background`, `--crm-radius`, `--crm-font`, `--crm-font-size`.
 */
export const CSS_VARIABLES = ['--crm-primary', '--crm-text', '--crm-background', '--crm-radius', '--crm-font', '--crm-font-size'] as const;

export function useCssTheme(element: RefObject<HTMLElement | null>, version: unknown): ThemeConfig {
  const [theme, setTheme] = useState<ThemeConfig>({});
  useLayoutEffect(() => {
    if (!element.current) return;
    const style = getComputedStyle(element.current);
    const read = (name: string) => style.getPropertyValue(name).trim();
    const px = (value: string) => (value ? Number.parseFloat(value) : Number.NaN);
    const token: NonNullable<ThemeConfig['token']> = {};
    if (read('--crm-primary')) token.colorPrimary = read('--crm-primary');
    if (read('--crm-text')) token.colorText = read('--crm-text');
    if (read('--crm-background')) token.colorBgContainer = read('--crm-background');
    if (Number.isFinite(px(read('--crm-radius')))) token.borderRadius = px(read('--crm-radius'));
    if (read('--crm-font')) token.fontFamily = read('--crm-font');
    if (Number.isFinite(px(read('--crm-font-size')))) token.fontSize = px(read('--crm-font-size'));
    setTheme({ token });
  }, [element, version]);
  return theme;
}
