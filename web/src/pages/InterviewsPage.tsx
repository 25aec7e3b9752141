import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Descriptions, Drawer, Form, Grid, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { showFieldErrors } from '../forms';
import { interviewFieldLabels as F, interviewLimits as L, UNANSWERED_REPLY_WORKING_DAYS, type ConvertResult, type Interview, type InterviewDetail, type InterviewQuestion } from '../../../src/capabilities/interviews/contract.ts';
import type { MailboxDto } from '../../../src/capabilities/messages/contract.ts';

const mayRecord = (roles: readonly string[]) => roles.some((r) => r === 'admin' || r === 'clerk' || r === 'head');
const errorText = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** 在线访谈: announce, take the public's questions, mark those answered on air, convert the rest into messages, publish the transcript. */
export function InterviewsPage() {
  const { agency, roles } = useAgency();
  const { message } = App.useApp();
  const [items, setItems] = useState<Interview[]>([]);
  const [mailboxes, setMailboxes] = useState<MailboxDto[]>([]);
  const [editing, setEditing] = useState<Interview | null | undefined>(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  const [form] = Form.useForm();
  const base = agency ? `/agencies/${agency.id}/interviews` : '';
  const load = useCallback(async () => {
    if (!agency) return;
    setItems((await api<{ items: Interview[] }>('GET', base)).items);
    setMailboxes((await api<{ items: MailboxDto[] }>('GET', `/mailboxes?agencyId=${agency.id}`)).items);
  }, [agency, base]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return null;
  const canRecord = mayRecord(roles);

  const edit = (row: Interview | null) => {
    form.resetFields();
    if (row) form.setFieldsValue({ ...row, startsAt: dayjs(row.startsAt, 'YYYY-MM-DD HH:mm') });
    setEditing(row);
  };
  const save = async (v: Record<string, unknown>) => {
    const body = { topic: v.topic ?? '', guests: v.guests ?? '', startsAt: (v.startsAt as Dayjs | null)?.format('YYYY-MM-DD HH:mm') ?? '', description: v.description ?? '', mailboxId: v.mailboxId ?? 0 };
    try {
      await api(editing ? 'PUT' : 'POST', editing ? `${base}/${editing.id}` : base, body);
      setEditing(undefined);
      message.success('已保存');
      await load();
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };

  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>互动交流 · 在线访谈</Typography.Title>
        <Space wrap>
          <Link to="/interaction">留言</Link>
          {canRecord && (
            <Button type="primary" onClick={() => edit(null)}>
              预告访谈
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">访谈前在门户征集网民问题；访谈后，未在访谈中答复的问题一键转为留言，自访谈之日起 {UNANSWERED_REPLY_WORKING_DAYS} 个工作日内答复。</Typography.Paragraph>
      <Table<Interview>
        rowKey="id"
        size="small"
        dataSource={items}
        locale={{ emptyText: '暂无访谈' }}
        columns={[
          { title: F.startsAt, dataIndex: 'startsAt', width: 140 },
          { title: F.topic, dataIndex: 'topic', render: (t: string, r) => <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }} onClick={() => setOpenId(r.id)}>{t}</Button> },
          { title: F.guests, dataIndex: 'guests', responsive: ['lg'], render: (g: string) => g.split('\n').join('；') },
          { title: '提问', dataIndex: 'questionCount', width: 60, responsive: ['md'] },
          { title: '状态', width: 110, render: (_, r) => (r.upcoming ? <Tag color="blue">征集问题中</Tag> : r.transcriptPublishedAt ? <Tag color="green">已公开实录</Tag> : <Tag color="orange">实录未公开</Tag>) },
          ...(canRecord ? [{ title: '操作', width: 70, render: (_: unknown, r: Interview) => <Button type="link" size="small" onClick={() => edit(r)}>编辑</Button> }] : []),
        ]}
      />
      <Modal open={editing !== undefined} title={editing ? '修改访谈' : '预告访谈'} okText="保存" cancelText="取消" onCancel={() => setEditing(undefined)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ mailboxId: mailboxes[0]?.id }}>
          <Form.Item label={F.topic} name="topic" required>
            <Input maxLength={L.topic} />
          </Form.Item>
          <Form.Item label={F.guests} name="guests" required extra="每行一位：姓名和职务">
            <Input.TextArea rows={3} maxLength={L.guests} />
          </Form.Item>
          <Form.Item label={`${F.startsAt}（北京时间）`} name="startsAt" required>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={F.description} name="description">
            <Input.TextArea rows={3} maxLength={L.description} />
          </Form.Item>
          <Form.Item label={F.mailboxId} name="mailboxId" required>
            <Select options={mailboxes.map((m) => ({ value: m.id, label: m.name }))} placeholder="请先在信箱设置中开设信箱" />
          </Form.Item>
        </Form>
      </Modal>
      {openId !== null && <InterviewDrawer base={base} id={openId} canRecord={canRecord} onClose={() => { setOpenId(null); void load(); }} />}
    </>
  );
}

function InterviewDrawer({ base, id, canRecord, onClose }: { base: string; id: number; canRecord: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md !== false;
  const [detail, setDetail] = useState<InterviewDetail | null>(null);
  const [answering, setAnswering] = useState<InterviewQuestion | null>(null);
  const [answer, setAnswer] = useState('');
  const [transcript, setTranscript] = useState('');
  const load = useCallback(async () => {
    const d = await api<InterviewDetail>('GET', `${base}/${id}`);
    setDetail(d);
    setTranscript(d.transcript);
  }, [base, id]);
  useEffect(() => {
    void load();
  }, [load]);
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      await load();
    } catch (err) {
      message.error(errorText(err, '操作失败'));
    }
  };
  const convert = () =>
    run(async () => {
      const r = await api<ConvertResult>('POST', `${base}/${id}/convert-unanswered`);
      message.info(`已转为 ${r.converted.length} 条留言，答复期限 ${[...new Set(r.converted.map((c) => c.dueDate))].join('、')}`);
    }, '已转为留言');
  return (
    <Drawer open title={detail?.topic ?? '访谈'} width={wide ? 760 : '100%'} onClose={onClose}>
      {detail && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={F.startsAt}>{detail.startsAt}</Descriptions.Item>
            <Descriptions.Item label={F.guests}>{detail.guests.split('\n').join('；')}</Descriptions.Item>
            <Descriptions.Item label={F.mailboxId}>{detail.mailboxName}</Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between', margin: '16px 0 8px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              网民提问（{detail.questions.length}）
            </Typography.Title>
            {detail.mayConvert && (
              <Button type="primary" onClick={convert}>
                未答复的问题转为留言（{UNANSWERED_REPLY_WORKING_DAYS} 个工作日内答复）
              </Button>
            )}
          </Space>
          <Table<InterviewQuestion>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.questions}
            locale={{ emptyText: '暂无提问' }}
            columns={[
              { title: '提问人', width: 110, render: (_, q) => `${q.askerName}${wide ? ` ${q.askerPhone}` : ''}` },
              { title: F.body, dataIndex: 'body', render: (b: string, q) => <>{b}{q.answer && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>答：{q.answer}</Typography.Paragraph>}</> },
              { title: '状态', width: 120, render: (_, q) => (q.messageId ? <Link to={`/interaction/messages/${q.messageId}`}>{q.statusLabel}</Link> : q.statusLabel) },
              ...(canRecord && !detail.upcoming ? [{ title: '操作', width: 90, render: (_: unknown, q: InterviewQuestion) => q.status === 'pending' && <Button type="link" size="small" onClick={() => { setAnswering(q); setAnswer(''); }}>已现场答复</Button> }] : []),
            ]}
          />
          {!detail.upcoming && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                <label htmlFor="transcript">{F.transcript}</label>
              </Typography.Title>
              <Input.TextArea id="transcript" rows={8} value={transcript} onChange={(e) => setTranscript(e.target.value)} disabled={!canRecord} maxLength={L.transcript} />
              {canRecord && (
                <Space style={{ marginTop: 8 }} wrap>
                  <Button onClick={() => run(() => api('PUT', `${base}/${id}/transcript`, { transcript, publish: false }), '已保存（未公开）')}>保存</Button>
                  <Button type="primary" onClick={() => run(() => api('PUT', `${base}/${id}/transcript`, { transcript, publish: true }), '实录已在门户公开')}>
                    {detail.transcriptPublishedAt ? '更新公开的实录' : '公开实录'}
                  </Button>
                </Space>
              )}
            </>
          )}
        </>
      )}
      <Modal open={answering !== null} title="记录现场答复" okText="保存" cancelText="取消" onCancel={() => setAnswering(null)} onOk={() => run(() => api('POST', `${base}/${id}/answered`, { answers: [{ questionId: answering!.id, answer }] }), '已标记为现场答复').then(() => setAnswering(null))}>
        <Typography.Paragraph>{answering?.body}</Typography.Paragraph>
        <Input.TextArea aria-label={F['answers.answer']} rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder="答复要点（公开实录时与问题一并公开，提问人同意公开的）" />
      </Modal>
    </Drawer>
  );
}
