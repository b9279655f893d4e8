import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { placeProblems } from './organisationProblems.js';
import type { OrgUser } from './organisationTypes.js';
import { MIN_PASSWORD_LENGTH } from './userForm.js';

interface Props {
  api: ApiClient;
  /** Whose password is reset; undefined when closed. */
  user: OrgUser | undefined;
  onClose(): void;
  onSaved(user: OrgUser): void;
}

/** Sets a new password for a user (their sessions end), with the server's verdict on a weak one under the field. */
export function PasswordModal({ api, user, onClose, onSaved }: Props) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    form.resetFields();
    setProblem(undefined);
  }, [user, form]);

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !user) return;
    setSaving(true);
    try {
      await api.call('PUT', `/api/users/${user._id}/password`, { password: values.password });
      onSaved(user);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const placed = placeProblems(error, t, new Set(['password']), language === 'zh' ? '；' : '; ');
      form.setFields(placed.fields.map((field) => ({ name: field.name as never, errors: [field.message] })));
      setProblem(placed.page);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={user !== undefined} title={t('org.resetPasswordOf', { name: user?.displayName ?? '' })} okText={t('org.resetPassword')} cancelText={t('org.cancel')} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} forceRender>
      <Alert type="info" title={t('org.resetPasswordEffect')} style={{ marginBottom: 12 }} />
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="password">
        <Form.Item name="password" label={t('org.newPassword')} extra={t('org.passwordHelp', { min: String(MIN_PASSWORD_LENGTH) })} rules={[{ required: true, message: t('org.passwordRequired') }, { min: MIN_PASSWORD_LENGTH, message: t('org.passwordTooShort', { min: String(MIN_PASSWORD_LENGTH) }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
