import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, Modal, Row, Select, Space, Typography } from 'antd';
import Form from '@rjsf/antd';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { CreditCodeWidget } from '../../components/CreditCodeWidget.js';
import { RegionWidget } from '../../components/RegionWidget.js';
import { ProblemList } from '../../components/ProblemList.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { INDUSTRY_NAMES } from '../../i18n/messages.js';
import { localizedSchema, localizedUiSchema } from '../register/templateForm.js';
import { templateValidator } from '../register/templateValidator.js';
import { ChoiceWidget } from '../../components/ChoiceWidget.js';
import { FormFieldTemplate } from '../../components/FormFieldTemplate.js';
import { FieldTable, newRow } from './FieldTable.js';
import type { TemplateImpact } from './ImpactSummary.js';
import { ImpactSummary } from './ImpactSummary.js';
import { FIELD_NAME, rowProblems } from './rowProblems.js';
import type { FieldRow, TemplateDraft } from './templateDraft.js';
import { fieldRows, withRows } from './templateDraft.js';
import { starterTemplate } from './starterTemplate.js';
import { useUnsavedEdits } from '../../shell/unsavedEdits.js';

// The preview shows the form as reps will see it: the same widgets and field template.
const WIDGETS = { region: RegionWidget, creditCode: CreditCodeWidget, SelectWidget: ChoiceWidget };
const FIELD_TEMPLATES = { FieldTemplate: FormFieldTemplate };

interface Stored extends TemplateDraft {
  industry: string;
  version: number;
}

/** Every field path of a template, a group's fields after the group's. */
function pathsOf(rows: readonly FieldRow[], prefix = ''): string[] {
  return rows.flatMap((row) => [`${prefix}${row.name}`, ...pathsOf(row.children ?? [], `${prefix}${row.name}.`)]);
}

/** Rows the preview can show: named, once each. */
function previewable(rows: readonly FieldRow[]): FieldRow[] {
  return rows.filter((row, index) => FIELD_NAME.test(row.name) && rows.findIndex((other) => other.name === row.name) === index).map((row) => (row.children ? { ...row, children: previewable(row.children) } : row));
}

