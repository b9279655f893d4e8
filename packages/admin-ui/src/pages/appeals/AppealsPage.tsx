import { Alert, Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';

interface Appeal {
  _id: string;
  appellantName: string;
  reason: string;
  status: 'open' | 'decided';
  createdAt: string;
  verdict?: string;
}
interface Review {
  appeal: Appeal;
  held: { customerName: string; holderName: string; teamName: string; fields: Record<string, unknown>; grantedAt: string | null };
  submitted: { appellantName: string; industry: string; fields: Record<string, unknown> };
  matches: Array<{ score: number; reasons: string[] }>;
}

const VERDICTS = ['uphold', 'grant', 'different-companies'] as const;

function Fields({ fields }: { fields: Record<string, unknown> }) {
  return (
    <Descriptions size="small" column={1} items={Object.entries(fields).map(([key, value]) => ({ key, label: key, children: typeof value === 'object' ? JSON.stringify(value) : String(value) }))} />
  );
}

/** A manager's appeals queue: both registrations side by side with the match reasons, decided with one click and a comment. */
export function AppealsPage({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [appeals, setAppeals] = useState<Appeal[]>([]);
  const [review, setReview] = useState<Review>();
  const [comment, setComment] = useState('');
  const [decided, setDecided] = useState<string>();

  const load = useCallback(async () => {
    const answer = await api.call<{ appeals: Appeal[] }>('GET', '/api/appeals');
    setAppeals(answer.appeals.filter((appeal) => appeal.status === 'open'));
  }, [api]);
  useEffect(() => {
    load().catch(() => setAppeals([]));
  }, [load]);

  const open = async (id: string) => {
    setDecided(undefined);
    setComment('');
    setReview(await api.call<Review>('GET', `/api/appeals/${id}/review`));
  };
  const decide = async (verdict: (typeof VERDICTS)[number]) => {
    if (!review) return;
    await api.call('POST', `/api/appeals/${review.appeal._id}/decision`, { verdict, comment });
    setDecided(verdict);
    setReview(undefined);
    await load();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {decided && <Alert type="success" title={t('appealDecided', { verdict: t(`verdict.${decided}` as 'verdict.uphold') })} />}
      <Card title={t('appeals')}>
        {appeals.length === 0 ? (
          <Empty description={t('noAppeals')} />
        ) : (
          <List
            dataSource={appeals}
            renderItem={(appeal) => (
              <List.Item actions={[<Button key="open" onClick={() => void open(appeal._id)}>{t('review')}</Button>]}>
                <List.Item.Meta title={appeal.appellantName} description={appeal.reason} />
              </List.Item>
            )}
          />
        )}
      </Card>
      {review && (
        <Card title={review.held.customerName}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('heldBy', { name: review.held.holderName, team: review.held.teamName })}</Typography.Title>
              <Fields fields={review.held.fields} />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('submittedBy', { name: review.submitted.appellantName })}</Typography.Title>
              <Fields fields={review.submitted.fields} />
            </Col>
          </Row>
          <Typography.Paragraph>
            {t('appealReason')}: {review.appeal.reason}
          </Typography.Paragraph>
          {review.matches.map((match) => (
            <Space key={match.reasons.join()} wrap style={{ marginBottom: 8 }}>
              <Tag color="orange">{match.score.toFixed(2)}</Tag>
              {match.reasons.map((reason) => (
                <Tag key={reason}>{reason}</Tag>
              ))}
            </Space>
          ))}
          <Input.TextArea aria-label={t('comment')} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Space style={{ marginTop: 8 }} wrap>
            {VERDICTS.map((verdict) => (
              <Button key={verdict} type={verdict === 'uphold' ? 'default' : 'primary'} disabled={comment.trim() === ''} onClick={() => void decide(verdict)}>
                {t(`verdict.${verdict}`)}
              </Button>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}
