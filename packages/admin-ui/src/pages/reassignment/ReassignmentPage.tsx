import { Alert, Button, Card, Form, Grid, Input, List, Segmented, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { RegionPicker } from '../../components/RegionPicker.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';
import { CustomerSearch } from './CustomerSearch.js';
import type { FoundCustomer } from './CustomerSearch.js';
import type { Impact } from './ImpactReport.js';
import { ImpactReport } from './ImpactReport.js';
import { placeProblems } from './proposalProblems.js';
import type { ProposalField } from './proposalProblems.js';
import { ProposalResult } from './ProposalResult.js';
import type { ProposalRun } from './ProposalResult.js';

type Kind = 'customer' | 'book' | 'territory';
interface Proposal {
  _id: string;
  input: { kind: Kind };
  status: 'proposed' | 'executed' | 'rejected' | 'stale';
  createdAt: string;
  impact: Impact;
  result?: ProposalRun;
  /** Whether the signed-in user may decide it now (never its proposer; a redrawn territory only an admin). */
  mayDecide: boolean;
  /** Managers who may decide it besides an admin, by name. */
  deciders?: string[];
  /** Its customer, rep or team, by name. */
  subject?: string;
}
interface Named {
  _id: string;
  name?: string;
  displayName?: string;
  role?: string;
}
type Field = ProposalField;

/** Managed reassignment: propose (one customer, a rep's book, a redrawn territory), read the impact; someone other than the proposer approves or rejects. */
export function ReassignmentPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  // On a phone the three kinds stack, so the page never scrolls sideways.
  const narrow = !Grid.useBreakpoint().sm;
  const [kind, setKind] = useState<Kind>('customer');
  const [teams, setTeams] = useState<Named[]>([]);
  const [reps, setReps] = useState<Named[]>([]);
  const [customer, setCustomer] = useState<FoundCustomer>();
  const [repId, setRepId] = useState<string>();
  const [teamId, setTeamId] = useState<string>();
  const [regions, setRegions] = useState<string[]>([]);
  const [proposals, setProposals] = useState<Proposal[]>([]);
  const [selected, setSelected] = useState<Proposal>();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [fieldProblems, setFieldProblems] = useState<Partial<Record<Field, string>>>({});

  const reload = () => api.call<{ proposals: Proposal[] }>('GET', '/api/reassignments').then((answer) => setProposals(answer.proposals));
  useEffect(() => {
    void api.call<{ teams: Named[] }>('GET', '/api/teams').then((answer) => setTeams(answer.teams));
    void api.call<{ users: Named[] }>('GET', '/api/users').then((answer) => setReps(answer.users.filter((user) => user.role === 'rep')));
    void reload();
  }, [api]);

  /** Puts each of the server's problems next to its field, and the rest at the foot of the form. */
  const failed = (error: unknown) => {
    if (!(error instanceof ApiProblem)) throw error;
    const { byField, page } = placeProblems(error.message, error.details, language === 'zh' ? '；' : '; ');
    setFieldProblems(byField);
    setProblem(page);
  };
  /** What the form lacks, field by field, before anything is sent. */
  const missing = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (kind === 'customer' && !customer) found.customer = t('ra.chooseCustomer');
    if (kind === 'book' && !repId) found.rep = t('ra.chooseRep');
    if (kind !== 'book' && !teamId) found.team = t('ra.chooseTeam');
    if (kind === 'territory' && regions.length === 0) found.regions = t('ra.chooseRegions');
    return found;
  };
  const propose = async () => {
    setProblem(undefined);
    const lacking = missing();
    setFieldProblems(lacking);
    if (Object.keys(lacking).length > 0) return;
    const input = kind === 'customer' ? { kind, customerId: customer!.customerId, toTeamId: teamId } : kind === 'book' ? { kind, repId, ...(teamId ? { toTeamId: teamId } : {}) } : { kind, teamId, territories: [{ regions }] };
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
  const chooseKind = (next: Kind) => {
    setKind(next);
    setFieldProblems({});
    setProblem(undefined);
  };
  const teamOptions = teams.map((team) => ({ value: team._id, label: team.name ?? team._id }));
  const status = (field: Field) => (fieldProblems[field] ? ('error' as const) : undefined);
  const titleOf = (proposal: Proposal) => (proposal.subject ? t('ra.kindOf', { kind: t(`proposal.${proposal.input.kind}`), subject: proposal.subject }) : t(`proposal.${proposal.input.kind}`));
  const waitingFor = (proposal: Proposal) => {
    const names = (proposal.deciders ?? []).join('、');
    return t('ra.submitted', { names: names ? t('ra.orAdmin', { names }) : t('ra.anAdmin') });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('reassignment')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Segmented<Kind> orientation={narrow ? 'vertical' : 'horizontal'} value={kind} onChange={chooseKind} options={(['customer', 'book', 'territory'] as const).map((value) => ({ value, label: t(`proposal.${value}`) }))} />
          <Form layout="vertical" style={{ maxWidth: 560 }} onFinish={() => void propose()}>
            {kind === 'customer' && (
              <Form.Item label={t('customer')} htmlFor="reassign-customer" validateStatus={status('customer')} help={fieldProblems.customer}>
                <CustomerSearch id="reassign-customer" api={api} value={customer} status={status('customer')} onChange={(chosen) => { setCustomer(chosen); setFieldProblems({ ...fieldProblems, customer: undefined }); }} />
              </Form.Item>
            )}
            {kind === 'book' && (
              <Form.Item label={t('rep')} htmlFor="reassign-rep" validateStatus={status('rep')} help={fieldProblems.rep}>
                <Select id="reassign-rep" aria-label={t('rep')} placeholder={t('rep')} showSearch={{ optionFilterProp: 'label' }} value={repId} status={status('rep')} onChange={(value: string) => { setRepId(value); setFieldProblems({ ...fieldProblems, rep: undefined }); }} options={reps.map((rep) => ({ value: rep._id, label: rep.displayName ?? rep._id }))} />
              </Form.Item>
            )}
            <Form.Item label={kind === 'territory' ? t('team') : t('toTeam')} htmlFor="reassign-team" validateStatus={status('team')} help={fieldProblems.team ?? (kind === 'book' ? t('ra.bookTeamHelp') : undefined)}>
              <Select id="reassign-team" aria-label={kind === 'territory' ? t('team') : t('toTeam')} placeholder={kind === 'territory' ? t('team') : t('toTeam')} allowClear={kind === 'book'} showSearch={{ optionFilterProp: 'label' }} value={teamId} status={status('team')} onChange={(value: string | undefined) => { setTeamId(value); setFieldProblems({ ...fieldProblems, team: undefined }); }} options={teamOptions} />
            </Form.Item>
            {kind === 'territory' && (
              <Form.Item label={t('regions')} validateStatus={status('regions')} help={fieldProblems.regions}>
                <RegionPicker multiple anyLevel value={regions} onChange={(codes) => setRegions(Array.isArray(codes) ? codes : codes ? [codes] : [])} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit">
              {t('propose')}
            </Button>
          </Form>
          {problem && <Alert type="error" title={problem} />}
        </Space>
      </Card>
      {selected && (
        <Card title={`${titleOf(selected)} · ${t(`proposalStatus.${selected.status}` as MessageKey)}`}>
          <ImpactReport impact={selected.impact} />
          {selected.status === 'proposed' && !selected.mayDecide && <Alert type="info" style={{ marginTop: 8 }} title={waitingFor(selected)} />}
          {selected.status === 'proposed' && selected.mayDecide && (
            <Space wrap style={{ marginTop: 8 }}>
              <Input aria-label={t('comment')} placeholder={t('comment')} value={comment} onChange={(event) => setComment(event.target.value)} style={{ width: 280, maxWidth: '100%' }} />
              <Button type="primary" disabled={!comment.trim()} onClick={() => void decide(true)}>
                {t('approve')}
              </Button>
              <Button danger disabled={!comment.trim()} onClick={() => void decide(false)}>
                {t('reject')}
              </Button>
            </Space>
          )}
          {selected.result && <ProposalResult result={selected.result} />}
          {selected.status === 'rejected' && <Alert type="info" style={{ marginTop: 8 }} title={t('ra.rejectedDone')} />}
        </Card>
      )}
      <Card title={t('proposals')}>
        <List
          size="small"
          dataSource={proposals}
          locale={{ emptyText: t('queueEmpty') }}
          renderItem={(proposal) => (
            <List.Item actions={[<Button key="open" size="small" onClick={() => setSelected(proposal)}>{t('review')}</Button>]}>
              <Space wrap>
                <Tag>{t(`proposalStatus.${proposal.status}` as MessageKey)}</Tag>
                {titleOf(proposal)} · {t('impact', { customers: String(proposal.impact.customers), claims: String(proposal.impact.openClaims) })} · {proposal.createdAt.slice(0, 10)}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
