import { Alert, Button, Drawer, Form, Grid, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { MembersForm } from './MembersForm.js';
import { placeProblems } from './organisationProblems.js';
import type { OrgTeam, OrgUser } from './organisationTypes.js';
import { memberRowPointer, memberRows, membersBody, territoriesBody, territoryRows } from './teamForm.js';
import type { MemberRow, TerritoryRow } from './teamForm.js';
import { TerritoriesForm } from './TerritoriesForm.js';
import { useLeaveGuard } from './useLeaveGuard.js';

interface Props {
  api: ApiClient;
  /** The team whose territories and members are edited; undefined when closed. */
  teamId: string | undefined;
  users: readonly OrgUser[];
  onClose(): void;
  onSaved(): void;
}

interface Values {
  territories: TerritoryRow[];
  members: MemberRow[];
}

/** A team's territories (regions, narrowed by size, industry and product line) and members (inside or field, capacity, on leave), edited beside the list. */
export function TeamDrawer({ api, teamId, users, onClose, onSaved }: Props) {
  const { t, language } = useI18n();
  const wide = Grid.useBreakpoint().md ?? true;
  const [form] = Form.useForm<Values>();
  const [team, setTeam] = useState<OrgTeam>();
  const [failed, setFailed] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const { confirmLeave, holder } = useLeaveGuard(form);

  useEffect(() => {
    setTeam(undefined);
    setProblem(undefined);
    setFailed(undefined);
    if (!teamId) return;
    let current = true;
    api.call<OrgTeam>('GET', `/api/teams/${teamId}`).then(
      (answer) => current && setTeam(answer),
      (error: Error) => current && setFailed(error.message),
    );
    return () => {
      current = false;
    };
  }, [api, teamId]);

  useEffect(() => {
    if (!team) return;
    form.resetFields();
    form.setFieldsValue({ territories: territoryRows(team.territories), members: memberRows(team._id, users, team.members) });
  }, [team, users, form]);

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !team) return;
    setSaving(true);
    setProblem(undefined);
    const rows = values.members ?? [];
    try {
      await api.call('PUT', `/api/teams/${team._id}/territories`, territoriesBody(values.territories));
      await api.call('PUT', `/api/teams/${team._id}/members`, membersBody(rows));
      onSaved();
      onClose();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const details = error.details.map((detail) => ({ ...detail, path: memberRowPointer(detail.path, rows) }));
      const placed = placeProblems({ message: error.message, details }, t, new Set(['territories', 'members']), language === 'zh' ? '；' : '; ');
      form.setFields(placed.fields.map((field) => ({ name: field.name as never, errors: [field.message] })));
      setProblem(placed.page);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={teamId !== undefined}
      size={wide ? 760 : '100%'}
      title={team ? t('org.teamDrawerTitle', { name: team.name }) : t('org.territoriesAndMembers')}
      onClose={() => confirmLeave(onClose)}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => confirmLeave(onClose)}>{t('org.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={!team} onClick={() => void save()}>{t('save')}</Button>
        </Space>
      }
    >
      {holder}
      {failed && <Alert type="error" title={failed} />}
      {!team && !failed && <Skeleton active />}
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="team-setup" hidden={!team}>
        {team && <TerritoriesForm />}
        {team && <MembersForm />}
      </Form>
    </Drawer>
  );
}
