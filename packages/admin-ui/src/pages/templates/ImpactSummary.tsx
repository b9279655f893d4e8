import { Alert, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nContext.js';
import type { Language } from '../../i18n/messages.js';

/** What `POST /api/templates/:industry/impact` answers: the registrations in progress a template version does not fit. */
export interface TemplateImpact {
  inProgress: number;
  byVersion: Array<{ version: number; count: number }>;
  affectedCount: number;
  affected: Array<{ claimId: string; customerId: string; customerName: string; repName: string; templateVersion: number; fields: string[] }>;
}

/**
 * The registrations in progress (active claims) a template change concerns:
 * how many on each version, and those the new version does not fit with the
 * fields, by their labels, to fill in or change. None is broken, and it says so.
 */
export function ImpactSummary({ impact, labels }: { impact: TemplateImpact; labels: Record<Language, Record<string, string>> }) {
  const { t, language } = useI18n();
  if (impact.inProgress === 0) return <Alert type="info" showIcon data-testid="template-impact" title={t('templates.impactNone')} />;
  const versions = impact.byVersion.map(({ version, count }) => t('templates.impactVersion', { version: String(version), count: String(count) })).join(language === 'zh' ? '，' : ', ');
  // A field the new version dropped has no label there: the old version's, passed in, names it.
  const label = (path: string) => labels[language][path] ?? labels[language === 'zh' ? 'en' : 'zh'][path] ?? path;
  return (
    <Alert
      type={impact.affectedCount > 0 ? 'warning' : 'success'}
      showIcon
      data-testid="template-impact"
      title={t('templates.impactCounts', { total: String(impact.inProgress), versions, affected: String(impact.affectedCount) })}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('templates.impactSafe')}</Typography.Paragraph>
          {impact.affected.length > 0 && (
            <Table
              size="small"
              rowKey="claimId"
              pagination={impact.affected.length > 10 ? { pageSize: 10 } : false}
              dataSource={impact.affected}
              columns={[
                { title: t('templates.impactCustomer'), dataIndex: 'customerName' },
                { title: t('templates.impactRep'), dataIndex: 'repName', width: 120 },
                { title: t('templates.impactVersionCol'), width: 110, render: (_, row) => t('templateVersion', { version: String(row.templateVersion) }) },
                { title: t('templates.impactFields'), render: (_, row) => row.fields.map((field) => <Tag key={field}>{label(field)}</Tag>) },
              ]}
            />
          )}
          {impact.affectedCount > impact.affected.length && <Typography.Text type="secondary">{t('templates.impactMore', { count: String(impact.affectedCount - impact.affected.length) })}</Typography.Text>}
        </>
      }
    />
  );
}
