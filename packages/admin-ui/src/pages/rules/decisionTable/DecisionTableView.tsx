import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { memo, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { RuleFile } from '@crm-policy/engine';
import { choiceLabel, comparableFields, outcomeSchemas, outcomeTitle, paramLabel, paramUnit } from '@crm-policy/engine/editing';
import { comparisonExpectation, conditionInWords, fieldName, paramInWords } from '@crm-policy/engine/words';
import { regionName } from '../../../components/regionName.js';
import { useDivisions } from '../../../components/useDivisions.js';
import { useI18n } from '../../../i18n/I18nContext.js';
import { blankRule, fieldOf } from '../ruleForm.js';
import { ConditionCell } from './ConditionCell.js';
import type { InputColumn, TableRow } from './decisionTable.js';
import { columnKey, tableOf } from './decisionTable.js';
import { ParamCell } from './ParamCell.js';
import { addRow, copyRow, deleteRow, moveRow, replaceRule, setCell, setParam } from './tableEdits.js';

interface Props {
  file: RuleFile;
  /** Rules the server found problems in, by index. */
  troubled: ReadonlySet<number>;
  onChange(file: RuleFile): void;
  /** Opens a rule in the full editor (nested conditions, values read from facts). */
  onEditRule(index: number): void;
}

type Schema = Record<string, unknown>;

/**
 * The policy as a decision table (as DMN and GoRules' JDM draw one): a row per
 * rule in the order the rules run, a column per fact the rules compare with the
 * condition in words, then the outcome and its params. Cells are edited in
 * place; rows are added, copied, deleted (after a confirmation) and moved, the
 * priority following the order. It edits the same file as the form and the JSON.
 */
export const DecisionTableView = memo(function DecisionTableView({ file, troubled, onChange, onEditRule }: Props): ReactNode {
  const { t, language } = useI18n();
  const divisions = useDivisions();
  const fields = useMemo(() => comparableFields(file, language), [file, language]);
  // Columns the admin added for facts no rule compares yet: kept while they stay empty, for as long as the view is open.
  const [added, setAdded] = useState<readonly InputColumn[]>([]);
  const table = useMemo(() => tableOf(file, added.filter((column) => fields.some((field) => columnKey(field) === column.key))), [file, added, fields]);
  const unused = fields.filter((field) => !table.inputs.some((column) => column.key === columnKey(field)));
  const outcomes = outcomeSchemas(file.policy);
  const paramSchema = (type: string, name: string) => ((outcomes[type]?.['properties'] ?? {}) as Record<string, Schema>)[name];
  const typeOfParam = (name: string) => Object.keys(outcomes).find((type) => paramSchema(type, name)) ?? '';
  const count = table.rows.length;

  const cellWords = (row: TableRow, key: string) =>
    (row.cells?.[key] ?? [])
      .map((comparison) => {
        if (comparison.operator === 'inRegion' && divisions) {
          const codes = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
          const names = codes.map((code) => regionName(divisions, String(code), language) ?? String(code));
          return `${comparisonExpectation({ ...comparison, value: [] }, language, file).trim()} ${names.join(language === 'zh' ? '、' : ', ')}`;
        }
        return comparisonExpectation(comparison, language, file);
      })
      .join(language === 'zh' ? ' 且 ' : ' and ');

  const inputColumns: TableColumnsType<TableRow> = table.inputs.map((column, at) => {
    const title = fieldName(file, column.fact, column.path, language);
    return {
      key: column.key,
      title,
      onCell: (row) => (row.cells ? {} : { colSpan: at === 0 ? table.inputs.length : 0 }),
      render: (_: unknown, row: TableRow) => {
        if (!row.cells) {
          return (
            <Space>
              <Typography.Text>{conditionInWords(row.rule.conditions, language, file)}</Typography.Text>
              <Button size="small" icon={<EditOutlined />} aria-label={`${t('table.editConditions')} ${row.rule.name}`} onClick={() => onEditRule(row.index)}>
                {t('table.editConditions')}
              </Button>
            </Space>
          );
        }
        return (
          <ConditionCell
            comparisons={row.cells[column.key] ?? []}
            field={fieldOf(column, fields)}
            column={column}
            fields={fields}
            words={cellWords(row, column.key)}
            label={`${row.rule.name} · ${title}`}
            onChange={(comparisons) => onChange(setCell(file, row.index, column.key, comparisons))}
            onOpenRule={() => onEditRule(row.index)}
          />
        );
      },
    };
  });

  const outcomeColumns: TableColumnsType<TableRow> = [
    {
      key: 'outcome',
      title: t('outcomeType'),
      className: 'outcome-start',
      render: (_: unknown, row: TableRow) => (
        <Select
          aria-label={`${t('outcomeType')} ${row.rule.name}`}
          variant="borderless"
          popupMatchSelectWidth={false}
          value={row.rule.event.type}
          options={Object.keys(outcomes).map((type) => ({ value: type, label: outcomeTitle(file.policy, type, language) }))}
          onChange={(type: string) => {
            const params = Object.fromEntries(Object.entries(row.rule.event.params ?? {}).filter(([name]) => paramSchema(type, name)));
            onChange(replaceRule(file, row.index, { ...row.rule, event: { type, params } }));
          }}
        />
      ),
    },
    ...table.outcomeParams.map((name) => ({
      key: `param:${name}`,
      title: paramLabel(file.policy, typeOfParam(name), name, language),
      render: (_: unknown, row: TableRow) => {
        const type = row.rule.event.type;
        const value = row.rule.event.params?.[name];
        return (
          <ParamCell
            key={`${row.index}:${JSON.stringify(value ?? null)}`}
            schema={paramSchema(type, name)}
            value={value}
            words={value === undefined ? '' : paramInWords(file.policy, type, name, value, language, file)}
            unit={paramUnit(file.policy, type, name, language)}
            label={`${row.rule.name} · ${paramLabel(file.policy, type, name, language)}`}
            choiceName={(choice) => choiceLabel(file.policy, type, name, choice, language)}
            onChange={(next) => onChange(setParam(file, row.index, name, next))}
            onOpenRule={() => onEditRule(row.index)}
          />
        );
      },
    })),
  ];

  const columns: TableColumnsType<TableRow> = [
    {
      key: 'order',
      title: t('table.order'),
      fixed: 'left',
      width: 96,
      render: (_: unknown, row: TableRow, position: number) => (
        <Space size={2}>
          <Typography.Text type="secondary" style={{ minWidth: 20, display: 'inline-block' }}>
            {position + 1}
          </Typography.Text>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={position === 0} aria-label={`${t('table.moveUp')} ${row.rule.name}`} onClick={() => onChange(moveRow(file, position, position - 1))} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={position === count - 1} aria-label={`${t('table.moveDown')} ${row.rule.name}`} onClick={() => onChange(moveRow(file, position, position + 1))} />
        </Space>
      ),
    },
    {
      key: 'name',
      title: t('table.rule'),
      fixed: 'left',
      render: (_: unknown, row: TableRow) => (
        <Space orientation="vertical" size={0}>
          <Tooltip title={row.rule.description}>
            <Typography.Text strong>{row.rule.name}</Typography.Text>
          </Tooltip>
          {troubled.has(row.index) && <Tag color="red">{t('ruleHasProblems')}</Tag>}
        </Space>
      ),
    },
    ...(inputColumns.length > 0 ? inputColumns : [{ key: 'conditions', title: t('conditions'), render: (_: unknown, row: TableRow) => conditionInWords(row.rule.conditions, language, file) }]),
    ...outcomeColumns,
    {
      key: 'actions',
      title: t('table.actions'),
      fixed: 'right',
      render: (_: unknown, row: TableRow) => (
        <Space size={0}>
          <Tooltip title={t('editRule')}>
            <Button size="small" type="text" icon={<EditOutlined />} aria-label={`${t('editRule')} ${row.rule.name}`} onClick={() => onEditRule(row.index)} />
          </Tooltip>
          <Tooltip title={t('table.copy')}>
            <Button size="small" type="text" icon={<CopyOutlined />} aria-label={`${t('table.copy')} ${row.rule.name}`} onClick={() => onChange(copyRow(file, row.index))} />
          </Tooltip>
          <Popconfirm title={t('table.confirmDelete', { name: row.rule.name })} okText={t('deleteRule')} cancelText={t('cancel')} okButtonProps={{ danger: true }} disabled={count === 1} onConfirm={() => onChange(deleteRow(file, row.index))}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={count === 1} aria-label={`${t('deleteRule')} ${row.rule.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t(file.hitPolicy === 'first' ? 'table.hintFirst' : 'table.hintCollect')}</Typography.Text>
      <Table<TableRow> data-testid="decision-table" size="small" bordered rowKey={(row) => `${row.index}:${row.rule.name}`} columns={columns} dataSource={table.rows} pagination={false} scroll={{ x: 'max-content' }} sticky />
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => onChange(addRow(file, blankRule(file)))}>
          {t('addRule')}
        </Button>
        {unused.length > 0 && (
          <Tooltip title={t('table.addColumnHelp')}>
            <Select<string>
              aria-label={t('table.addColumn')}
              placeholder={
                <>
                  <PlusOutlined /> {t('table.addColumn')}
                </>
              }
              value={null}
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              style={{ minWidth: 200 }}
              options={unused.map((field) => ({ value: columnKey(field), label: field.title }))}
              onChange={(key) => {
                const field = unused.find((candidate) => columnKey(candidate) === key);
                if (field) setAdded([...added, { key, fact: field.fact, ...(field.path ? { path: field.path } : {}) }]);
              }}
            />
          </Tooltip>
        )}
      </Space>
    </Space>
  );
});
