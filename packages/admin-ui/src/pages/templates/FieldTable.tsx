import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Popconfirm, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';
import { OptionsEditor } from './OptionsEditor.js';
import type { RowKey, RowProblem } from './rowProblems.js';
import type { FieldRow } from './templateDraft.js';
import { FIELD_KINDS, moveRow, nameFromLabel } from './templateDraft.js';

/** A new, empty field: no placeholder name, no labels; the name follows the English label until typed. */
export function newRow(): FieldRow {
  return { name: '', kind: 'text', required: false, labels: { zh: '', en: '' }, options: [], optionNames: { zh: {}, en: {} }, locked: false, fresh: true };
}

interface Props {
  rows: FieldRow[];
  onChange: (rows: FieldRow[]) => void;
  problems: Map<RowKey, RowProblem[]>;
  /** Problems are shown once the admin has tried to save. */
  showProblems: boolean;
  /** Field paths the stored template has: renaming them would orphan every record's value. */
  storedPaths: ReadonlySet<string>;
  /** The key and the field path of the group these rows belong to (`12.`, `purchasePlan.`); empty at the top. */
  keyPrefix?: string;
  pathPrefix?: string;
}

/** Problems shown under an input, in the page's language. */
function Problems({ list }: { list: RowProblem[] }) {
  const { t } = useI18n();
  return list.map((problem) => (
    <Typography.Text key={problem} type="danger" role="alert" style={{ display: 'block', fontSize: 12 }}>
      {t(`problem.${problem}` as MessageKey)}
    </Typography.Text>
  ));
}

/**
 * The fields of a template (or of one group) as rows: name, both labels, kind,
 * required, order. A choice's options and a group's fields open under their row.
 */
