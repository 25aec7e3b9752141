import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Grid, Input, Modal, Row, Select, Space, Table, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { afterToday, dateTime, todayDayjs } from '../clock';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { useRecord } from '../messages-list';
import { adoptionOptions, consultationFieldLabels as F, consultationFieldLimits as L, feedbackColumns, type CommentDto, type ConsultationDetail, type ConsultationEventInput, type FeedbackRow } from '../consultations';
import { ConsultationTags } from './ConsultationsPage';

type Step = (body: ConsultationEventInput, done?: string) => Promise<boolean>;

/** 结束征集: whether each shown comment is adopted, and why not; the server checks every one is answered. */
function CloseForm({ detail, date, step }: { detail: ConsultationDetail; date: string; step: Step }) {
  const shown = detail.comments.filter((c) => c.status === 'shown');
  const [rows, setRows] = useState<Record<number, { adoption?: string; reason?: string }>>({});
  const set = (id: number, v: { adoption?: string; reason?: string }) => setRows((r) => ({ ...r, [id]: { ...r[id], ...v } }));
  const submit = () =>
    void step(
      { type: 'closed', date, feedback: shown.map((c) => ({ commentId: c.id, adoption: (rows[c.id]?.adoption ?? '') as 'adopted', ...(rows[c.id]?.reason ? { reason: rows[c.id]!.reason } : {}) })) },
      '已结束征集，意见采纳情况待公布',
    );
  return (
    <Card size="small" title="结束征集并形成意见采纳情况" style={{ marginBottom: 16 }} data-testid="close-form">
      {shown.length === 0 && <Typography.Paragraph>没有通过审核的意见，采纳情况表为空。</Typography.Paragraph>}
      {shown.map((c, i) => (
        <div key={c.id} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
          <div>
            {i + 1}. {c.name}（{c.article ?? '全文'}）：{c.body}
          </div>
          <Space wrap style={{ marginTop: 4 }}>
            <Select aria-label={`第 ${i + 1} 条意见是否采纳`} placeholder="是否采纳" style={{ width: 140 }} options={adoptionOptions} value={rows[c.id]?.adoption} onChange={(v: string) => set(c.id, { adoption: v })} data-testid={`adoption-${i + 1}`} />
            <Input aria-label={`第 ${i + 1} 条意见的理由`} placeholder="理由（部分采纳、不予采纳的必填）" style={{ minWidth: 240 }} maxLength={L.reason} value={rows[c.id]?.reason} onChange={(e) => set(c.id, { reason: e.target.value })} />
          </Space>
        </div>
      ))}
      <Button type="primary" style={{ marginTop: 12 }} onClick={submit}>
        结束征集
      </Button>
    </Card>
  );
}

/** 录入意见: a comment received by letter, e-mail or at a meeting, with the day it arrived. */
function EnterComment({ detail, open, onClose, onDone }: { detail: ConsultationDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const narrow = Grid.useBreakpoint().md === false;
  const submit = async (v: Record<string, unknown>) => {
    clearFieldErrors(form);
    try {
      await api('POST', `/consultations/${detail.id}/comments`, {
        ...(v.article ? { article: v.article } : {}),
        body: String(v.body ?? ''),
        name: String(v.name ?? ''),
        ...(v.phone ? { phone: String(v.phone) } : {}),
        receivedDate: (v.receivedDate as Dayjs).format('YYYY-MM-DD'),
      });
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(showFieldErrors(form, err, '录入失败'));
    }
  };
  return (
    <Drawer title="录入意见（信函、电子邮件、座谈会）" width={narrow ? '100%' : 520} open={open} onClose={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ receivedDate: todayDayjs(), article: '' }}>
        <Form.Item name="article" label={F.article}>
          <Select options={[{ value: '', label: '全文' }, ...detail.articles.map((a) => ({ value: a, label: a }))]} />
        </Form.Item>
        <Form.Item name="body" label={F.body} rules={[{ required: true, message: '请填写意见内容' }]}>
          <Input.TextArea rows={5} maxLength={L.comment} />
        </Form.Item>
        <Form.Item name="name" label={F.name} rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={L.name} />
        </Form.Item>
        <Form.Item name="phone" label={`${F.phone}（选填）`}>
          <Input maxLength={L.phone} />
        </Form.Item>
        <Form.Item name="receivedDate" label={F.receivedDate} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          录入
        </Button>
      </Form>
    </Drawer>
  );
}

