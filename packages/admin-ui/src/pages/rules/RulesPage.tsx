import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Grid, Input, Modal, Segmented, Space, Tabs, Tag } from 'antd';
import type { RJSFSchema } from '@rjsf/utils';
import type { RuleDefinition, RuleFile } from '@crm-policy/engine';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { ProblemList } from '../../components/ProblemList.js';
import { useConfirmDiscard } from '../../components/useConfirmDiscard.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useUnsavedEdits } from '../../shell/unsavedEdits.js';
import type { MessageKey } from '../../i18n/messages.js';
import { RuleEditor } from './RuleEditor.js';
import { FileHeaderForm } from './FileHeaderForm.js';
import { DecisionTableView } from './decisionTable/DecisionTableView.js';
import { localizedSchema } from './localizedSchema.js';
import { blankRule, issuesUnder, ruleIssues, ruleSchema, rulesWithIssues } from './ruleForm.js';
import { RuleList } from './RuleList.js';
import { TryIt } from './TryAndVersions.js';
import { LifecycleBar } from './LifecycleBar.js';
import { problemPlace, withoutPointer } from './problemPlace.js';
import type { DraftReport } from './lifecycleTypes.js';
import type { Simulation } from './SimulationView.js';
import { SimulationView } from './SimulationView.js';
import { TestsPanel } from './TestsPanel.js';
import { usePolicyHistory } from './usePolicyHistory.js';
import { VersionHistory } from './VersionHistory.js';

const POLICIES = ['assignment', 'claim-eligibility', 'credit-risk'] as const;
/** No problems, one value: clearing them when there are none leaves the rules with problems (and the table drawn from them) as they are. */
const NO_PROBLEMS: ReadonlyArray<{ path: string; message: string }> = [];

interface Version {
  _id: string;
  version: string;
  status: string;
  file: RuleFile;
}

