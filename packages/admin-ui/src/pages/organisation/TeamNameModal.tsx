import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { placeProblems } from './organisationProblems.js';
import type { OrgTeam } from './organisationTypes.js';

interface Props {
  api: ApiClient;
  /** The team renamed, `'new'` to create one, undefined when closed. */
  team: OrgTeam | 'new' | undefined;
  onClose(): void;
  onSaved(team: OrgTeam): void;
}

/** Creates a team or renames one; a name another team has is refused under the field. */
export function TeamNameModal({ api, team, onClose, onSaved }: Props) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!team) return;
    setProblem(undefined);
    form.resetFields();
    form.setFieldsValue({ name: team === 'new' ? '' : team.name });
  }, [team, form]);

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !team) return;
    setSaving(true);
    try {
      const body = { name: values.name.trim() };
      onSaved(team === 'new' ? await api.call<OrgTeam>('POST', '/api/teams', body) : await api.call<OrgTeam>('PUT', `/api/teams/${team._id}`, body));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const placed = placeProblems(error, t, new Set(['name']), language === 'zh' ? '；' : '; ');
      form.setFields(placed.fields.map((field) => ({ name: field.name as never, errors: [field.message] })));
      setProblem(placed.page);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={team !== undefined} title={team === 'new' ? t('org.newTeam') : t('org.renameTeam')} okText={t('save')} cancelText={t('org.cancel')} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} forceRender>
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="team" onFinish={() => void save()}>
        <Form.Item name="name" label={t('org.teamName')} rules={[{ required: true, whitespace: true, message: t('org.teamNameRequired') }, { max: 100, message: t('org.tooLong') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
