import { Button, Card, Empty, Form, Select, Typography } from 'antd';
import { RegionPicker } from '../../components/RegionPicker.js';
import { industryName, useTemplates } from '../../components/useTemplates.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CUSTOMER_SIZES } from './organisationTypes.js';
import { SIZE_NAME } from './roleNames.js';

/** The drawer's territories: each one regions picked from GB/T 2260 (province, city or district), narrowed if need be by size, industry and product line. */
export function TerritoriesForm() {
  const { t, language } = useI18n();
  const templates = useTemplates();
  const industries = (templates ?? []).map((template) => ({ value: template.industry, label: industryName(templates, template.industry, language) }));
  return (
    <section aria-label={t('org.territories')}>
      <Typography.Title level={5}>{t('org.territories')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('org.territoriesHelp')}</Typography.Paragraph>
      <Form.List name="territories">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noTerritories')} />}
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t('org.territoryN', { n: String(index + 1) })}
                extra={<Button size="small" type="link" danger onClick={() => remove(field.name)}>{t('org.removeTerritory')}</Button>}
                data-testid="territory"
              >
                <Form.Item name={[field.name, 'regions']} label={t('org.regions')} rules={[{ required: true, type: 'array', min: 1, message: t('org.regionsRequired') }]}>
                  <RegionPicker value={undefined} onChange={() => undefined} multiple anyLevel />
                </Form.Item>
                <Form.Item name={[field.name, 'sizes']} label={t('org.sizes')}>
                  <Select mode="multiple" allowClear placeholder={t('org.any')} options={CUSTOMER_SIZES.map((size) => ({ value: size, label: t(SIZE_NAME[size]) }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'industries']} label={t('industry')}>
                  <Select mode="multiple" allowClear placeholder={t('org.any')} options={industries} loading={templates === undefined} />
                </Form.Item>
                <Form.Item name={[field.name, 'productLines']} label={t('org.productLines')} extra={t('org.productLinesHelp')} style={{ marginBottom: 0 }}>
                  <Select mode="tags" allowClear placeholder={t('org.any')} open={false} suffixIcon={null} />
                </Form.Item>
              </Card>
            ))}
            <Button type="dashed" block onClick={() => add({ regions: [], sizes: [], industries: [], productLines: [] })} style={{ marginBottom: 24 }}>
              {t('org.addTerritory')}
            </Button>
          </>
        )}
      </Form.List>
    </section>
  );
}
