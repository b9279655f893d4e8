import { Empty, Form, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nContext.js';
import { MEMBER_ROLES } from './organisationTypes.js';
import { MEMBER_ROLE_NAME } from './roleNames.js';
import type { MemberRow } from './teamForm.js';

/** The drawer's members: every rep and manager of the team, counted in for assignment or not, with their way of selling, capacity and availability. */
export function MembersForm() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  // preserve: the rows' names and states are no form fields, only their settings are.
  const rows = (Form.useWatch('members', { form, preserve: true }) as MemberRow[] | undefined) ?? [];
  return (
    <section aria-label={t('org.members')}>
      <Typography.Title level={5}>{t('org.members')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('org.membersHelp')}</Typography.Paragraph>
      <Form.List name="members">
        {(fields) =>
          fields.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noTeamUsers')} />
          ) : (
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={fields}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('org.displayName'),
                  key: 'name',
                  // The user's name stands where the server's problems about them (`/members/<i>/userId`) are shown.
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'userId']} style={{ marginBottom: 0 }}>
                      <MemberName row={rows[field.name]} disabledText={t('org.disabled')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('org.inAssignment'),
                  key: 'member',
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'member']} valuePropName="checked" noStyle>
                      <Switch aria-label={t('org.inAssignmentOf', { name: rows[field.name]?.name ?? '' })} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('org.memberRole'),
                  key: 'role',
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'role']} style={{ marginBottom: 0 }}>
                      <Select aria-label={t('org.memberRoleOf', { name: rows[field.name]?.name ?? '' })} disabled={!rows[field.name]?.member} style={{ width: 130 }} options={MEMBER_ROLES.map((role) => ({ value: role, label: t(MEMBER_ROLE_NAME[role]) }))} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('org.capacity'),
                  key: 'capacity',
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'capacity']} style={{ marginBottom: 0 }} rules={[{ required: true, type: 'integer', min: 0, max: 100000, message: t('org.capacityRange') }]}>
                      <InputNumber aria-label={t('org.capacityOf', { name: rows[field.name]?.name ?? '' })} disabled={!rows[field.name]?.member} min={0} max={100000} precision={0} style={{ width: 110 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('org.available'),
                  key: 'available',
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'available']} valuePropName="checked" noStyle>
                      <Switch aria-label={t('org.availableOf', { name: rows[field.name]?.name ?? '' })} disabled={!rows[field.name]?.member} checkedChildren={t('org.onDuty')} unCheckedChildren={t('org.onLeave')} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )
        }
      </Form.List>
    </section>
  );
}

function MemberName({ row, disabledText }: { row: MemberRow | undefined; disabledText: string; value?: string }) {
  return (
    <span>
      {row?.name}
      {row?.disabled && <Tag style={{ marginInlineStart: 8 }}>{disabledText}</Tag>}
    </span>
  );
}
