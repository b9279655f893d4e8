import { Alert, Button, Col, Descriptions, Drawer, Grid, Input, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useDivisions } from '../../components/useDivisions.js';
import { industryName, useTemplates } from '../../components/useTemplates.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { problemText } from '../customers/problemText.js';
import type { FieldLine } from './registrationFields.js';
import { registrationFields } from './registrationFields.js';
import { reasonInWords } from './reasonInWords.js';

/** What `GET /api/appeals/:id/review` answers. */
interface Review {
  appeal: { _id: string; reason: string; status: 'open' | 'decided'; createdAt: string; verdict?: string; comment?: string };
  held: { customerName: string; holderName: string; teamName: string; industry: string; fields: Record<string, unknown>; grantedAt: string | null; expiresAt: string | null };
  submitted: { appellantName: string; industry: string; fields: Record<string, unknown>; at: string | null };
  matches: Array<{ score: number; reasons: string[] }>;
}

const VERDICTS = ['uphold', 'grant', 'different-companies'] as const;

function Side({ title, subtitle, lines, other, differs }: { title: string; subtitle: string; lines: FieldLine[]; other: FieldLine[]; differs: string }) {
  const otherValue = new Map(other.map((line) => [line.key, line.value]));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Text type="secondary">{subtitle}</Typography.Text>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={lines.map((line) => {
          const different = otherValue.has(line.key) && otherValue.get(line.key) !== line.value;
          return { key: line.key, label: line.label, children: different ? <Typography.Text mark title={differs}>{line.value}</Typography.Text> : line.value };
        })}
      />
    </Space>
  );
}

/**
 * An appeal's review in a drawer: the held customer and the appellant's
 * registration side by side, labelled by their templates in the page's
 * language with region names and plans in words (values that differ marked),
 * the match's score and reasons in words, dates, the appellant's reason, and
 * the three verdicts, each needing a comment.
 */
export function AppealReview({ api, appealId, onClose, onDecided }: { api: ApiClient; appealId: string | undefined; onClose(): void; onDecided(verdict: string): void }) {
  const { t, language } = useI18n();
  const templates = useTemplates();
  // Names wait for the division list; one that failed to load leaves codes to be named as they are.
  const divisions = useDivisions() ?? undefined;
  const wide = Grid.useBreakpoint().md ?? true;
  const [review, setReview] = useState<Review>();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<unknown>();

  useEffect(() => {
    setReview(undefined);
    setComment('');
    setProblem(undefined);
    if (!appealId) return;
    api.call<Review>('GET', `/api/appeals/${appealId}/review`).then(setReview, (error: unknown) => setProblem(error));
  }, [api, appealId]);

  const decide = async (verdict: (typeof VERDICTS)[number]) => {
    if (!review) return;
    try {
      await api.call('POST', `/api/appeals/${review.appeal._id}/decision`, { verdict, comment });
      onDecided(verdict);
    } catch (error) {
      setProblem(error);
    }
  };

  const context = { language, divisions, words: { notGiven: t('lists.notGiven'), yes: t('lists.yes'), no: t('lists.no') } };
  const held = review ? registrationFields(review.held.fields, templates?.find((template) => template.industry === review.held.industry), context) : [];
  const submitted = review ? registrationFields(review.submitted.fields, templates?.find((template) => template.industry === review.submitted.industry), context) : [];
  const date = (at: string | null) => at?.slice(0, 10) ?? t('lists.notGiven');

  return (
    <Drawer open={appealId !== undefined} onClose={onClose} size={wide ? 1000 : '100%'} title={review ? t('lists.reviewTitle', { name: review.held.customerName }) : t('review')} destroyOnHidden>
      {problem !== undefined && <Alert type="error" title={problem instanceof ApiProblem && problem.code === 'forbidden' ? t('lists.reviewForbidden') : problemText(problem, t)} style={{ marginBottom: 12 }} />}
      {!review ? (
        problem === undefined && <Skeleton active />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'reason', label: t('lists.appealReasonLabel'), children: review.appeal.reason },
              { key: 'filed', label: t('lists.filedAt'), children: date(review.appeal.createdAt) },
              {
                key: 'why',
                label: t('lists.matchReasons'),
                children: (
                  <Space orientation="vertical" size={4}>
                    {review.matches.map((match, i) => (
                      <Space key={i} wrap size={4}>
                        <Tag color={match.score >= 0.9 ? 'red' : 'orange'}>
                          {t('lists.score')} {match.score.toFixed(2)}
                        </Tag>
                        {match.reasons.flatMap((reason) => reasonInWords(reason, t)).map((words, j) => (
                          <Tag key={j}>{words}</Tag>
                        ))}
                      </Space>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Side
                title={t('heldBy', { name: review.held.holderName, team: review.held.teamName })}
                subtitle={`${industryName(templates, review.held.industry, language)} · ${t('lists.registeredOn', { date: date(review.held.grantedAt), until: date(review.held.expiresAt) })}`}
                lines={held}
                other={submitted}
                differs={t('lists.differs')}
              />
            </Col>
            <Col xs={24} md={12}>
              <Side
                title={t('submittedBy', { name: review.submitted.appellantName })}
                subtitle={`${industryName(templates, review.submitted.industry, language)} · ${t('lists.submittedOn', { date: date(review.submitted.at) })}`}
                lines={submitted}
                other={held}
                differs={t('lists.differs')}
              />
            </Col>
          </Row>
          {review.appeal.status === 'open' ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input.TextArea aria-label={t('comment')} placeholder={t('comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
              <Space wrap>
                {VERDICTS.map((verdict) => (
                  <Button key={verdict} type={verdict === 'uphold' ? 'default' : 'primary'} disabled={comment.trim() === ''} onClick={() => void decide(verdict)}>
                    {t(`verdict.${verdict}`)}
                  </Button>
                ))}
              </Space>
            </Space>
          ) : (
            <Alert type="info" title={t(`verdict.${review.appeal.verdict ?? 'uphold'}` as 'verdict.uphold')} description={review.appeal.comment} />
          )}
        </Space>
      )}
    </Drawer>
  );
}
