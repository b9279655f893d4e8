import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nContext.js';
import type { Language } from '../../i18n/messages.js';
import type { FieldRow } from './templateDraft.js';

/**
 * A choice's options: each a code (stored, read by rules) and its display name
 * in both languages (what reps see). An empty name is marked once the admin has tried to save.
 */
export function OptionsEditor({ row, onChange, showProblems }: { row: FieldRow; onChange: (change: Partial<FieldRow>) => void; showProblems: boolean }) {
  const { t } = useI18n();
  const setCode = (at: number, code: string) => {
    const previous = row.options[at]!;
    const rename = (names: Record<string, string>) => {
      const { [previous]: name, ...rest } = names;
      return name === undefined ? rest : { ...rest, [code]: name };
    };
    onChange({ options: row.options.map((option, index) => (index === at ? code : option)), optionNames: { zh: rename(row.optionNames.zh), en: rename(row.optionNames.en) } });
  };
  const setName = (code: string, language: Language, name: string) => onChange({ optionNames: { ...row.optionNames, [language]: { ...row.optionNames[language], [code]: name } } });
  const remove = (at: number) => onChange({ options: row.options.filter((_, index) => index !== at) });
  const codeBad = (code: string, at: number) => !code.trim() || row.options.indexOf(code) !== at;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.optionCodeHelp')}</Typography.Text>
      <Table<string>
        size="small"
        tableLayout="fixed"
        pagination={false}
        rowKey={(_, index) => String(index)}
        dataSource={row.options}
        columns={[
          { title: t('templates.optionCode'), width: '26%', render: (_, code, at) => <Input size="small" aria-label={`${t('templates.optionCode')} ${row.name} ${at + 1}`} value={code} status={showProblems && codeBad(code, at) ? 'error' : undefined} onChange={(event) => setCode(at, event.target.value.trim())} /> },
          ...(['zh', 'en'] as const).map((language) => ({
            title: t(language === 'zh' ? 'templates.optionZh' : 'templates.optionEn'),
            render: (_: unknown, code: string, at: number) => (
              <Input size="small" aria-label={`${t(language === 'zh' ? 'templates.optionZh' : 'templates.optionEn')} ${row.name} ${at + 1}`} value={row.optionNames[language][code] ?? ''} status={showProblems && !row.optionNames[language][code]?.trim() ? 'error' : undefined} onChange={(event) => setName(code, language, event.target.value)} />
            ),
          })),
          { title: '', width: 48, render: (_, code, at) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('templates.removeOption')} ${code}`} onClick={() => remove(at)} /> },
        ]}
      />
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ options: [...row.options, ''] })}>
        {t('templates.addOption')}
      </Button>
    </Space>
  );
}
