import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Descriptions, Form, Grid, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useAgency } from '../agency';
import { afterToday, thisYear } from '../clock';
import { fieldErrorsOf, showFieldErrors } from '../forms';
import { editDeleteColumn } from './rowActions';
import { meetingFieldLabels as F, meetingKindLabels, meetingLimits as L, participantKindSuggestions, type FollowUp, type Meeting, type MeetingYear } from '../../../src/capabilities/records/meetings-contract.ts';

const day = (v: Dayjs | null | undefined): string | null => (v ? v.format('YYYY-MM-DD') : null);
/** 'followUps.2.dueOn' → ['followUps', 2, 'dueOn']: a Form.List field's path. */
const listPath = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

function FollowUps({ items }: { items: FollowUp[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">无跟进事项</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {items.map((f) => (
        <li key={f.id}>
          {f.item}（{F['followUps.owner']}：{f.owner}，{F['followUps.dueOn']} {f.dueOn}）{' '}
          {f.doneOn ? <Tag color="green">已完成 {f.doneOn}</Tag> : f.overdue ? <Tag color="red">已逾期</Tag> : <Tag color="blue">进行中</Tag>}
        </li>
      ))}
    </ul>
  );
}

/** 座谈会、村民会议、政府开放日: participants, topics, minutes and follow-ups with owners and due dates. */
export function MeetingsPage() {
  const { agency } = useAgency();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md !== false;
  const [year, setYear] = useState(thisYear());
  const [data, setData] = useState<(MeetingYear & { canEdit: boolean }) | null>(null);
  const [editing, setEditing] = useState<Meeting | null | undefined>(undefined);
  const [form] = Form.useForm();
  const base = agency ? `/agencies/${agency.id}/meetings` : '';
  const load = useCallback(async () => {
    if (base) setData(await api<MeetingYear & { canEdit: boolean }>('GET', `${base}?year=${year}`));
  }, [base, year]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return null;

  const edit = (row: Meeting | null) => {
    form.resetFields();
    if (row) form.setFieldsValue({ ...row, heldOn: dayjs(row.heldOn), followUps: row.followUps.map((f) => ({ ...f, dueOn: dayjs(f.dueOn), doneOn: f.doneOn ? dayjs(f.doneOn) : null })) });
    setEditing(row);
  };
  const save = async (v: Record<string, unknown>) => {
    const followUps = ((v.followUps as Record<string, unknown>[] | undefined) ?? []).map((f) => ({ ...(f.id ? { id: f.id } : {}), item: f.item ?? '', owner: f.owner ?? '', dueOn: day(f.dueOn as Dayjs | null) ?? '', doneOn: day(f.doneOn as Dayjs | null) }));
    const body = { kind: v.kind, heldOn: day(v.heldOn as Dayjs | null) ?? '', title: v.title ?? '', participantCount: v.participantCount ?? 0, participantKinds: v.participantKinds ?? [], topics: v.topics ?? '', minutes: v.minutes ?? '', followUps };
    try {
      await api(editing ? 'PUT' : 'POST', editing ? `${base}/${editing.id}` : base, body);
      setEditing(undefined);
      message.success('已保存');
      await load();
    } catch (err) {
      const placed = showFieldErrors(form, err, '保存失败');
      // Follow-up fields are named by path (followUps.0.owner): put those on their Form.List fields too.
      form.setFields(fieldErrorsOf(err).filter((e) => e.field.startsWith('followUps.')).map((e) => ({ name: listPath(e.field), errors: [e.message] })));
      message.error(placed);
    }
  };
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - i);

  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>互动交流 · 座谈会与开放日</Typography.Title>
        <Space wrap>
          <Link to="/interaction">留言</Link>
          <Select aria-label="年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} style={{ width: 120 }} />
          {data?.canEdit && (
            <Button type="primary" onClick={() => edit(null)}>
              登记会议
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph>
        {year} 年：{Object.entries(meetingKindLabels).map(([k, label]) => `${label} ${data?.counts[k as keyof typeof meetingKindLabels] ?? 0} 次`).join('，')}，参加 {data?.participants ?? 0} 人次
      </Typography.Paragraph>
      <Table<Meeting>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '本年度尚无会议记录' }}
        expandable={{
          expandedRowRender: (m) => (
            <Descriptions column={1} size="small" bordered layout={wide ? 'horizontal' : 'vertical'}>
              <Descriptions.Item label={F.participantKinds}>{m.participantKinds.join('、')}</Descriptions.Item>
              <Descriptions.Item label={F.topics}>{m.topics}</Descriptions.Item>
              <Descriptions.Item label={F.minutes}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{m.minutes || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={F.followUps}>
                <FollowUps items={m.followUps} />
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
        columns={[
          { title: F.heldOn, dataIndex: 'heldOn', width: 110 },
          { title: F.kind, dataIndex: 'kindLabel', width: 100, responsive: ['md'] },
          { title: F.title, dataIndex: 'title' },
          { title: F.participantCount, dataIndex: 'participantCount', width: 90, responsive: ['md'] },
          {
            title: F.followUps,
            width: wide ? 160 : 90,
            render: (_, m) => (m.followUps.length === 0 ? '—' : <Space size={2} wrap>{m.overdueFollowUps > 0 && <Tag color="red">逾期 {m.overdueFollowUps}</Tag>}<Tag>{m.openFollowUps} 项未完成</Tag></Space>),
          },
          ...editDeleteColumn<Meeting>(!!data?.canEdit, wide, '会议记录', edit, async (m) => {
            await api('DELETE', `${base}/${m.id}`);
            await load();
          }),
        ]}
      />
      <Modal open={editing !== undefined} width={720} title={editing ? '修改会议记录' : '登记会议'} okText="保存" cancelText="取消" onCancel={() => setEditing(undefined)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'symposium', participantCount: 10, participantKinds: [], followUps: [] }}>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item label={F.kind} name="kind" required>
              <Select style={{ width: 140 }} options={Object.entries(meetingKindLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label={F.heldOn} name="heldOn" required>
              <DatePicker disabledDate={afterToday} />
            </Form.Item>
            <Form.Item label={F.participantCount} name="participantCount" required>
              <InputNumber min={1} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item label={F.title} name="title" required>
            <Input maxLength={L.title} />
          </Form.Item>
          <Form.Item label={F.participantKinds} name="participantKinds" required extra="可从列表选择，也可输入其他类别后回车">
            <Select mode="tags" options={participantKindSuggestions.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item label={F.topics} name="topics" required>
            <Input.TextArea rows={2} maxLength={L.topics} />
          </Form.Item>
          <Form.Item label={F.minutes} name="minutes">
            <Input.TextArea rows={4} maxLength={L.minutes} />
          </Form.Item>
          <Typography.Text strong>{F.followUps}</Typography.Text>
          <Form.List name="followUps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} wrap align="start" style={{ display: 'flex', marginTop: 8 }} aria-label={`第 ${i + 1} 项跟进事项`}>
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item label={F['followUps.item']} name={[field.name, 'item']} required>
                      <Input style={{ width: 220 }} maxLength={L.item} />
                    </Form.Item>
                    <Form.Item label={F['followUps.owner']} name={[field.name, 'owner']} required>
                      <Input style={{ width: 130 }} maxLength={L.owner} />
                    </Form.Item>
                    <Form.Item label={F['followUps.dueOn']} name={[field.name, 'dueOn']} required>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item label={F['followUps.doneOn']} name={[field.name, 'doneOn']}>
                      <DatePicker disabledDate={afterToday} />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                      删除
                    </Button>
                  </Space>
                ))}
                <Button style={{ marginTop: 8 }} onClick={() => add({ item: '', owner: '', dueOn: null, doneOn: null })}>
                  添加跟进事项
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
