import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import type { RuleFile } from '@crm-policy/engine';
import { compareVersions, nextVersion, proposeVersion, versionStep } from '@crm-policy/engine/editing';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DraftReport } from './lifecycleTypes.js';
import { testTitlesOf } from './testTitle.js';
import type { VersionSummary } from './usePolicyHistory.js';

const VERSION = /^\d+\.\d+\.\d+$/;

/**
 * Under the rules: the draft's version (proposed by the kind of change, a
 * patch or a minor step above every version; editable), the comment, and
 * save / simulate / publish, each saying exactly what happened.
 */
export function LifecycleBar(props: {
  api: ApiClient;
  policy: string;
  file: RuleFile | undefined;
  onFile(next: RuleFile): void;
  history: VersionSummary[] | undefined;
  published: RuleFile | undefined;
  problems: ReadonlyArray<{ path: string; message: string }>;
  save(comment: string, next?: RuleFile): Promise<DraftReport | undefined>;
  simulate(): void;
  onPublished(): void;
}) {
  const { api, policy, file, onFile, history, published, problems } = props;
  const { t, language } = useI18n();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<{ type: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const taken = useMemo(() => (history ?? []).filter((v) => v.status !== 'draft').map((v) => v.version), [history]);
  const proposed = file && published ? proposeVersion(published, file, taken) : undefined;
  // The file's own version while it is a new one the admin chose; otherwise (a version taken or not above the published one, or a patch proposed earlier for what is now a minor change) the proposal.
  const own = file && published && !taken.includes(file.version) && compareVersions(file.version, published.version) > 0 && !(file.version === nextVersion(taken, 'patch') && proposed !== file.version);
  // What the admin typed in the field, kept (with its problems) until the next save.
  const [typed, setTyped] = useState<string>();
  const version = typed ?? (own ? file?.version : proposed) ?? file?.version ?? '';
  useEffect(() => {
    setOutcome(undefined);
    setTyped(undefined);
  }, [policy]);

  const versionError = !VERSION.test(version) ? t('lc.versionFormat') : taken.includes(version) ? t('lc.versionTaken', { version }) : problems.find((p) => p.path === '/file/version')?.message;
  const commentMissing = comment.trim() === '';

  const save = async () => {
    setOutcome(undefined);
    const saved = await props.save(comment, file && file.version !== version ? { ...file, version } : undefined);
    if (saved) {
      setTyped(undefined);
      setOutcome({ type: 'success', text: t('lc.saved', { version: saved.draft.version }) });
    }
    return saved;
  };
  const publish = async () => {
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      try {
        const done = await api.call<{ version: string }>('POST', `/api/policies/${policy}/publish`, { comment });
        setOutcome({ type: 'success', text: t('lc.published', { version: done.version }) });
        setComment('');
        props.onPublished();
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        const tests = error.body['tests'] as DraftReport['tests'] | undefined;
        setOutcome({
          type: 'error',
          text: error.code === 'tests-failed' && tests ? t('lc.publishRefused', { version: saved.draft.version, failed: String(tests.failed), names: testTitlesOf(tests.failures.map((f) => f.name), saved.draft.file.tests, language).join(' / ') }) : error.message,
        });
      }
    } finally {
      setBusy(false);
    }
  };
  const confirmPublish = () => Modal.confirm({ title: t('lc.publishConfirm', { version }), okText: t('publish'), cancelText: t('lc.cancel'), onOk: publish });

  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="lifecycle-bar">
      <Form layout="vertical" component="div">
        <Form.Item label={t('lc.version')} validateStatus={versionError ? 'error' : undefined} help={versionError ?? (file && published ? t('lc.versionProposed', { step: t(`lc.step.${versionStep(published, file)}`) }) : undefined)} style={{ maxWidth: 360 }}>
          <Input id="lifecycle-version" aria-label={t('lc.version')} value={version} disabled={!file} onChange={(e) => {
              setTyped(e.target.value.trim());
              if (file) onFile({ ...file, version: e.target.value.trim() });
            }} />
        </Form.Item>
        <Form.Item label={t('lc.comment')} validateStatus={problems.some((p) => p.path === '/comment') ? 'error' : undefined} help={problems.find((p) => p.path === '/comment')?.message}>
          <Input id="lifecycle-comment" aria-label={t('lc.comment')} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button type="primary" disabled={commentMissing || !!versionError || busy} onClick={() => void save()}>
          {t('saveDraft')}
        </Button>
        <Button onClick={props.simulate}>{t('simulate')}</Button>
        <Button danger disabled={commentMissing || !!versionError || busy} onClick={confirmPublish}>
          {t('publish')}
        </Button>
      </Space>
      {outcome && <Alert type={outcome.type} title={outcome.text} data-testid="lifecycle-outcome" showIcon />}
    </Space>
  );
}
