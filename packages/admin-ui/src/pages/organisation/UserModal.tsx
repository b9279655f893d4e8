import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { placeProblems } from './organisationProblems.js';
import type { OrgTeam, OrgUser } from './organisationTypes.js';
import { USER_ROLES } from './organisationTypes.js';
import { ROLE_NAME } from './roleNames.js';
import { MIN_PASSWORD_LENGTH, USERNAME_PATTERN, newUserBody, teamsProblem, userEdits } from './userForm.js';
import type { UserFormValues } from './userForm.js';
import { useLeaveGuard } from './useLeaveGuard.js';

interface Props {
  api: ApiClient;
  /** The user edited, `'new'` to create one, undefined when closed. */
  user: OrgUser | 'new' | undefined;
  teams: readonly OrgTeam[];
  onClose(): void;
  onSaved(): void;
}

const FIELDS = new Set(['username', 'displayName', 'role', 'teams', 'password']);

/** Creates a user (username, display name, role, teams, first password) or changes one's name, role and teams, with the server's problems on their fields. */
export function UserModal({ api, user, teams, onClose, onSaved }: Props) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<UserFormValues>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const { confirmLeave, holder } = useLeaveGuard(form);
  const role = Form.useWatch('role', form);
  const creating = user === 'new';

  useEffect(() => {
    if (!user) return;
    setProblem(undefined);
    form.resetFields();
    form.setFieldsValue(user === 'new' ? { role: 'rep', teams: [] } : { displayName: user.displayName, role: user.role, teams: user.teams });
  }, [user, form]);

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !user) return;
    setSaving(true);
    setProblem(undefined);
    try {
      if (user === 'new') await api.call('POST', '/api/users', newUserBody(values));
      else for (const edit of userEdits(user, values)) await api.call('PUT', edit.path, edit.body);
      onSaved();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const placed = placeProblems(error, t, FIELDS, language === 'zh' ? '；' : '; ');
      form.setFields(placed.fields.map((field) => ({ name: field.name as never, errors: [field.message] })));
      setProblem(placed.page);
    } finally {
      setSaving(false);
    }
  };
  const teamsRule = { validator: (_: unknown, value: string[] | undefined) => { const key = teamsProblem(form.getFieldValue('role') as UserFormValues['role'], value); return key ? Promise.reject(new Error(t(key))) : Promise.resolve(); } };
  const teamPicker = role !== 'admin' && role !== 'finance' && role !== 'director';

  return (
    <Modal
      open={user !== undefined}
      title={creating ? t('org.newUser') : t('org.editUser', { name: user?.displayName ?? '' })}
      okText={t('save')}
      cancelText={t('org.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => confirmLeave(onClose)}
      forceRender
    >
      {holder}
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="user" onValuesChange={(changed: Partial<UserFormValues>) => 'role' in changed && void form.validateFields(['teams']).catch(() => undefined)}>
        {creating && (
          <Form.Item name="username" label={t('username')} extra={t('org.usernameHelp')} rules={[{ required: true, message: t('org.usernameRequired') }, { pattern: USERNAME_PATTERN, message: t('org.usernameFormat') }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('org.displayName')} rules={[{ required: true, whitespace: true, message: t('org.displayNameRequired') }, { max: 100, message: t('org.tooLong') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('org.roleRequired') }]}>
          <Select options={USER_ROLES.map((value) => ({ value, label: t(ROLE_NAME[value]) }))} />
        </Form.Item>
        {teamPicker && (
          <Form.Item name="teams" label={t('teamsLabel')} required rules={[teamsRule]} extra={role === 'rep' ? t('org.repTeamHelp') : t('org.managerTeamHelp')}>
            <Select mode="multiple" options={teams.map((team) => ({ value: team._id, label: team.name }))} notFoundContent={t('org.noTeamsYet')} />
          </Form.Item>
        )}
        {creating && (
          <Form.Item name="password" label={t('org.initialPassword')} extra={t('org.passwordHelp', { min: String(MIN_PASSWORD_LENGTH) })} rules={[{ required: true, message: t('org.passwordRequired') }, { min: MIN_PASSWORD_LENGTH, message: t('org.passwordTooShort', { min: String(MIN_PASSWORD_LENGTH) }) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
