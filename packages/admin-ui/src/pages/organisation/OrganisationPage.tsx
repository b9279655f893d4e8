import { Alert, Card, Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { OrgTeam, OrgUser } from './organisationTypes.js';
import { TeamsPanel } from './TeamsPanel.js';
import { UsersPanel } from './UsersPanel.js';

/** The admin's organisation: users and teams, with each team's territories and members. */
export function OrganisationPage({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [users, setUsers] = useState<OrgUser[]>();
  const [teams, setTeams] = useState<OrgTeam[]>();
  const [failed, setFailed] = useState<string>();

  const reload = useCallback(async () => {
    try {
      const [userList, teamList] = await Promise.all([api.call<{ users: OrgUser[] }>('GET', '/api/users'), api.call<{ teams: OrgTeam[] }>('GET', '/api/teams')]);
      setUsers(userList.users);
      setTeams(teamList.teams);
      setFailed(undefined);
    } catch (error) {
      setFailed((error as Error).message);
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <Card title={t('org.title')}>
      {failed && <Alert type="error" title={t('org.loadFailed', { message: failed })} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          { key: 'users', label: t('org.users'), children: <UsersPanel api={api} users={users} teams={teams ?? []} reload={reload} /> },
          { key: 'teams', label: t('org.teams'), children: <TeamsPanel api={api} teams={teams} users={users ?? []} reload={reload} /> },
        ]}
      />
    </Card>
  );
}
