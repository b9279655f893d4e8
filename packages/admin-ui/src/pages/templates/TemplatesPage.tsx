import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Input, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import Form from '@rjsf/antd';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { CreditCodeWidget } from '../../components/CreditCodeWidget.js';
import { RegionWidget } from '../../components/RegionWidget.js';
import { ProblemList } from '../../components/ProblemList.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';
import { INDUSTRY_NAMES } from '../../i18n/messages.js';
import { localizedSchema, localizedUiSchema } from '../register/templateForm.js';
import { templateValidator } from '../register/templateValidator.js';
import { ChoiceWidget } from '../../components/ChoiceWidget.js';
import { FormFieldTemplate } from '../../components/FormFieldTemplate.js';
import type { FieldRow, TemplateDraft } from './templateDraft.js';
import { FIELD_KINDS, fieldRows, LOCKED_FIELDS, moveRow, rowProblems, withRows } from './templateDraft.js';

// The preview shows the form as reps will see it: the same widgets and field template.
const WIDGETS = { region: RegionWidget, creditCode: CreditCodeWidget, SelectWidget: ChoiceWidget };
const FIELD_TEMPLATES = { FieldTemplate: FormFieldTemplate };

interface Stored extends TemplateDraft {
  industry: string;
  version: number;
}

/** A template for an industry nobody has set up: the fields every template must have. */
function starter(): TemplateDraft {
  const base: TemplateDraft = { title: { zh: '', en: '' }, schema: { type: 'object', properties: {}, required: [] }, uiSchema: {}, labels: { zh: {}, en: {} } };
  const labels: Record<string, [string, string, FieldRow['kind']]> = { companyName: ['公司名称', 'Company name', 'text'], region: ['所在地区', 'Region', 'region'], contactName: ['关键联系人', 'Key person', 'text'], phone: ['联系电话', 'Phone', 'phone'], grade: ['客户等级', 'Grade', 'choice'] };
  return withRows(
    base,
    LOCKED_FIELDS.map((name) => ({ name, kind: labels[name]![2], required: true, labels: { zh: labels[name]![0], en: labels[name]![1] }, options: name === 'grade' ? ['A', 'B', 'C', 'D'] : [], locked: true })),
  );
}

