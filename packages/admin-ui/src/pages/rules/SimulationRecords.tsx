import { Alert, Button, Drawer, Form, Input, Modal, Table } from 'antd';
import type { PolicyEvent } from '@crm-policy/engine';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DraftReport } from './lifecycleTypes.js';
import { outcomeWords } from './outcomeWords.js';

/** One cell of a simulation's report: a transition (`from`, `to`) or a parameter change (`param`, `before`, `after`, JSON). */
export interface Cell {
  title: string;
  query: Record<string, string>;
}

interface Change {
  _id: string;
  recordId: string;
  at?: string;
  facts: { customer?: { name?: string; companyName?: string }; rep?: { name?: string } };
  published: { outcome: PolicyEvent };
  draft: { outcome: PolicyEvent };
}

const PAGE = 10;

/** The records behind one cell of a simulation, paged, each one step from becoming a test of the draft. */
export function SimulationRecords({ api, policy, simulationId, cell, onClose, onTestAdded }: { api: ApiClient; policy: string; simulationId: string; cell: Cell; onClose(): void; onTestAdded(report: DraftReport): void }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ changes: Change[]; total: number }>();
  const [making, setMaking] = useState<Change>();
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<Array<{ path: string; message: string }>>([]);
  const [done, setDone] = useState(false);
  const load = useCallback(async () => {
    const query = new URLSearchParams({ ...cell.query, limit: String(PAGE), skip: String((page - 1) * PAGE) });
    setRows(await api.call<{ changes: Change[]; total: number }>('GET', `/api/simulations/${simulationId}/changes?${query.toString()}`));
  }, [api, simulationId, cell, page]);
  useEffect(() => {
    setRows(undefined);
    load().catch(() => setRows({ changes: [], total: 0 }));
  }, [load]);
  const make = async () => {
    if (!making) return;
    setProblems([]);
    try {
      const report = await api.call<DraftReport>('POST', `/api/policies/${policy}/draft/tests`, { simulationId, recordId: making.recordId, name: name.trim(), comment: comment.trim() });
      onTestAdded(report);
      setMaking(undefined);
      setDone(true);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblems(error.details.length > 0 ? error.details : [{ path: '', message: error.message }]);
    }
  };
  const problemAt = (path: string) => problems.find((p) => p.path === path)?.message;
  const when = (at?: string) => (at ? new Date(at).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  return (
    <Drawer open size="large" title={t('lc.recordsOf', { what: cell.title })} onClose={onClose} data-testid="simulation-records">
      {done && <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('lc.makeTestDone')} />}
      <Table<Change>
        size="small"
        rowKey="_id"
        loading={!rows}
        scroll={{ x: 640 }}
        dataSource={rows?.changes ?? []}
        pagination={{ current: page, pageSize: PAGE, total: rows?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('lc.customer'), key: 'customer', render: (_, row) => row.facts.customer?.name ?? row.facts.customer?.companyName ?? '—' },
          { title: t('lc.rep'), key: 'rep', render: (_, row) => row.facts.rep?.name ?? '—' },
          { title: t('lc.decidedAt'), key: 'at', render: (_, row) => when(row.at) },
          { title: t('lc.before'), key: 'before', render: (_, row) => outcomeWords(row.published.outcome, language) },
          { title: t('lc.after'), key: 'after', render: (_, row) => outcomeWords(row.draft.outcome, language) },
          {
            key: 'make',
            render: (_, row) => (
              <Button size="small" onClick={() => { setMaking(row); setName(''); setComment(''); setProblems([]); }}>
                {t('lc.makeTest')}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={making !== undefined} title={t('lc.makeTest')} okText={t('lc.makeTest')} cancelText={t('lc.cancel')} okButtonProps={{ disabled: name.trim() === '' || comment.trim() === '' }} onOk={() => void make()} onCancel={() => setMaking(undefined)}>
        <Form layout="vertical" component="div">
          <Form.Item label={t('lc.makeTestName')} required validateStatus={problemAt('/name') ? 'error' : undefined} help={problemAt('/name') === 'taken' ? t('lc.testNameTaken') : problemAt('/name')}>
            <Input aria-label={t('lc.makeTestName')} value={name} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('lc.comment')} required>
            <Input aria-label={t('lc.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Form.Item>
          {problems.filter((p) => p.path !== '/name').map((p) => (
            <Alert key={p.path + p.message} type="error" title={p.message} />
          ))}
        </Form>
      </Modal>
    </Drawer>
  );
}