const feedbackTable = (rows: FeedbackRow[]) => (
  <Table<FeedbackRow>
    rowKey="seq"
    size="small"
    pagination={false}
    dataSource={rows}
    scroll={{ x: 'max-content' }}
    data-testid="feedback-table"
    columns={[
      { title: feedbackColumns[0], dataIndex: 'seq' },
      { title: feedbackColumns[1], dataIndex: 'commenter' },
      { title: feedbackColumns[2], render: (_: unknown, r) => `${r.article ? `（${r.article}）` : ''}${r.content}` },
      { title: feedbackColumns[3], dataIndex: 'adoption' },
      { title: feedbackColumns[4], render: (_: unknown, r) => r.reason || '—' },
    ]}
  />
);

/** 意见征集详情: the draft, the comments with moderation, the feedback table, the timeline and only the steps the roles allow now. */
export function ConsultationDetailPage() {
  const { id } = useParams();
  const { session } = useAgency();
  const { message } = App.useApp();
  const { record: detail, setRecord, error, reload } = useRecord<ConsultationDetail>(`/consultations/${id}`);
  const [date, setDate] = useState<Dayjs>(todayDayjs());
  const [entering, setEntering] = useState(false);
  const [hiding, setHiding] = useState<CommentDto | null>(null);
  const [hideReason, setHideReason] = useState('');
  const [documents, setDocuments] = useState<{ id: number; title: string }[]>([]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!detail) return null;
  const d = date.format('YYYY-MM-DD');
  const can = (type: string) => detail.possibleEvents.find((p) => p.type === type);
  const step: Step = async (body, done) => {
    try {
      setRecord(await api<ConsultationDetail>('POST', `/consultations/${detail.id}/events`, body));
      if (done) message.success(done);
      return true;
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '操作失败');
      return false;
    }
  };
  const moderation = detail.phase === 'open';
  const findDocuments = async (q: string) => {
    const res = await api<{ items: { id: number; title: string }[] }>('GET', `/documents?agencyId=${detail.agencyId}&status=published&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`);
    setDocuments(res.items);
  };
  const offered = ['opened', 'feedbackPublished'] as const;
  return (
    <>
      <Typography.Paragraph>
        <Link to="/interaction/consultations">‹ 返回意见征集列表</Link>
      </Typography.Paragraph>
      <Space align="baseline" wrap>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {detail.title}
        </Typography.Title>
        <ConsultationTags c={detail} />
      </Space>
      {detail.overdue && <Alert type="error" showIcon style={{ marginTop: 12 }} message={`征求意见已于 ${detail.endDate} 截止，意见采纳情况尚未公布（逾期）。请尽快结束征集并公布。`} />}
      <Card size="small" style={{ margin: '12px 0' }} title="办理">
        <Space wrap>
          <span>办理日期</span>
          <DatePicker aria-label="办理日期" value={date} allowClear={false} disabledDate={afterToday} onChange={(v) => v && setDate(v)} />
          {offered.map((type) => {
            const p = can(type);
            if (!p) return null;
            const label = type === 'opened' ? '发布征集' : '公布意见采纳情况';
            return (
              <Button key={type} type="primary" disabled={!p.allowed} title={p.reason} onClick={() => void step({ type, date: d }, `已${label}`)}>
                {label}
              </Button>
            );
          })}
          {detail.mayEnterComment && <Button onClick={() => setEntering(true)}>录入意见</Button>}
          {can('documentLinked')?.allowed && (
            <Select
              showSearch
              filterOption={false}
              aria-label="关联正式文件"
              placeholder="关联正式文件（搜索已发布文件）"
              style={{ minWidth: 260 }}
              onSearch={(q) => void findDocuments(q)}
              onFocus={() => void findDocuments('')}
              options={documents.map((x) => ({ value: x.id, label: x.title }))}
              onChange={(documentId: number) => void step({ type: 'documentLinked', date: d, documentId }, '已关联正式文件')}
            />
          )}
        </Space>
        {can('feedbackPublished') && !can('feedbackPublished')!.allowed && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>意见采纳情况须由负责人或管理员公布。</Typography.Paragraph>}
      </Card>
      {can('closed')?.allowed && <CloseForm detail={detail} date={d} step={step} />}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {detail.feedback.length > 0 && (
            <Card size="small" title={`意见采纳情况${detail.feedbackPublishedDate ? `（${detail.feedbackPublishedDate} 公布）` : '（未公布）'}`} style={{ marginBottom: 16 }}>
              {feedbackTable(detail.feedback)}
            </Card>
          )}
          <Card size="small" title={`意见（${detail.commentCount} 条，待审核 ${detail.pendingCount} 条）`} style={{ marginBottom: 16 }}>
            <Table<CommentDto>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={detail.comments}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '尚未收到意见' }}
              data-testid="comments"
              columns={[
                { title: '收到日期', dataIndex: 'receivedDate' },
                { title: '意见人', render: (_: unknown, c) => `${c.name}${c.phone ? `（${c.phone}）` : ''}` },
                { title: '条款', render: (_: unknown, c) => c.article ?? '全文' },
                { title: '内容', dataIndex: 'body', render: (t: string) => <div style={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>{t}</div> },
                { title: '来源', dataIndex: 'channelLabel' },
                {
                  title: '审核',
                  render: (_: unknown, c) =>
                    c.status === 'pending' && moderation ? (
                      <Space>
                        <Button size="small" onClick={() => void step({ type: 'commentModerated', date: d, commentId: c.id, decision: 'shown' }, '已通过，意见将在门户显示')}>
                          通过
                        </Button>
                        <Button size="small" danger onClick={() => setHiding(c)}>
                          不通过
                        </Button>
                      </Space>
                    ) : (
                      c.statusLabel
                    ),
                },
              ]}
            />
          </Card>
          <Descriptions bordered size="small" column={1} title="草案" styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}>
            <Descriptions.Item label="类型">
              {detail.kindLabel}
              {detail.concernsBusiness && '（与市场主体生产经营活动密切相关）'}
            </Descriptions.Item>
            <Descriptions.Item label="征求意见期限">
              {detail.startDate} 至 {detail.endDate}
              <div style={{ color: '#595959' }}>{detail.minimumPeriod}</div>
            </Descriptions.Item>
            {detail.shortPeriodReason ? <Descriptions.Item label="缩短期限的理由">{detail.shortPeriodReason}</Descriptions.Item> : null}
            {detail.contact ? <Descriptions.Item label="其他提交方式">{detail.contact}</Descriptions.Item> : null}
            {detail.document ? <Descriptions.Item label="正式文件">{detail.document.title}</Descriptions.Item> : null}
            <Descriptions.Item label="起草说明">
              <div style={{ whiteSpace: 'pre-wrap' }}>{detail.explanation}</div>
            </Descriptions.Item>
            <Descriptions.Item label="征求意见稿">
              <div style={{ whiteSpace: 'pre-wrap' }}>{detail.draftText}</div>
            </Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={2} style={{ marginTop: 16, fontSize: 16 }}>
            办理记录
          </Typography.Title>
          <Timeline
            data-testid="consultation-timeline"
            items={detail.timeline.map((e) => ({
              color: e.type === 'feedbackPublished' ? 'green' : 'gray',
              children: (
                <div>
                  <b>{e.date}</b> {e.label}
                  {e.type === 'commentModerated' && <div style={{ color: '#434343' }}>{e.data.decision === 'shown' ? '通过' : `不通过：${String(e.data.reason ?? '')}`}</div>}
                  <div style={{ color: '#595959', fontSize: 12 }}>
                    {e.actorUserId === null ? '公众或系统' : e.actorUserId === session.user.id ? '本人' : '工作人员'}记录于 {dateTime(e.recordedAt)}
                  </div>
                </div>
              ),
            }))}
          />
        </Col>
      </Row>
      <EnterComment detail={detail} open={entering} onClose={() => setEntering(false)} onDone={() => { setEntering(false); void reload(); }} />
      <Modal
        title="不予显示这条意见"
        open={hiding !== null}
        okText="确定"
        cancelText="取消"
        onCancel={() => setHiding(null)}
        onOk={async () => {
          if (hiding && (await step({ type: 'commentModerated', date: d, commentId: hiding.id, decision: 'hidden', reason: hideReason }, '已审核：不予显示'))) {
            setHiding(null);
            setHideReason('');
          }
        }}
      >
        <Input.TextArea aria-label="不予显示的理由" rows={3} placeholder="理由（如与草案无关、含有违法或广告内容）" value={hideReason} onChange={(e) => setHideReason(e.target.value)} />
      </Modal>
    </>
  );
}