/** An admin's view of a policy: its rules as a decision table, in words with a form, or as JSON (one file, whichever view edits it), tests, warnings, a simulation, publishing. */
export function RulesPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const [policy, setPolicy] = useState<(typeof POLICIES)[number]>('assignment');
  const [shown, setShown] = useState<Version>();
  const [text, setText] = useState('');
  // The working copy: what the form edits and the JSON shows; undefined while the JSON does not parse.
  const [file, setFile] = useState<RuleFile>();
  const [editing, setEditing] = useState<number>();
  // Whether the rule open in the editor drawer holds changes not applied yet: closing it asks first.
  const [editorDirty, setEditorDirty] = useState(false);
  const { confirmDiscard, holder } = useConfirmDiscard();
  // Stable, so the decision table (memoized: a large policy's table is the page's costliest render) is not drawn again at every render of the page.
  const openEditor = useCallback((index: number | undefined) => {
    setEditorDirty(false);
    setEditing(index);
  }, []);
  const closeEditor = () => confirmDiscard(editorDirty, () => openEditor(undefined));
  const [view, setView] = useState<'table' | 'form' | 'json'>('table');
  const [servedSchema, setFileSchema] = useState<RJSFSchema>();
  const fileSchema = useMemo(() => (servedSchema ? localizedSchema(servedSchema, language) : undefined), [servedSchema, language]);
  const phone = !Grid.useBreakpoint().md;
  const [report, setReport] = useState<DraftReport>();
  const [problems, setProblems] = useState<ReadonlyArray<{ path: string; message: string }>>(NO_PROBLEMS);
  const [simulation, setSimulation] = useState<Simulation>();
  const history = usePolicyHistory(api, policy, `${shown?._id ?? ''}:${shown?.status ?? ''}`);

  const load = useCallback(async () => {
    setReport(undefined);
    setProblems(NO_PROBLEMS);
    setSimulation(undefined);
    let version: Version;
    // Asked for only when there is one: a draft that does not exist would be a 404 in the browser's console.
    const { policies } = await api.call<{ policies: Array<{ policy: string; draft: unknown }> }>('GET', '/api/policies');
    if (policies.find((entry) => entry.policy === policy)?.draft) {
      const draft = await api.call<DraftReport>('GET', `/api/policies/${policy}/draft`);
      setReport(draft);
      version = draft.draft;
    } else {
      version = await api.call<Version>('GET', `/api/policies/${policy}/versions/published`);
    }
    setShown(version);
    setFile(version.file);
    openEditor(undefined);
    setText(JSON.stringify(version.file, null, 2));
  }, [api, policy]);
  useEffect(() => {
    api.call<RJSFSchema>('GET', '/api/schemas/rule-file').then(setFileSchema, (error: Error) => setProblems([{ path: '', message: error.message }]));
  }, [api]);
  const schema = useMemo(() => (fileSchema ? ruleSchema(fileSchema) : undefined), [fileSchema]);
  const troubled = useMemo(() => rulesWithIssues(problems), [problems]);
  // Edits not saved yet: the browser asks before the page is left, and so does switching policy.
  const dirty = shown !== undefined && text !== JSON.stringify(shown.file, null, 2);
  useUnsavedEdits('rules', dirty || editorDirty);
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);
  const choosePolicy = (next: (typeof POLICIES)[number]) => {
    if (!dirty) return setPolicy(next);
    Modal.confirm({ title: t('unsavedRules'), okText: t('ok'), cancelText: t('cancel'), onOk: () => setPolicy(next) });
  };

  /** A change made in the form: the JSON view follows. */
  const edit = useCallback((next: RuleFile) => {
    setFile(next);
    setText(JSON.stringify(next, null, 2));
  }, []);
  /** A change typed in the JSON view: the form follows once it parses. */
  const type = (next: string) => {
    setText(next);
    try {
      setFile(JSON.parse(next) as RuleFile);
    } catch {
      setFile(undefined);
    }
  };
  const applyRule = (index: number, rule: RuleDefinition) => {
    if (!file) return;
    const rules = index < file.rules.length ? file.rules.map((old, at) => (at === index ? rule : old)) : [...file.rules, rule];
    edit({ ...file, rules });
    openEditor(undefined);
  };
  const deleteRule = (index: number) => {
    if (!file) return;
    edit({ ...file, rules: file.rules.filter((_, at) => at !== index) });
    openEditor(undefined);
  };
  useEffect(() => {
    load().catch((error: Error) => setProblems([{ path: '', message: error.message }]));
  }, [load]);

  /** Saves the working copy (or `next`, which becomes the working copy) as the draft; answers the report, or undefined with the problems placed. */
  const save = async (comment: string, next?: RuleFile): Promise<DraftReport | undefined> => {
    setProblems(NO_PROBLEMS);
    let file: unknown = next;
    if (next) edit(next);
    else {
      try {
        file = JSON.parse(text);
      } catch (error) {
        setProblems([{ path: '/file', message: `${t('notJson')}: ${(error as Error).message}` }]);
        return undefined;
      }
    }
    try {
      const saved = await api.call<DraftReport>('PUT', `/api/policies/${policy}/draft`, { file, comment });
      setReport(saved);
      setShown(saved.draft as Version);
      return saved;
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.code !== 'invalid') throw error;
      setProblems(error.details);
      // The first rule with a problem opens in the form, the problem on its field.
      const first = [...rulesWithIssues(error.details)].sort((a, b) => a - b)[0];
      if (first !== undefined) openEditor(first);
      return undefined;
    }
  };
  // The simulation is shown above the policy, out of sight of the button that started it: brought into view when asked for (its progress, its result, or why it was refused).
  const simulationPlace = useRef<HTMLDivElement>(null);
  const [simulationAsked, setSimulationAsked] = useState(0);
  useEffect(() => {
    if (simulationAsked > 0) simulationPlace.current?.scrollIntoView({ block: 'start' });
  }, [simulationAsked]);
  const simulate = async () => {
    let started: Simulation;
    try {
      started = await api.call<Simulation>('POST', `/api/policies/${policy}/simulate`, {});
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setSimulation({ _id: '', status: 'failed', percent: null, error: error.status === 404 ? t('lc.simulateNeedsDraft') : error.code === 'busy' ? t('lc.simulationsBusy', { count: String(error.body['running'] ?? 2) }) : error.message });
      setSimulationAsked((asked) => asked + 1);
      return;
    }
    setSimulation(started);
    setSimulationAsked((asked) => asked + 1);
    for (let current = started; current.status === 'running'; ) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      current = await api.call<Simulation>('GET', `/api/simulations/${started._id}`);
      setSimulation(current);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {holder}
      <Segmented options={POLICIES.map((p) => ({ value: p, label: t(`policy.${p}`) }))} value={policy} onChange={(value) => choosePolicy(value as (typeof POLICIES)[number])} />
      <div ref={simulationPlace} style={{ scrollMarginTop: 72 }}>
        {simulation && <SimulationView api={api} policy={policy} simulation={simulation} onTestAdded={(saved) => { setReport(saved); setShown(saved.draft as Version); edit(saved.draft.file); }} />}
      </div>
      {shown && (
        <Card title={`${t(`policy.${policy}`)} ${shown.version}`} extra={<Tag color={shown.status === 'draft' ? 'orange' : 'green'}>{t(`status.${shown.status}` as MessageKey)}</Tag>}>
          <Tabs
            activeKey={view}
            onChange={(key) => setView(key as 'table' | 'form' | 'json')}
            items={[
              {
                key: 'table',
                label: t('tableView'),
                children: !file ? <Alert type="warning" title={t('fixJsonFirst')} /> : <DecisionTableView file={file} troubled={troubled} onChange={edit} onEditRule={openEditor} />,
              },
              {
                key: 'form',
                label: t('formView'),
                children: !file ? (
                  <Alert type="warning" title={t('fixJsonFirst')} />
                ) : (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {fileSchema && <FileHeaderForm key={`${shown._id}:${problems.length}`} fileSchema={fileSchema} file={file} serverErrors={issuesUnder(problems, '/file')} onChange={edit} />}
                    <RuleList file={file} troubled={troubled} onEdit={openEditor} onDelete={deleteRule} />
                    <Button icon={<PlusOutlined />} onClick={() => openEditor(file.rules.length)}>
                      {t('addRule')}
                    </Button>
                  </Space>
                ),
              },
              {
                key: 'json',
                label: t('jsonView'),
                children: <Input.TextArea aria-label={t('draftJson')} value={text} onChange={(e) => type(e.target.value)} rows={18} spellCheck={false} style={{ fontFamily: 'monospace', fontSize: 12 }} />,
              },
            ]}
          />
          {file && (
            <Drawer open={editing !== undefined} onClose={closeEditor} size={phone ? '100%' : 720} destroyOnHidden title={editing !== undefined ? t('editing', { name: file.rules[editing]?.name ?? blankRule(file).name }) : undefined}>
              {editing !== undefined && schema && (
                <RuleEditor
                  key={`${editing}:${problems.length}`}
                  schema={schema}
                  file={file}
                  rule={file.rules[editing] ?? blankRule(file)}
                  serverErrors={editing < file.rules.length ? ruleIssues(problems, editing) : undefined}
                  onApply={(rule) => applyRule(editing, rule)}
                  onCancel={closeEditor}
                  onDirty={setEditorDirty}
                />
              )}
            </Drawer>
          )}
        <ProblemList title={t('invalidDraft')} problems={problems} testId="draft-problems" place={(path) => problemPlace(path, file, fileSchema, language)} message={withoutPointer} />
        {report?.warnings.map((w) => (
          <Alert key={`${w.code}${w.pointer}`} type="warning" style={{ marginTop: 8 }} title={`${w.pointer} ${w.message[language]}`} />
        ))}
        <LifecycleBar
          api={api}
          policy={policy}
          file={file}
          onFile={edit}
          history={history.versions}
          published={history.published}
          problems={problems}
          save={save}
          simulate={() => void simulate()}
          onPublished={() => void load()}
        />
        </Card>
      )}
      {file && <TestsPanel key={`${policy}:${shown?.status ?? ''}`} file={file} report={report} onFile={edit} save={save} />}
      {shown && <TryIt api={api} policy={policy} file={shown.file} />}
      <VersionHistory api={api} policy={policy} versions={history.versions} changed={() => void load()} />
    </Space>
  );
}
