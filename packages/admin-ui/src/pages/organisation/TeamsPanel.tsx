import { Button, Space, Table, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { regionName } from '../../components/regionName.js';
import { useDivisions } from '../../components/useDivisions.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { OrgTeam, OrgUser } from './organisationTypes.js';
import { RobotsDrawer } from './robots/RobotsDrawer.js';
import { TeamDrawer } from './TeamDrawer.js';
import { TeamNameModal } from './TeamNameModal.js';

interface Props {
  api: ApiClient;
  teams: OrgTeam[] | undefined;
  users: OrgUser[];
  reload(): Promise<void>;
}

/** Every team with where it sells and who works in it; created and renamed in a dialog, its territories and members, and its chat robots, set in drawers. */
export function TeamsPanel({ api, teams, users, reload }: Props) {
  const { t, language } = useI18n();
  const divisions = useDivisions() ?? undefined;
  const [message, messageHolder] = antMessage.useMessage();
  const [naming, setNaming] = useState<OrgTeam | 'new'>();
  const [opened, setOpened] = useState<string>();
  const [robotsOf, setRobotsOf] = useState<OrgTeam>();
  const regions = (team: OrgTeam) => [...new Set((team.territories ?? []).flatMap((territory) => territory.regions))].map((code) => regionName(divisions, code, language)).filter(Boolean);

  return (
    <>
      {messageHolder}
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'flex-end' }}>
        <Button type="primary" onClick={() => setNaming('new')}>{t('org.newTeam')}</Button>
      </Space>
      <Table<OrgTeam>
        rowKey="_id"
        loading={teams === undefined}
        dataSource={teams ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('org.noTeams') }}
        columns={[
          { title: t('org.teamName'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh') },
          {
            title: t('org.territories'),
            key: 'territories',
            render: (_, team) => {
              const named = regions(team);
              return named.length ? <Typography.Text style={{ maxWidth: 420, display: 'inline-block' }}>{named.join('、')}</Typography.Text> : <Typography.Text type="secondary">{t('org.noTerritories')}</Typography.Text>;
            },
          },
          { title: t('org.memberCount'), key: 'members', render: (_, team) => t('org.membersOf', { members: String(team.members?.length ?? 0), users: String(users.filter((user) => user.teams.includes(team._id)).length) }) },
          {
            title: t('org.actions'),
            key: 'actions',
            render: (_, team) => (
              <Space wrap>
                <Button size="small" type="primary" ghost onClick={() => setOpened(team._id)}>{t('org.territoriesAndMembers')}</Button>
                <Button size="small" onClick={() => setRobotsOf(team)}>{t('robots.open')}</Button>
                <Button size="small" onClick={() => setNaming(team)}>{t('org.rename')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <TeamNameModal
        api={api}
        team={naming}
        onClose={() => setNaming(undefined)}
        onSaved={(team) => {
          void message.success(t('org.saved'));
          setNaming(undefined);
          void reload();
          if (naming === 'new') setOpened(team._id);
        }}
      />
      <TeamDrawer api={api} teamId={opened} users={users} onClose={() => setOpened(undefined)} onSaved={() => { void message.success(t('org.saved')); void reload(); }} />
      <RobotsDrawer api={api} team={robotsOf} onClose={() => setRobotsOf(undefined)} />
    </>
  );
}
