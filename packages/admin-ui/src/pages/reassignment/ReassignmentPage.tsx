import { Alert, Button, Card, Grid, Input, List, Segmented, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { RegionPicker } from '../../components/RegionPicker.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { Impact } from './ImpactReport.js';
import { ImpactReport } from './ImpactReport.js';

type Kind = 'customer' | 'book' | 'territory';
interface Proposal {
  _id: string;
  input: { kind: Kind };
  status: 'proposed' | 'executed' | 'rejected' | 'stale';
  createdAt: string;
  impact: Impact;
  result?: { moved: number; queued: number };
  /** Whether the signed-in user may decide it now (never its proposer; a redrawn territory only an admin). */
  mayDecide: boolean;
}
interface Named {
  _id: string;
  name?: string;
  displayName?: string;
  role?: string;
}

/** Managed reassignment: propose (one customer, a rep's book, a redrawn territory), read the impact; someone other than the proposer approves or rejects. */
export function ReassignmentPage({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  // On a phone the three kinds stack, so the page never scrolls sideways.
  const narrow = !Grid.useBreakpoint().sm;
  const [kind, setKind] = useState<Kind>('customer');
  const [teams, setTeams] = useState<Named[]>([]);
  const [reps, setReps] = useState<Named[]>([]);
  const [customerId, setCustomerId] = useState('');
  const [repId, setRepId] = useState<string>();
  const [teamId, setTeamId] = useState<string>();
  const [regions, setRegions] = useState<string[]>([]);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [selected, setSelected] = useState<Proposal>();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();

  const reload = () => api.call<{ proposals: Proposal[] }>('GET', '/api/reassignments').then((answer) => setProposals(answer.proposals));
  useEffect(() => {
    void api.call<{ teams: Named[] }>('GET', '/api/teams').then((answer) => setTeams(answer.teams));
    void api.call<{ users: Named[] }>('GET', '/api/users').then((answer) => setReps(answer.users.filter((user) => user.role === 'rep')));
    void reload();
  }, [api]);

  const failed = (error: unknown) => {
    if (!(error instanceof ApiProblem)) throw error;
    setProblem(error.details.length ? error.details.map((d) => `${d.path} ${d.message}`).join('; ') : error.message);
  };
  const propose = async () => {
    setProblem(undefined);
    const input = kind === 'customer' ? { kind, customerId, toTeamId: teamId } : kind === 'book' ? { kind, repId, ...(teamId ? { toTeamId: teamId } : {}) } : { kind, teamId, territories: [{ regions }] };
    try {
      const proposal = await api.call<Proposal>('POST', '/api/reassignments', input);
      setSelected(proposal);
      await reload();
    } catch (error) {
      failed(error);
    }
  };
  const decide = async (approve: boolean) => {
    if (!selected) return;
    setProblem(undefined);
    try {
      const decided = await api.call<Proposal>('POST', `/api/reassignments/${selected._id}/decision`, { approve, comment });
      setSelected(decided);
      setComment('');
      await reload();
    } catch (error) {
      failed(error);
    }
  };
  const teamOptions = teams.map((team) => ({ value: team._id, label: team.name ?? team._id }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('reassignment')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Segmented<Kind> orientation={narrow ? 'vertical' : 'horizontal'} value={kind} onChange={setKind} options={(['customer', 'book', 'territory'] as const).map((value) => ({ value, label: t(`proposal.${value}`) }))} />
          <Space wrap>
            {kind === 'customer' && <Input aria-label={t('customerId')} placeholder={t('customerId')} value={customerId} onChange={(event) => setCustomerId(event.target.value.trim())} style={{ width: 260 }} />}
            {kind === 'book' && <Select aria-label={t('rep')} placeholder={t('rep')} style={{ minWidth: 180 }} value={repId} onChange={setRepId} options={reps.map((rep) => ({ value: rep._id, label: rep.displayName ?? rep._id }))} />}
            <Select aria-label={kind === 'territory' ? t('team') : t('toTeam')} placeholder={kind === 'territory' ? t('team') : t('toTeam')} allowClear={kind === 'book'} style={{ minWidth: 180 }} value={teamId} onChange={setTeamId} options={teamOptions} />
          </Space>
          {kind === 'territory' && <RegionPicker multiple anyLevel value={regions} onChange={(codes) => setRegions(Array.isArray(codes) ? codes : codes ? [codes] : [])} />}
          <Button type="primary" onClick={() => void propose()}>
            {t('propose')}
          </Button>
          {problem && <Alert type="error" title={problem} />}
        </Space>
      </Card>
      {selected && (
        <Card title={`${t(`proposal.${selected.input.kind}`)} · ${t(`proposalStatus.${selected.status}` as MessageKey)}`}>
          <ImpactReport impact={selected.impact} />
          {selected.status === 'proposed' && !selected.mayDecide && <Alert type="info" style={{ marginTop: 8 }} title={t(selected.input.kind === 'territory' ? 'awaitingAdmin' : 'awaitingDecision')} />}
          {selected.status === 'proposed' && selected.mayDecide && (
            <Space wrap style={{ marginTop: 8 }}>
              <Input aria-label={t('comment')} placeholder={t('comment')} value={comment} onChange={(event) => setComment(event.target.value)} style={{ width: 280 }} />
              <Button type="primary" disabled={!comment.trim()} onClick={() => void decide(true)}>
                {t('approve')}
              </Button>
              <Button danger disabled={!comment.trim()} onClick={() => void decide(false)}>
                {t('reject')}
              </Button>
            </Space>
          )}
          {selected.result && <Alert type="success" style={{ marginTop: 8 }} title={t('executed', { moved: String(selected.result.moved), queued: String(selected.result.queued) })} />}
        </Card>
      )}
      <Card title={t('proposals')}>
        <List
          size="small"
          dataSource={proposals}
          locale={{ emptyText: t('queueEmpty') }}
          renderItem={(proposal) => (
            <List.Item actions={[<Button key="open" size="small" onClick={() => setSelected(proposal)}>{t('review')}</Button>]}>
              <Space>
                <Tag>{t(`proposalStatus.${proposal.status}` as MessageKey)}</Tag>
                {t(`proposal.${proposal.input.kind}`)} · {t('impact', { customers: String(proposal.impact.customers), claims: String(proposal.impact.openClaims) })} · {proposal.createdAt.slice(0, 10)}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