/** Admins shape each industry's registration form: fields and groups, kinds, required, options with their names, labels in both languages, previewed as reps will see it. */
export function TemplatesPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const [templates, setTemplates] = useState<Stored[]>([]);
  const [industry, setIndustry] = useState<string>();
  const [newIndustry, setNewIndustry] = useState('');
  const [base, setBase] = useState<TemplateDraft>();
  const [rows, setRowsState] = useState<FieldRow[]>([]);
  const [dirty, setDirty] = useState(false);
  useUnsavedEdits('templates', dirty);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<number>();
  const [impact, setImpact] = useState<TemplateImpact>();
  const [problems, setProblems] = useState<Array<{ path: string; message: string }>>([]);

  useEffect(() => {
    api.call<{ templates: Stored[] }>('GET', '/api/templates').then((answer) => setTemplates(answer.templates), (error: Error) => setProblems([{ path: '', message: error.message }]));
  }, [api]);
  // Unsaved edits are not lost to a closed tab or a reload without the browser asking.
  useEffect(() => {
    if (!dirty) return undefined;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const stored = templates.find((candidate) => candidate.industry === industry);
  const storedPaths = useMemo(() => new Set(stored ? pathsOf(fieldRows(stored)) : []), [stored]);
  const draft = useMemo(() => (base ? withRows(base, rows) : undefined), [base, rows]);
  const issues = useMemo(() => rowProblems(rows), [rows]);
  const titleMissing = draft ? (['zh', 'en'] as const).filter((lang) => !draft.title[lang].trim()) : [];

  const load = (id: string) => {
    const found = templates.find((candidate) => candidate.industry === id);
    const next: TemplateDraft = found ? { title: found.title, schema: found.schema, uiSchema: found.uiSchema ?? {}, labels: found.labels, ...(found.choices ? { choices: found.choices } : {}), ...(found.help ? { help: found.help } : {}), ...(found.placeholders ? { placeholders: found.placeholders } : {}) } : starterTemplate();
    setIndustry(id);
    setBase(next);
    setRowsState(fieldRows(next));
    setDirty(false);
    setTried(false);
    setSaved(undefined);
    setImpact(undefined);
    setProblems([]);
  };
  const open = (id: string) => {
    if (!dirty) return load(id);
    Modal.confirm({ title: t('templates.unsavedLeave'), okText: t('templates.discard'), okButtonProps: { danger: true }, cancelText: t('templates.keepEditing'), onOk: () => load(id) });
  };
  const setRows = (next: FieldRow[]) => {
    setRowsState(next);
    setDirty(true);
    setSaved(undefined);
  };
  const setTitle = (lang: 'zh' | 'en', value: string) => {
    if (!base) return;
    setBase({ ...base, title: { ...base.title, [lang]: value } });
    setDirty(true);
  };
  const preview = useMemo(() => (base && industry ? { industry, version: stored?.version ?? 0, ...withRows(base, previewable(rows)) } : undefined), [base, rows, industry, stored]);

  const refused = (error: unknown) => {
    if (!(error instanceof ApiProblem)) throw error;
    setProblems(error.details.length > 0 ? error.details : [{ path: '', message: error.message }]);
  };
  /** Marks every problem on its field and scrolls to the first; true when there is none. */
  const ready = () => {
    setTried(true);
    if (issues.size === 0 && titleMissing.length === 0) return true;
    setTimeout(() => document.querySelector('[data-testid="template-editor"] .ant-input-status-error, [data-testid="template-editor"] [role="alert"]')?.scrollIntoView({ block: 'center' }), 50);
    return false;
  };
  const checkImpact = async (definition: TemplateDraft) => {
    if (!industry) return;
    try {
      setImpact(await api.call<TemplateImpact>('POST', `/api/templates/${industry}/impact`, definition));
    } catch (error) {
      refused(error);
    }
  };
  const save = async () => {
    if (!draft || !industry || !ready()) return;
    setProblems([]);
    try {
      const answer = await api.call<Stored>('PUT', `/api/templates/${industry}`, draft);
      setTemplates([...templates.filter((candidate) => candidate.industry !== industry), answer]);
      setSaved(answer.version);
      setDirty(false);
      setTried(false);
      await checkImpact(draft);
    } catch (error) {
      refused(error);
    }
  };
  const industryName = (id: string) => INDUSTRY_NAMES[language][id] ?? templates.find((candidate) => candidate.industry === id)?.title[language] ?? id;
  const labelsForImpact = draft && base ? { zh: { ...base.labels.zh, ...draft.labels.zh }, en: { ...base.labels.en, ...draft.labels.en } } : { zh: {}, en: {} };

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
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={15}>
            <Card title={`${industryName(industry)}${stored ? ` · ${t('templateVersion', { version: String(stored.version) })}` : ''}`} data-testid="template-editor">
              <Space wrap style={{ marginBottom: 8 }} align="start">
                {(['zh', 'en'] as const).map((lang) => (
                  <Space key={lang} orientation="vertical" size={0}>
                    <Input aria-label={t('industryTitle', { language: t(lang === 'zh' ? 'templates.languageZh' : 'templates.languageEn') })} addonBefore={t('industryTitle', { language: t(lang === 'zh' ? 'templates.languageZh' : 'templates.languageEn') })} value={draft.title[lang]} status={tried && titleMissing.includes(lang) ? 'error' : undefined} onChange={(event) => setTitle(lang, event.target.value)} />
                    {tried && titleMissing.includes(lang) && <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>{t(lang === 'zh' ? 'problem.labelZh' : 'problem.labelEn')}</Typography.Text>}
                  </Space>
                ))}
              </Space>
              <FieldTable rows={rows} onChange={setRows} problems={issues} showProblems={tried} storedPaths={storedPaths} />
              <Space style={{ marginTop: 8 }} wrap>
                <Button icon={<PlusOutlined />} onClick={() => setRows([...rows, newRow()])}>
                  {t('addField')}
                </Button>
                <Button onClick={() => ready() && void checkImpact(draft)}>{t('templates.checkImpact')}</Button>
                <Button type="primary" onClick={() => void save()}>
                  {t('saveTemplate')}
                </Button>
              </Space>
              {tried && issues.size + titleMissing.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('templates.fixFirst', { count: String(issues.size + titleMissing.length) })} />}
              {saved !== undefined && <Alert type="success" style={{ marginTop: 8 }} title={t('templateSaved', { version: String(saved) })} />}
              {impact && (
                <div style={{ marginTop: 8 }}>
                  <ImpactSummary impact={impact} labels={labelsForImpact} />
                </div>
              )}
              <ProblemList title={t('invalidDraft')} problems={problems} testId="template-problems" />
            </Card>
          </Col>
          <Col xs={24} xxl={9}>
            <Card title={t('preview')} data-testid="template-preview">
              {preview && <Form schema={localizedSchema(preview, language)} uiSchema={{ ...localizedUiSchema(preview, language), 'ui:submitButtonOptions': { norender: true } }} validator={templateValidator(language)} widgets={WIDGETS} templates={FIELD_TEMPLATES} showErrorList={false} onError={() => undefined} />}
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
