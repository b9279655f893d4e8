import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';
import { RoleChoices } from './RoleChoices.js';

interface ApiKey {
  _id: string;
  name: string;
  role: string;
  teams: string[];
  origins?: string[];
  createdAt: string;
  revokedAt?: string;
}
interface Scope {
  name: string;
  role: string;
  teams: string[];
  origins: string[];
}

/** The roles a key may have, least privilege first: a new key gets the first. */
const ROLES = ['rep', 'manager', 'finance', 'director', 'admin'] as const;
type KeyRole = (typeof ROLES)[number];
const roleName = (role: string): MessageKey => `apiKeys.role.${role as KeyRole}`;

/**
 * An admin's integrations: API keys with their scope (role, teams, the
 * origins that may embed the registration form). A key is shown once, when
 * created; its scope can change and it can be revoked, never shown again.
 */
export function ApiKeysPage({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [teams, setTeams] = useState<Array<{ _id: string; name: string }>>([]);
  const [editing, setEditing] = useState<ApiKey | 'new'>();
  const [shown, setShown] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<Scope>();
  const chosenRole = Form.useWatch('role', form);

  const load = useCallback(async () => setKeys((await api.call<{ keys: ApiKey[] }>('GET', '/api/api-keys')).keys), [api]);
  useEffect(() => {
    void load();
    void api.call<{ teams: Array<{ _id: string; name: string }> }>('GET', '/api/teams').then((answer) => setTeams(answer.teams));
  }, [api, load]);

  const open = (key: ApiKey | 'new') => {
    setProblem(undefined);
    form.setFieldsValue(key === 'new' ? { name: '', role: ROLES[0], teams: [], origins: [] } : { name: key.name, role: key.role, teams: key.teams, origins: key.origins ?? [] });
    setEditing(key);
  };
  const save = async () => {
    let scope: Scope;
    try {
      scope = await form.validateFields();
    } catch {
      return; // antd shows each problem under its field
    }
    try {
      if (editing === 'new') {
        const created = await api.call<{ key: string }>('POST', '/api/api-keys', scope);
        setShown(created.key);
      } else if (editing) {
        await api.call('PUT', `/api/api-keys/${editing._id}`, scope);
      }
      setEditing(undefined);
      await load();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      // A problem with a field lands on it (`/teams/0` on the teams); the rest above the form.
      const fields = ['name', 'role', 'teams', 'origins'];
      const onFields = error.details.filter((d) => fields.includes(d.path.split('/')[1] ?? ''));
      form.setFields(onFields.map((d) => ({ name: d.path.split('/')[1] as keyof Scope, errors: [d.message] })));
      const rest = error.details.filter((d) => !onFields.includes(d));
      if (onFields.length === 0 || rest.length > 0) setProblem([error.message, ...rest.map((d) => d.message)].join(' · '));
    }
  };
  const revoke = async (key: ApiKey) => {
    await api.call('POST', `/api/api-keys/${key._id}/revoke`);
    await load();
  };
  const teamName = (id: string) => teams.find((team) => team._id === id)?.name ?? id;

  return (
    <Card title={t('apiKeys')} extra={<Button type="primary" onClick={() => open('new')}>{t('newApiKey')}</Button>}>
      {shown && (
        <Alert
          type="success"
          closable={{ onClose: () => setShown(undefined) }}
          style={{ marginBottom: 16 }}
          title={t('apiKeyShownOnce')}
          description={<Typography.Text code copyable aria-label={t('apiKeyValue')}>{shown}</Typography.Text>}
        />
      )}
      <Table<ApiKey>
        rowKey="_id"
        dataSource={keys}
        pagination={false}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('role'), render: (_, key) => t(roleName(key.role)) },
          { title: t('teamsLabel'), render: (_, key) => key.teams.map((team) => <Tag key={team}>{teamName(team)}</Tag>) },
          { title: t('embedOrigins'), render: (_, key) => (key.origins ?? []).map((origin) => <Tag key={origin}>{origin}</Tag>) },
          { title: t('createdAt'), render: (_, key) => key.createdAt.slice(0, 10) },
          {
            title: '',
            render: (_, key) =>
              key.revokedAt ? (
                <Tag color="red">{t('revoked')}</Tag>
              ) : (
                <Space>
                  <Button size="small" onClick={() => open(key)}>{t('editScope')}</Button>
                  <Popconfirm title={t('revokeConfirm', { name: key.name })} onConfirm={() => void revoke(key)} okText={t('revoke')}>
                    <Button size="small" danger>{t('revoke')}</Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={editing !== undefined} title={editing === 'new' ? t('newApiKey') : t('editScope')} okText={t('save')} onOk={() => void save()} onCancel={() => setEditing(undefined)} destroyOnHidden>
        {problem && <Alert type="error" title={problem} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('role')} rules={[{ required: true }]} extra={t('apiKeys.roleHelp')}>
            <Select options={ROLES.map((role) => ({ value: role, label: t(roleName(role)) }))} />
          </Form.Item>
          <RoleChoices roles={ROLES} chosen={chosenRole} />
          <Form.Item name="teams" label={t('teamsLabel')}>
            <Select mode="multiple" options={teams.map((team) => ({ value: team._id, label: team.name }))} />
          </Form.Item>
          <Form.Item name="origins" label={t('embedOrigins')} extra={t('embedOriginsHelp')} rules={[{ type: 'array', defaultField: { type: 'string', pattern: /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, message: t('originFormat') } }]}>
            <Select mode="tags" open={false} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
