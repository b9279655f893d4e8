import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';

export function LoginPage({ api, onSignedIn }: { api: ApiClient; onSignedIn(): void }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    try {
      await api.login(values.username, values.password);
      onSignedIn();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('signIn')} style={{ maxWidth: 380, margin: '48px auto' }}>
      {failed && <Alert type="error" title={t('wrongPassword')} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signIn')}
        </Button>
      </Form>
    </Card>
  );
}
