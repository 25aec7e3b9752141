import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useRecord } from '../messages-list';
import { today } from '../clock';
import { SurveyEditor } from './SurveyEditor';
import { percent, questionKindLabels, RATING_MAX, surveyEventLabels, type SurveyDetail } from '../surveys';

// ECharts loads only with a chart: it would otherwise weigh on every page of the workspace.
const SurveyChart = lazy(() => import('./SurveyChart').then((m) => ({ default: m.SurveyChart })));

const stepButtons = { opened: '开始调查', closed: '结束调查', resultsPublished: '公布结果' } as const;

/** A survey: its draft editor, the steps the user may take now, and the results as charts and figures. */
export function SurveyDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const { record: s, setRecord, error, reload } = useRecord<SurveyDetail>(`/surveys/${id}`);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!s) return <Typography.Paragraph>加载中…</Typography.Paragraph>;
  const step = async (type: keyof typeof stepButtons) => {
    try {
      setRecord(await api<SurveyDetail>('POST', `/surveys/${s.id}/events`, { type, date: today() }));
      message.success(`已${stepButtons[type]}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '操作失败');
    }
  };
  const editable = s.actions.some((a) => a.type === 'edited' && a.allowed);
  const steps = s.actions.filter((a) => a.type !== 'edited');
  return (
    <>
      <Typography.Paragraph>
        <Link to="/interaction/surveys">‹ 返回问卷列表</Link>
      </Typography.Paragraph>
      <Typography.Title level={3}>
        {s.title} <Tag>{s.statusLabel}</Tag>
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[{ label: '调查时间', children: `${s.startDate} 至 ${s.endDate}` }, { label: '答卷', children: `${s.responses} 份` }, { label: '结果公布', children: s.publishedDate ?? '未公布' }]} />
      <Space wrap style={{ margin: '12px 0' }}>
        {steps.map((a) => (
          <Button key={a.type} type={a.type === 'resultsPublished' ? 'primary' : 'default'} disabled={!a.allowed} title={a.reason} onClick={() => void step(a.type as keyof typeof stepButtons)}>
            {stepButtons[a.type as keyof typeof stepButtons]}
          </Button>
        ))}
      </Space>
      {editable && (
        <Card title="编辑草稿" size="small" style={{ marginBottom: 16 }}>
          <SurveyEditor agencyId={s.agencyId} survey={s} onSaved={() => void reload()} />
        </Card>
      )}
      <Typography.Title level={4}>统计结果</Typography.Title>
      {s.results.responses === 0 && <Typography.Paragraph type="secondary">尚无答卷。</Typography.Paragraph>}
      {s.results.questions.map((q, i) => (
        <Card key={q.key} size="small" title={`${i + 1}. ${q.title}`} extra={questionKindLabels[q.kind]} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">
            {q.answered} 人回答{q.average !== null ? `，平均 ${q.average.toFixed(1)} 分（满分 ${RATING_MAX} 分）` : ''}
          </Typography.Paragraph>
          {q.kind === 'text' ? (
            <List size="small" bordered dataSource={s.texts.find((t) => t.question === q.key)?.answers ?? []} locale={{ emptyText: s.texts.length ? '无人填写' : '文字回答仅办理人员可见' }} renderItem={(a) => <List.Item style={{ whiteSpace: 'pre-wrap' }}>{a}</List.Item>} header="文字回答（内部，不公开）" />
          ) : (
            <Row gutter={16}>
              <Col xs={24} md={14}>
                {q.answered > 0 && (
                  <Suspense fallback={null}>
                    <SurveyChart result={q} />
                  </Suspense>
                )}
              </Col>
              <Col xs={24} md={10}>
                <ul data-testid={`survey-figures-${q.key}`}>
                  {q.labels.map((label, k) => (
                    <li key={label}>
                      {label}：{q.counts[k]} 人（{percent(q.counts[k]!, q.answered).toFixed(1)}%）
                    </li>
                  ))}
                </ul>
              </Col>
            </Row>
          )}
        </Card>
      ))}
      <Typography.Title level={4}>记录</Typography.Title>
      <Timeline items={s.timeline.map((e) => ({ children: `${e.date} ${surveyEventLabels[e.type]}${e.actor ? ` · ${e.actor}` : ''}` }))} />
    </>
  );
}