export function FieldTable({ rows, onChange, problems, showProblems, storedPaths, keyPrefix = '', pathPrefix = '' }: Props) {
  const { t, language } = useI18n();
  const [expanded, setExpanded] = useState<string[]>([]);
  const update = (index: number, change: Partial<FieldRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const shown = (index: number, only: RowProblem[]) => (showProblems ? (problems.get(`${keyPrefix}${index}`) ?? []).filter((problem) => only.includes(problem)) : []);
  const expandable = (row: FieldRow) => row.kind === 'choice' || row.kind === 'list' || row.kind === 'object';
  // A row whose options or fields have problems opens by itself once the admin tries to save.
  const open = [...new Set([...expanded, ...rows.map((row, index) => (showProblems && expandable(row) && [...problems.keys()].some((key) => key === `${keyPrefix}${index}` || key.startsWith(`${keyPrefix}${index}.`)) ? String(index) : '')).filter(Boolean)])];

  return (
    <Table<FieldRow>
      size="small"
      tableLayout="fixed"
      rowKey={(_, index) => String(index)}
      pagination={false}
      dataSource={rows}
      expandable={{
        // A group's `children` are its fields, edited in the row's own table, not antd's tree rows.
        childrenColumnName: 'treeRows',
        expandedRowKeys: open,
        onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
        rowExpandable: expandable,
        expandedRowRender: (row, index) =>
          row.kind === 'object' ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <FieldTable rows={row.children ?? []} onChange={(children) => update(index, { children })} problems={problems} showProblems={showProblems} storedPaths={storedPaths} keyPrefix={`${keyPrefix}${index}.`} pathPrefix={`${pathPrefix}${row.name}.`} />
              <Button size="small" icon={<PlusOutlined />} onClick={() => update(index, { children: [...(row.children ?? []), newRow()] })}>
                {t('templates.addGroupField')}
              </Button>
            </Space>
          ) : (
            <OptionsEditor row={row} onChange={(change) => update(index, change)} showProblems={showProblems} />
          ),
      }}
      columns={[
        {
          title: t('fieldName'),
          width: '19%',
          render: (_, row, index) => {
            const list = shown(index, ['name', 'duplicate']);
            return (
              <>
                <Input aria-label={`${t('fieldName')} ${keyPrefix}${index + 1}`} placeholder={t('templates.fieldNameHint')} value={row.name} disabled={row.locked || storedPaths.has(`${pathPrefix}${row.name}`) && !row.fresh} status={list.length > 0 ? 'error' : undefined} onChange={(event) => update(index, { name: event.target.value.trim(), fresh: false })} />
                <Problems list={list} />
              </>
            );
          },
        },
        ...(['zh', 'en'] as const).map((language) => ({
          title: t(language === 'zh' ? 'labelZh' : 'labelEn'),
          render: (_: unknown, row: FieldRow, index: number) => {
            const list = shown(index, [language === 'zh' ? 'labelZh' : 'labelEn']);
            const label = t(language === 'zh' ? 'labelZh' : 'labelEn');
            return (
              <>
                <Input
                  aria-label={`${label} ${row.name || `${keyPrefix}${index + 1}`}`}
                  value={row.labels[language]}
                  status={list.length > 0 ? 'error' : undefined}
                  onChange={(event) => update(index, { labels: { ...row.labels, [language]: event.target.value }, ...(language === 'en' && row.fresh ? { name: nameFromLabel(event.target.value) } : {}) })}
                />
                <Problems list={list} />
              </>
            );
          },
        })),
        {
          title: t('fieldKind'),
          width: '17%',
          render: (_, row, index) => (
            <>
              <Select
                aria-label={`${t('fieldKind')} ${row.name || `${keyPrefix}${index + 1}`}`}
                value={row.kind}
                disabled={row.locked}
                style={{ width: '100%' }}
                options={FIELD_KINDS.filter((kind) => kind !== 'object' || !keyPrefix).map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
                onChange={(kind: FieldRow['kind']) => {
                  update(index, { kind, ...(kind === 'object' && !row.children ? { children: [] } : {}) });
                  // A choice's options and a group's fields are edited under the row: open it.
                  if (kind === 'choice' || kind === 'list' || kind === 'object') setExpanded([...expanded, String(index)]);
                }}
              />
              {(row.kind === 'choice' || row.kind === 'list') && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.optionsCount', { count: String(row.options.length) })}</Typography.Text>}
              {row.kind === 'object' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.groupFields', { count: String(row.children?.length ?? 0) })}</Typography.Text>}
              <Problems list={shown(index, ['options', 'optionCode', 'optionZh', 'optionEn', 'groupEmpty'])} />
            </>
          ),
        },
        {
          title: t('required'),
          width: 84,
          render: (_, row, index) => (
            <Tooltip title={row.locked ? t('lockedField') : undefined}>
              <Checkbox aria-label={`${t('required')} ${row.name || `${keyPrefix}${index + 1}`}`} checked={row.required} disabled={row.locked} onChange={(event) => update(index, { required: event.target.checked })} />
            </Tooltip>
          ),
        },
        {
          title: '',
          width: 100,
          render: (_, row, index) => (
            <Space size={0}>
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${t('moveUp')} ${row.name}`} disabled={index === 0} onClick={() => onChange(moveRow(rows, index, -1))} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${t('moveDown')} ${row.name}`} disabled={index === rows.length - 1} onClick={() => onChange(moveRow(rows, index, 1))} />
              {storedPaths.has(`${pathPrefix}${row.name}`) && !row.fresh ? (
                // A field the saved template has: the records hold its values, so removing it asks first.
                <Popconfirm title={t('templates.removeStoredField', { label: row.labels[language] || row.name })} okText={t('removeField')} okButtonProps={{ danger: true }} cancelText={t('templates.keepEditing')} onConfirm={() => onChange(rows.filter((_, at) => at !== index))} disabled={row.locked}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('removeField')} ${row.name}`} disabled={row.locked} />
                </Popconfirm>
              ) : (
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('removeField')} ${row.name}`} disabled={row.locked} onClick={() => onChange(rows.filter((_, at) => at !== index))} />
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