/** Admins shape each industry's registration form: fields, types, required, options, labels in both languages, with the form previewed as reps will see it. */
export function TemplatesPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const [templates, setTemplates] = useState<Stored[]>([]);
  const [industry, setIndustry] = useState<string>();
  const [newIndustry, setNewIndustry] = useState('');
  const [draft, setDraft] = useState<TemplateDraft>();
  const [saved, setSaved] = useState<number>();
  const [problems, setProblems] = useState<Array<{ path: string; message: string }>>([]);

  useEffect(() => {
    api.call<{ templates: Stored[] }>('GET', '/api/templates').then((answer) => setTemplates(answer.templates), (error: Error) => setProblems([{ path: '', message: error.message }]));
  }, [api]);
  const open = (id: string) => {
    const stored = templates.find((candidate) => candidate.industry === id);
    setIndustry(id);
    setDraft(stored ? { title: stored.title, schema: stored.schema, uiSchema: stored.uiSchema ?? {}, labels: stored.labels, ...(stored.choices ? { choices: stored.choices } : {}), ...(stored.help ? { help: stored.help } : {}), ...(stored.placeholders ? { placeholders: stored.placeholders } : {}) } : starter());
    setSaved(undefined);
    setProblems([]);
  };
  const rows = useMemo(() => (draft ? fieldRows(draft) : []), [draft]);
  const rowIssues = useMemo(() => rowProblems(rows), [rows]);
  const setRows = (next: FieldRow[]) => {
    if (!draft) return;
    setDraft(withRows(draft, next));
    setSaved(undefined);
  };
  const update = (index: number, change: Partial<FieldRow>) => setRows(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const stored = templates.find((candidate) => candidate.industry === industry);
  const preview = useMemo(() => (draft && industry ? { industry, title: draft.title, version: stored?.version ?? 0, schema: draft.schema, uiSchema: draft.uiSchema, labels: draft.labels, ...(draft.choices ? { choices: draft.choices } : {}), ...(draft.help ? { help: draft.help } : {}), ...(draft.placeholders ? { placeholders: draft.placeholders } : {}) } : undefined), [draft, industry, language, stored]);

  const save = async () => {
    if (!draft || !industry) return;
    setProblems([]);
    try {
      const answer = await api.call<Stored>('PUT', `/api/templates/${industry}`, draft);
      setSaved(answer.version);
      setTemplates([...templates.filter((candidate) => candidate.industry !== industry), answer]);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblems(error.details.length > 0 ? error.details : [{ path: '', message: error.message }]);
    }
  };
  const industryName = (id: string) => INDUSTRY_NAMES[language][id] ?? templates.find((candidate) => candidate.industry === id)?.title[language] ?? id;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select aria-label={t('industry')} placeholder={t('chooseIndustry')} style={{ minWidth: 220 }} value={industry} onChange={open} options={templates.map((candidate) => ({ value: candidate.industry, label: industryName(candidate.industry) }))} />
        <Input aria-label={t('newIndustry')} placeholder={t('newIndustry')} value={newIndustry} onChange={(event) => setNewIndustry(event.target.value.trim())} style={{ width: 260 }} />
        <Button disabled={!/^[a-z][a-z0-9-]{1,63}$/.test(newIndustry) || templates.some((candidate) => candidate.industry === newIndustry)} onClick={() => open(newIndustry)}>
          {t('createIndustry', { industry: newIndustry })}
        </Button>
      </Space>
      {draft && industry && (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card title={`${industryName(industry)}${stored ? ` · ${t('templateVersion', { version: String(stored.version) })}` : ''}`}>
              <Space wrap style={{ marginBottom: 8 }}>
                {(['zh', 'en'] as const).map((lang) => (
                  <Input key={lang} aria-label={t('industryTitle', { language: lang })} addonBefore={t('industryTitle', { language: lang })} value={draft.title[lang]} onChange={(event) => setDraft({ ...draft, title: { ...draft.title, [lang]: event.target.value } })} />
                ))}
              </Space>
              <Table<FieldRow>
                size="small"
                rowKey={(_, index) => String(index)}
                pagination={false}
                scroll={{ x: true }}
                dataSource={rows}
                columns={[
                  {
                    title: t('fieldName'),
                    render: (_, row, index) => (
                      <Space orientation="vertical" size={0}>
                        <Input aria-label={`${t('fieldName')} ${index + 1}`} value={row.name} disabled={row.locked || Boolean(stored?.schema.properties?.[row.name])} status={rowIssues.get(index)?.some((p) => p === 'name' || p === 'duplicate') ? 'error' : undefined} onChange={(event) => update(index, { name: event.target.value.trim() })} style={{ width: 140 }} />
                        {rowIssues.get(index)?.map((problem) => (
                          <Typography.Text key={problem} type="danger" role="alert" style={{ fontSize: 12 }}>
                            {t(`problem.${problem}` as MessageKey)}
                          </Typography.Text>
                        ))}
                      </Space>
                    ),
                  },
                  { title: t('labelZh'), render: (_, row, index) => <Input aria-label={`${t('labelZh')} ${row.name}`} value={row.labels.zh} onChange={(event) => update(index, { labels: { ...row.labels, zh: event.target.value } })} style={{ width: 120 }} /> },
                  { title: t('labelEn'), render: (_, row, index) => <Input aria-label={`${t('labelEn')} ${row.name}`} value={row.labels.en} onChange={(event) => update(index, { labels: { ...row.labels, en: event.target.value } })} style={{ width: 140 }} /> },
                  {
                    title: t('fieldKind'),
                    render: (_, row, index) =>
                      row.kind === 'object' ? (
                        <Typography.Text type="secondary">{t('kind.object')}</Typography.Text>
                      ) : (
                        <Space orientation="vertical" size={4}>
                          <Select aria-label={`${t('fieldKind')} ${row.name}`} value={row.kind} disabled={row.locked} style={{ width: 130 }} options={FIELD_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} onChange={(kind: FieldRow['kind']) => update(index, { kind })} />
                          {(row.kind === 'choice' || row.kind === 'list') && <Select aria-label={`${t('options')} ${row.name}`} mode="tags" placeholder={t('options')} value={row.options} style={{ width: 200 }} open={false} onChange={(options: string[]) => update(index, { options })} />}
                        </Space>
                      ),
                  },
                  {
                    title: t('required'),
                    render: (_, row, index) => (
                      <Tooltip title={row.locked ? t('lockedField') : undefined}>
                        <Checkbox aria-label={`${t('required')} ${row.name}`} checked={row.required} disabled={row.locked} onChange={(event) => update(index, { required: event.target.checked })} />
                      </Tooltip>
                    ),
                  },
                  {
                    title: '',
                    render: (_, row, index) => (
                      <Space size={0}>
                        <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${t('moveUp')} ${row.name}`} disabled={index === 0} onClick={() => setRows(moveRow(rows, index, -1))} />
                        <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${t('moveDown')} ${row.name}`} disabled={index === rows.length - 1} onClick={() => setRows(moveRow(rows, index, 1))} />
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('removeField')} ${row.name}`} disabled={row.locked} onClick={() => setRows(rows.filter((_, at) => at !== index))} />
                      </Space>
                    ),
                  },
                ]}
              />
              <Space style={{ marginTop: 8 }} wrap>
                <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, { name: `field${rows.length + 1}`, kind: 'text', required: false, labels: { zh: '', en: '' }, options: [], locked: false }])}>
                  {t('addField')}
                </Button>
                <Button type="primary" disabled={rowIssues.size > 0 || !draft.title.zh.trim() || !draft.title.en.trim()} onClick={() => void save()}>
                  {t('saveTemplate')}
                </Button>
              </Space>
              {saved !== undefined && <Alert type="success" style={{ marginTop: 8 }} title={t('templateSaved', { version: String(saved) })} />}
              <ProblemList title={t('invalidDraft')} problems={problems} testId="template-problems" />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('preview')} data-testid="template-preview">
              {preview && <Form schema={localizedSchema(preview, language)} uiSchema={{ ...localizedUiSchema(preview, language), 'ui:submitButtonOptions': { norender: true } }} validator={templateValidator(language)} widgets={WIDGETS} templates={FIELD_TEMPLATES} showErrorList={false} onError={() => undefined} />}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
