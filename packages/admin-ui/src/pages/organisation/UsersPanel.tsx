import { Alert, Button, Input, Popconfirm, Space, Table, Tag, message as antMessage } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { OrgTeam, OrgUser } from './organisationTypes.js';
import { USER_ROLES } from './organisationTypes.js';
import { PasswordModal } from './PasswordModal.js';
import { ROLE_NAME } from './roleNames.js';
import { userMatches } from './userForm.js';
import { UserModal } from './UserModal.js';

interface Props {
  api: ApiClient;
  users: OrgUser[] | undefined;
  teams: OrgTeam[];
  reload(): Promise<void>;
}

/** Every user in a table (search, filters by role, team and status), created and changed in a dialog, disabled and enabled after a confirmation. */
export function UsersPanel({ api, users, teams, reload }: Props) {
  const { t } = useI18n();
  const [message, messageHolder] = antMessage.useMessage();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<OrgUser | 'new'>();
  const [resetting, setResetting] = useState<OrgUser>();
  const [problem, setProblem] = useState<string>();
  const teamName = (id: string) => teams.find((team) => team._id === id)?.name ?? t('org.unknownTeam');

  const toggle = async (user: OrgUser) => {
    setProblem(undefined);
    try {
      await api.call('POST', `/api/users/${user._id}/${user.disabled ? 'enable' : 'disable'}`);
      void message.success(t(user.disabled ? 'org.enabledDone' : 'org.disabledDone', { name: user.displayName }));
      await reload();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error.code === 'last-admin' ? t('org.lastAdmin') : error.message);
    }
  };

  return (
    <>
      {messageHolder}
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Input.Search allowClear placeholder={t('org.searchUsers')} aria-label={t('org.searchUsers')} onChange={(event) => setQuery(event.target.value)} style={{ width: 280, maxWidth: '100%' }} />
        <Button type="primary" onClick={() => setEditing('new')}>{t('org.newUser')}</Button>
      </Space>
      {problem && <Alert type="error" title={problem} closable={{ onClose: () => setProblem(undefined) }} style={{ marginBottom: 12 }} />}
      <Table<OrgUser>
        rowKey="_id"
        loading={users === undefined}
        dataSource={(users ?? []).filter((user) => userMatches(user, query))}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('org.displayName'), dataIndex: 'displayName', sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh') },
          { title: t('username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
          {
            title: t('role'),
            key: 'role',
            render: (_, user) => t(ROLE_NAME[user.role]),
            filters: USER_ROLES.map((role) => ({ text: t(ROLE_NAME[role]), value: role })),
            onFilter: (value, user) => user.role === value,
          },
          {
            title: t('teamsLabel'),
            key: 'teams',
            render: (_, user) => user.teams.map((team) => <Tag key={team}>{teamName(team)}</Tag>),
            filters: teams.map((team) => ({ text: team.name, value: team._id })),
            onFilter: (value, user) => user.teams.includes(String(value)),
          },
          {
            title: t('org.status'),
            key: 'status',
            render: (_, user) => (user.disabled ? <Tag color="default">{t('org.disabled')}</Tag> : <Tag color="green">{t('org.active')}</Tag>),
            filters: [
              { text: t('org.active'), value: 'active' },
              { text: t('org.disabled'), value: 'disabled' },
            ],
            onFilter: (value, user) => (value === 'disabled') === (user.disabled ?? false),
          },
          {
            title: t('org.actions'),
            key: 'actions',
            render: (_, user) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(user)}>{t('org.edit')}</Button>
                <Button size="small" onClick={() => setResetting(user)}>{t('org.resetPassword')}</Button>
                <Popconfirm
                  title={t(user.disabled ? 'org.enableConfirm' : 'org.disableConfirm', { name: user.displayName })}
                  okText={t(user.disabled ? 'org.enable' : 'org.disable')}
                  cancelText={t('org.cancel')}
                  okButtonProps={{ danger: !user.disabled }}
                  onConfirm={() => toggle(user)}
                >
                  <Button size="small" danger={!user.disabled}>{t(user.disabled ? 'org.enable' : 'org.disable')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <UserModal
        api={api}
        user={editing}
        teams={teams}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          void message.success(t('org.saved'));
          setEditing(undefined);
          void reload();
        }}
      />
      <PasswordModal
        api={api}
        user={resetting}
        onClose={() => setResetting(undefined)}
        onSaved={(user) => {
          void message.success(t('org.passwordResetDone', { name: user.displayName }));
          setResetting(undefined);
        }}
      />
    </>
  );
}
