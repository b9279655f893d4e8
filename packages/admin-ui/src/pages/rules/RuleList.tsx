import { Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { ruleInWords } from '@crm-policy/engine/words';
import type { RuleFile } from '@crm-policy/engine';
import { useI18n } from '../../i18n/I18nContext.js';

interface Props {
  file: RuleFile;
  /** Rules the server found problems in, by index. */
  troubled: ReadonlySet<number>;
  onEdit(index: number): void;
  onDelete(index: number): void;
}

/** The rules as sentences, highest priority first as they run, each with its edit and delete buttons. */
export function RuleList({ file, troubled, onEdit, onDelete }: Props) {
  const { t, language } = useI18n();
  const order = file.rules.map((rule, index) => ({ rule, index })).sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.index - b.index);
  return (
    <List
      size="small"
      dataSource={order}
      renderItem={({ rule, index }) => (
        <List.Item
          actions={[
            <Button key="edit" size="small" aria-label={`${t('editRule')} ${rule.name}`} onClick={() => onEdit(index)}>
              {t('editRule')}
            </Button>,
            <Popconfirm key="delete" title={`${t('deleteRule')} ${rule.name}?`} onConfirm={() => onDelete(index)} disabled={file.rules.length === 1}>
              <Button size="small" danger type="text" aria-label={`${t('deleteRule')} ${rule.name}`} disabled={file.rules.length === 1}>
                {t('deleteRule')}
              </Button>
            </Popconfirm>,
          ]}
        >
          <Space orientation="vertical" size={0}>
            <Space>
              <Typography.Text strong>{rule.name}</Typography.Text>
              <Typography.Text type="secondary">({rule.priority ?? 1})</Typography.Text>
              {troubled.has(index) && <Tag color="red">{t('ruleHasProblems')}</Tag>}
            </Space>
            <Typography.Text>{ruleInWords(rule, language, file)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
