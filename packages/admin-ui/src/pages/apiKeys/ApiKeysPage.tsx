import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { roleName } from '../../shell/UserBadge.js';

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

const ROLES = ['admin', 'manager', 'finance', 'director', 'rep'];
const FIELDS: ReadonlyArray<keyof Scope> = ['name', 'role', 'teams', 'origins'];

/** The form field a server problem's JSON Pointer names: its first step (`/origins/1` → `origins`). */
const fieldOf = (path: string) => FIELDS.find((field) => field === path.split('/')[1]);

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

  const load = useCallback(async () => setKeys((await api.call<{ keys: ApiKey[] }>('GET', '/api/api-keys')).keys), [api]);
  useEffect(() => {
    void load();
    void api.call<{ teams: Array<{ _id: string; name: string }> }>('GET', '/api/teams').then((answer) => setTeams(answer.teams));
  }, [api, load]);

  const open = (key: ApiKey | 'new') => {
    setProblem(undefined);
    form.setFieldsValue(key === 'new' ? { name: '', role: 'admin', teams: [], origins: [] } : { name: key.name, role: key.role, teams: key.teams, origins: key.origins ?? [] });
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
      // The server's problems land on the fields they name (`/origins/1` → Embed origins); the rest above the form.
      const onFields = error.details.filter((detail) => fieldOf(detail.path) !== undefined);
      form.setFields(FIELDS.map((field) => ({ name: field, errors: onFields.filter((detail) => fieldOf(detail.path) === field).map((detail) => detail.message) })));
      setProblem(onFields.length > 0 && onFields.length === error.details.length ? undefined : error.message);
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
          { title: t('role'), render: (_, key) => roleName(key.role, t) },
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
          <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
            <Select options={ROLES.map((role) => ({ value: role, label: roleName(role, t) }))} />
          </Form.Item>
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
