import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../api/client.js';
import { ApiProblem } from '../../../api/client.js';
import { saveRobot, SIGNED_PLATFORMS } from '../../../api/robotsApi.js';
import type { RobotPlatform, TeamRobot } from '../../../api/robotsApi.js';
import { useI18n } from '../../../i18n/I18nContext.js';
import { placeRobotProblems } from './robotProblems.js';

interface Props {
  api: ApiClient;
  team: string;
  /** The platform whose robot is set, undefined when closed. */
  platform: RobotPlatform | undefined;
  /** The robot saved before, if any: its secret is kept when the field is left empty. */
  current: TeamRobot | undefined;
  onClose(): void;
  onSaved(robot: TeamRobot): void;
}

interface Values {
  url: string;
  secret?: string;
}

/**
 * Sets or replaces a team's robot on one platform: its webhook address and, for
 * DingTalk and Feishu, its signing secret, with where to find both in the
 * platform. Both are write-only; the server's refusals land under their field.
 */
export function RobotModal({ api, team, platform, current, onClose, onSaved }: Props) {
  const { t, language } = useI18n();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const signed = platform !== undefined && SIGNED_PLATFORMS.has(platform);
  const name = platform ? t(`robots.platform.${platform}`) : '';

  useEffect(() => {
    if (!platform) return;
    setProblem(undefined);
    form.resetFields();
  }, [platform, form]);

  const save = async () => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values || !platform) return;
    setSaving(true);
    setProblem(undefined);
    try {
      const secret = values.secret?.trim();
      onSaved(await saveRobot(api, team, platform, { url: values.url.trim(), ...(signed && secret ? { secret } : {}) }));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const placed = placeRobotProblems(error, t, language === 'zh' ? '；' : '; ');
      form.setFields(placed.fields.map((field) => ({ name: field.name as never, errors: [field.message] })));
      setProblem(placed.page);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={platform !== undefined}
      title={t('robots.modalTitle', { platform: name })}
      okText={t('save')}
      cancelText={t('org.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      width={600}
      forceRender
    >
      {platform && <Typography.Paragraph type="secondary" data-testid="robot-where">{t(`robots.where.${platform}`)}</Typography.Paragraph>}
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="robot" onFinish={() => void save()}>
        <Form.Item
          name="url"
          label={t('robots.address')}
          extra={current ? t('robots.currentAddress', { hint: current.urlHint }) : undefined}
          rules={[{ required: true, whitespace: true, message: t('robots.urlRequired') }, { max: 2000, message: t('robots.urlTooLong') }]}
        >
          <Input autoComplete="off" placeholder="https://" />
        </Form.Item>
        {signed && (
          <Form.Item name="secret" label={t('robots.secret')} extra={t(current?.hasSecret ? 'robots.secretKeep' : 'robots.secretOptional')} rules={[{ max: 200, message: t('robots.secretTooLong') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
