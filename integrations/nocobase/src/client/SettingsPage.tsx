import React, { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Space, Spin, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAPIClient } from '@nocobase/client';
import { NAMESPACE } from './locale.js';
import type { SettingsFormValues } from './settingsForm.js';
import { formValuesOf, savePayloadOf } from './settingsForm.js';

/** The settings collection the page edits (the server plugin's `SETTINGS_COLLECTION`). */
const RESOURCE = 'crmPolicySettings';

/**
 * The plugin's page in NocoBase's plugin settings: the one `crmPolicySettings`
 * row as a form. The API key is write-only (the server never sends it; typing
 * one replaces it, leaving it empty keeps it).
 */
export function SettingsPage(): React.JSX.Element {
  const { t } = useTranslation(NAMESPACE);
  const api = useAPIClient();
  const [form] = Form.useForm<SettingsFormValues>();
  const [rowId, setRowId] = useState<unknown>(undefined);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    let live = true;
    api
      .resource(RESOURCE)
      .list({ pageSize: 1 })
      .then((answer) => {
        if (!live) return;
        const row = (answer.data.data as Array<Record<string, unknown>> | undefined)?.[0];
        setRowId(row?.['id']);
        form.setFieldsValue(formValuesOf(row));
        setState('ready');
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
    };
  }, [api, form]);

  const save = async (values: SettingsFormValues) => {
    setSaving(true);
    try {
      const payload = savePayloadOf(values);
      if (rowId === undefined) {
        const created = await api.resource(RESOURCE).create({ values: payload });
        setRowId((created.data.data as Record<string, unknown> | undefined)?.['id']);
      } else {
        await api.resource(RESOURCE).update({ filterByTk: rowId, values: payload });
      }
      form.setFieldValue('apiKey', '');
      void message.success(t('Saved'));
    } catch {
      void message.error(t('The settings could not be saved'));
    } finally {
      setSaving(false);
    }
  };

  if (state === 'loading') return <Spin />;
  if (state === 'failed') return <Alert type="error" showIcon message={t('The settings could not be loaded')} />;
  const required = [{ required: true, message: t('Required') }];
  return (
    <Card title={t('crm-policy')}>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="mode" label={t('How decisions are made')}>
          <Radio.Group>
            <Radio value="server">{t('Through the crm-policy server')}</Radio>
            <Radio value="in-process">{t('In this process, from published rule files')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="serverUrl" label={t('Server URL')} rules={mode === 'in-process' ? [] : required}>
          <Input placeholder="https://crm-policy.example.com" />
        </Form.Item>
        <Form.Item name="apiKey" label={t('API key')} extra={t('A registrar key of the crm-policy server. Leave empty to keep the saved key.')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="timeoutMs" label={t('Timeout')} rules={[{ type: 'number', min: 1, message: t('Must be a number of milliseconds above 0') }]}>
          <InputNumber min={1} step={1000} addonAfter={t('ms')} />
        </Form.Item>
        <Form.Item name="collection" label={t('Registration collection')} extra={t('New records of this collection are registered with crm-policy; empty: none.')}>
          <Input placeholder="customers" />
        </Form.Item>
        <Form.Item name="industry" label={t('Industry')}>
          <Input placeholder="software" />
        </Form.Item>
        <Form.Item label={t('Field mapping')}>
          <Form.List name="fieldMap">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space key={row.key} align="baseline">
                    <Form.Item name={[row.name, 'formField']} rules={required}>
                      <Input placeholder={t('Registration form field')} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'collectionField']} rules={required}>
                      <Input placeholder={t('Collection field')} />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>{t('Remove')}</Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ formField: '', collectionField: '' })}>
                  {t('Add a field')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="userField" label={t('User field with the crm-policy rep')}>
          <Input placeholder="username" />
        </Form.Item>
        <Form.Item name="protectedUntilField" label={t('Protected-until field')}>
          <Input placeholder="protectedUntil" />
        </Form.Item>
        {mode === 'in-process' && (
          <Form.Item name="rulesDir" label={t('Rules folder')} extra={t('In-process mode: a folder of published rule files (<policy>.json); empty, they are fetched from the server.')}>
            <Input />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('Save')}
        </Button>
      </Form>
    </Card>
  );
}
