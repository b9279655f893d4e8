import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { PolicyEvent, RuleFile, RuleTestCase } from '@crm-policy/engine';
import { outcomeSchemas } from '@crm-policy/engine/editing';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DraftReport } from './lifecycleTypes.js';
import { outcomeWords } from './outcomeWords.js';
import { TestEditor } from './TestEditor.js';
import { testTitle } from './testTitle.js';

/** The new outcome as the test should expect it: only the parameters the test looked at, unless the outcome's type changed. */
function focused(expected: PolicyEvent | undefined, actual: PolicyEvent): PolicyEvent {
  if (!expected || expected.type !== actual.type || !expected.params) return actual;
  const params = Object.fromEntries(Object.keys(expected.params).map((name) => [name, actual.params?.[name] ?? null]));
  return { type: actual.type, params };
}

type Result = NonNullable<DraftReport['tests']['results']>[number];

/**
 * The policy's tests with pass/fail against the saved draft: each test's
 * expected outcome in words, the draft's outcome where it differs; add, edit
 * (facts in a form from the fact schemas), delete (confirmed), and from a
 * failing test, accept the draft's outcome with a required reason (saved as
 * the draft's comment).
 */
export function TestsPanel({ file, report, onFile, save }: { file: RuleFile; report: DraftReport | undefined; onFile(next: RuleFile): void; save(comment: string, next: RuleFile): Promise<DraftReport | undefined> }) {
  const { t, language } = useI18n();
  const tests = file.tests ?? [];
  const results = new Map((report?.tests.results ?? []).map((result) => [result.name, result]));
  const params = (type: string | undefined) => (outcomeSchemas(file.policy)[type ?? '']?.['properties'] ?? {}) as Record<string, unknown>;
  const words = (outcome: PolicyEvent | undefined) => outcomeWords(outcome, language, params(outcome?.type));
  const [editing, setEditing] = useState<number>();
  const [accepting, setAccepting] = useState<{ index: number; actual: PolicyEvent }>();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const [changed, setChanged] = useState(false);

  const withTests = (next: RuleTestCase[]): RuleFile => ({ ...file, tests: next });
  const apply = (index: number, test: RuleTestCase) => {
    onFile(withTests(index < tests.length ? tests.map((old, at) => (at === index ? test : old)) : [...tests, test]));
    setEditing(undefined);
    setChanged(true);
  };
  const remove = (index: number) => {
    onFile(withTests(tests.filter((_, at) => at !== index)));
    setChanged(true);
  };
  const accept = async () => {
    if (!accepting) return;
    const next = withTests(tests.map((test, at) => (at === accepting.index ? { ...test, expect: { ...test.expect, outcome: focused(test.expect.outcome, accepting.actual) } } : test)));
    const saved = await save(reason.trim(), next);
    if (!saved) return;
    setAccepting(undefined);
    setReason('');
    setChanged(false);
    setDone(t('lc.accepted'));
  };

  const failing = tests.filter((test) => results.get(test.name)?.passed === false).length;
  return (
    <Card
      title={t('lc.tests')}
      data-testid="tests-panel"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing(tests.length)}>
          {t('lc.addTest')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {report ? <Alert type={failing === 0 ? 'success' : 'error'} showIcon title={t('lc.testsSummary', { passed: String(tests.length - failing), failed: String(failing) })} description={t('lc.testsFromDraft')} /> : <Alert type="info" title={t('lc.testsNotRun')} />}
        {changed && <Alert type="warning" title={t('lc.unsavedTests')} />}
        {done && <Alert type="success" showIcon title={done} closable onClose={() => setDone(undefined)} />}
        <Typography.Text type="secondary">{t('lc.fromSimulation')}</Typography.Text>
        <Table<RuleTestCase & { index: number; result?: Result }>
          size="small"
          rowKey="index"
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description={t('lc.noTests')} /> }}
          // Failing tests first, then the file's order.
          dataSource={tests.map((test, index) => ({ ...test, index, ...(results.has(test.name) ? { result: results.get(test.name)! } : {}) })).sort((a, b) => Number(a.result?.passed !== false) - Number(b.result?.passed !== false) || a.index - b.index)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('lc.testName'), key: 'title', width: 260, render: (_, row) => testTitle(row, language) },
            {
              title: t('lc.result'),
              key: 'result',
              width: 90,
              filters: [
                { text: t('lc.pass'), value: 'pass' },
                { text: t('lc.fail'), value: 'fail' },
              ],
              onFilter: (value, row) => (value === 'fail') === (row.result?.passed === false),
              render: (_, row) => (row.result ? <Tag color={row.result.passed ? 'green' : 'red'}>{row.result.passed ? t('lc.pass') : t('lc.fail')}</Tag> : '—'),
            },
            { title: t('lc.expected'), key: 'expected', render: (_, row) => words(row.expect.outcome) },
            { title: t('lc.actual'), key: 'actual', render: (_, row) => (row.result && !row.result.passed ? words(row.result.actual) : '') },
            {
              title: t('lc.actions'),
              key: 'actions',
              width: 220,
              render: (_, row) => (
                <Space wrap size="small">
                  {row.result && !row.result.passed && row.result.actual && (
                    <Button size="small" type="primary" aria-label={`${t('lc.accept')} ${testTitle(row, language)}`} onClick={() => setAccepting({ index: row.index, actual: row.result!.actual! })}>
                      {t('lc.accept')}
                    </Button>
                  )}
                  <Button size="small" aria-label={`${t('lc.edit')} ${testTitle(row, language)}`} onClick={() => setEditing(row.index)}>
                    {t('lc.edit')}
                  </Button>
                  <Popconfirm title={t('lc.deleteTestConfirm', { name: testTitle(row, language) })} okText={t('lc.delete')} cancelText={t('lc.cancel')} onConfirm={() => remove(row.index)}>
                    <Button size="small" danger aria-label={`${t('lc.delete')} ${testTitle(row, language)}`}>
                      {t('lc.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Space>
      {editing !== undefined && (
        <TestEditor
          file={file}
          test={tests[editing] ?? { name: '', facts: {}, expect: { outcome: { type: Object.keys(outcomeSchemas(file.policy))[0] ?? '' } } }}
          taken={tests.filter((_, at) => at !== editing).map((test) => test.name)}
          onApply={(test) => apply(editing, test)}
          onClose={() => setEditing(undefined)}
        />
      )}
      <Modal
        open={accepting !== undefined}
        title={accepting ? t('lc.acceptTitle', { name: tests[accepting.index] ? testTitle(tests[accepting.index]!, language) : '' }) : ''}
        okText={t('lc.accept')}
        cancelText={t('lc.cancel')}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={() => void accept()}
        onCancel={() => setAccepting(undefined)}
      >
        {accepting && <Typography.Paragraph>{t('lc.acceptHelp', { outcome: words(accepting.actual) })}</Typography.Paragraph>}
        <Form layout="vertical" component="div">
          <Form.Item label={t('lc.acceptReason')} required validateStatus={reason.trim() === '' ? 'error' : undefined} help={reason.trim() === '' ? t('lc.commentRequired') : undefined}>
            <Input.TextArea id="accept-reason" aria-label={t('lc.acceptReason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
