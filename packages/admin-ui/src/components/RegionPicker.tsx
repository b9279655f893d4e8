import { Cascader, Input } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nContext.js';
import { regionCode, regionOptions } from './regionOptions.js';
import type { RegionOption } from './regionOptions.js';
import { matchesRegion, regionSearchRank } from './regionSearch.js';
import { divisionPath, useDivisions } from './useDivisions.js';

interface Props {
  id?: string;
  /** One code, or several when `multiple`. */
  value: string | string[] | undefined;
  onChange(value: string | string[] | undefined): void;
  /** Several regions at once (a rule's `inRegion`). */
  multiple?: boolean;
  /** A province or a city may be chosen, not only a district. */
  anyLevel?: boolean;
  disabled?: boolean;
  status?: 'error';
  onBlur?(): void;
  onFocus?(): void;
}

// Typing 南山, Nanshan or ns finds 广东省 / 深圳市 / 南山区: any level's name, English name, pinyin or code; exact names first.
const SEARCH = {
  filter: (input: string, path: RegionOption[]) => matchesRegion(input, path.map((option) => option.division)),
  sort: (a: RegionOption[], b: RegionOption[], input: string) =>
    regionSearchRank(input, a.map((option) => option.division)) - regionSearchRank(input, b.map((option) => option.division)),
  limit: 50,
};

// On a phone the popup stays on screen: three columns share its width and long names wrap; found paths take it whole.
const POPUP = { maxWidth: 'calc(100vw - 16px)', overflowX: 'auto' as const };
const COLUMN = { maxWidth: 'calc((100vw - 24px) / 3)' };
const ITEM = { whiteSpace: 'normal' as const, paddingInline: 8 };
const renderOption = (option: RegionOption) => <span style={{ whiteSpace: 'normal', overflowWrap: 'break-word' }}>{option.label}</span>;

/**
 * Picks a GB/T 2260 region from the bundled dataset: province, then city, then
 * district, or by typing a name in Chinese, English or pinyin; names show in the
 * page's language. A city without districts (东莞市) offers itself, then its
 * towns: a town is recorded as its city's code (441900), and the town stays
 * shown while the code is the picker's. While the dataset loads the picker says
 * so; if it cannot be loaded a plain code input stands in, so the form stays usable.
 */
export function RegionPicker({ id, value, onChange, multiple, anyLevel, disabled, status, onBlur, onFocus }: Props): ReactNode {
  const { t, language } = useI18n();
  const divisions = useDivisions();
  const wholeCity = t('wholeCity');
  const options = useMemo(() => (divisions ? regionOptions(divisions, language, wholeCity) : []), [divisions, language, wholeCity]);
  // The path last picked, so 东莞市 / 长安镇 stays on screen while the value is 441900.
  const [picked, setPicked] = useState<string[]>();
  const [searching, setSearching] = useState(false);
  // The found paths show from the best: the list does not keep where browsing the provinces had scrolled it.
  const popup = useRef<HTMLDivElement>(null);
  const showSearch = useMemo(
    () => ({
      ...SEARCH,
      onSearch: (text: string) => {
        setSearching(text.trim() !== '');
        requestAnimationFrame(() => popup.current?.querySelector('.ant-cascader-menu')?.scrollTo({ top: 0 }));
      },
    }),
    [],
  );
  if (divisions === undefined) return <Cascader id={id} loading disabled placeholder={t('loadingRegions')} style={{ width: '100%' }} />;
  if (divisions === null) {
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    return (
      <Input
        id={id}
        value={text}
        disabled={disabled}
        status={status}
        inputMode="numeric"
        placeholder={t('regionCodeFallback')}
        onChange={(event) => {
          const codes = event.target.value.split(/[,，\s]+/).filter(Boolean);
          onChange(multiple ? codes : (codes[0] ?? undefined));
        }}
        onBlur={onBlur}
        onFocus={onFocus}
      />
    );
  }
  const common = {
    id,
    options,
    showSearch,
    notFoundContent: t('regionNotFound'),
    changeOnSelect: anyLevel ?? false,
    disabled,
    status,
    placeholder: t('pickRegion'),
    style: { width: '100%' },
    styles: { popup: searching ? { root: POPUP, listItem: ITEM } : { root: POPUP, list: COLUMN, listItem: ITEM } },
    onOpenChange: (open: boolean) => open || setSearching(false),
    optionRender: renderOption,
    popupRender: (menus: ReactNode) => <div ref={popup}>{menus}</div>,
    onBlur,
    onFocus,
  };
  if (multiple) {
    const codes = Array.isArray(value) ? value : value ? [value] : [];
    return (
      <Cascader
        {...common}
        multiple
        showCheckedStrategy={Cascader.SHOW_PARENT}
        value={codes.map((code) => divisionPath(code, divisions))}
        onChange={(paths) => onChange([...new Set(paths.map((path) => regionCode(String(path[path.length - 1]))))])}
      />
    );
  }
  const code = Array.isArray(value) ? value[0] : value;
  const last = picked?.[picked.length - 1];
  const shown = code && last && regionCode(last) === code ? picked : code ? divisionPath(code, divisions) : undefined;
  return (
    <Cascader
      {...common}
      value={shown}
      onChange={(path) => {
        const codes = (path ?? []).map(String);
        setPicked(codes.length > 0 ? codes : undefined);
        onChange(codes.length > 0 ? regionCode(codes[codes.length - 1]!) : undefined);
      }}
    />
  );
}
