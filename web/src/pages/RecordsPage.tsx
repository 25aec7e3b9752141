import { useCallback, useEffect, useState } from 'react';
import { App, Button, Checkbox, DatePicker, Descriptions, Form, Grid, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { afterToday, dateTime, thisYear } from '../clock';
import { fieldErrorsOf, showFieldErrors } from '../forms';
import {
  assessmentFieldLabels as A,
  personFieldLabels as P,
  recordTabLabels,
  trainingFieldLabels as T,
  type Assessment,
  type AssessmentItemInput,
  type ResponsiblePerson,
  type TrainingRecord,
  type TrainingYear,
} from '../../../src/capabilities/records/contract.ts';

const day = (v: Dayjs | null | undefined): string | null => (v ? v.format('YYYY-MM-DD') : null);

/** 工作记录: training, the persons responsible (专人负责) and the yearly 绩效考核, per agency. */
export function RecordsPage() {
  const { agency } = useAgency();
  const [year, setYear] = useState(thisYear());
  if (!agency) return null;
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - i);
  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>工作记录</Typography.Title>
        <Select aria-label="年度" value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年度` }))} style={{ width: 120 }} />
      </Space>
      <Tabs
        items={[
          { key: 'training', label: recordTabLabels.training, children: <TrainingTab agencyId={agency.id} year={year} /> },
          { key: 'persons', label: recordTabLabels.persons, children: <PersonsTab agencyId={agency.id} /> },
          { key: 'assessment', label: recordTabLabels.assessment, children: <AssessmentTab agencyId={agency.id} year={year} /> },
        ]}
      />
    </>
  );
}

/** A list with an add/edit dialog whose form takes the server's field errors. */
function useEditor<Row extends { id: number }>(save: (values: Record<string, unknown>, row: Row | null) => Promise<unknown>, reload: () => Promise<void>) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Row | null | undefined>(undefined);
  const submit = async (values: Record<string, unknown>) => {
    try {
      await save(values, editing ?? null);
      setEditing(undefined);
      await reload();
      message.success('已保存');
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };
  return { form, editing, setEditing, submit, open: editing !== undefined };
}

function TrainingTab({ agencyId, year }: { agencyId: number; year: number }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md !== false;
  const [data, setData] = useState<TrainingYear | null>(null);
  const base = `/agencies/${agencyId}/training`;
  const load = useCallback(async () => setData(await api<TrainingYear>('GET', `${base}?year=${year}`)), [base, year]);
  useEffect(() => {
    void load();
  }, [load]);
  const ed = useEditor<TrainingRecord>(async (v, row) => {
    const body = { ...v, heldOn: day(v.heldOn as Dayjs | null) ?? '', trainer: v.trainer ?? '', attendeeNames: v.attendeeNames ?? '', materials: v.materials ?? '' };
    await api(row ? 'PUT' : 'POST', row ? `${base}/${row.id}` : base, body);
  }, load);
  const edit = (row: TrainingRecord | null) => {
    ed.form.resetFields();
    if (row) ed.form.setFieldsValue({ ...row, heldOn: dayjs(row.heldOn) });
    ed.setEditing(row);
  };
  const remove = async (row: TrainingRecord) => {
    await api('DELETE', `${base}/${row.id}`).catch((err: unknown) => message.error(err instanceof ApiError ? err.message : '删除失败'));
    await load();
  };
  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Text>
          {year} 年共培训 <strong>{data?.sessions ?? 0}</strong> 次，参训 <strong>{data?.attendances ?? 0}</strong> 人次
        </Typography.Text>
        <Button type="primary" onClick={() => edit(null)}>
          登记培训
        </Button>
      </Space>
      <Table<TrainingRecord>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '本年度尚无培训记录' }}
        expandable={wide ? undefined : { expandedRowRender: (r) => <TrainingDetails row={r} /> }}
        columns={[
          { title: T.heldOn, dataIndex: 'heldOn', width: 110 },
          { title: T.topic, dataIndex: 'topic' },
          { title: T.trainer, dataIndex: 'trainer', responsive: ['md'] },
          { title: T.attendeeCount, dataIndex: 'attendeeCount', width: 90, responsive: ['md'] },
          { title: T.materials, dataIndex: 'materials', responsive: ['lg'], render: (m: string) => m.split('\n').filter(Boolean).join('；') },
          {
            title: '操作',
            width: wide ? 130 : 70,
            render: (_, r) => (
              <Space direction={wide ? 'horizontal' : 'vertical'} size={0}>
                <Button type="link" size="small" onClick={() => edit(r)}>
                  编辑
                </Button>
                <Popconfirm title="删除这条培训记录？（审计日志中保留）" okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={ed.open} title={ed.editing ? '修改培训记录' : '登记培训'} okText="保存" cancelText="取消" onCancel={() => ed.setEditing(undefined)} onOk={() => ed.form.submit()} destroyOnHidden>
        <Form form={ed.form} layout="vertical" onFinish={ed.submit} initialValues={{ attendeeCount: 1 }}>
          <Form.Item label={T.heldOn} name="heldOn" required>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Form.Item>
          <Form.Item label={T.topic} name="topic" required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={T.trainer} name="trainer">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={T.attendeeCount} name="attendeeCount" required>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={T.attendeeNames} name="attendeeNames" extra="每行一人，或以顿号分隔；可只填人数">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={T.materials} name="materials" extra="每行一份材料的标题（材料原件请存入公开目录或单位档案）">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TrainingDetails({ row }: { row: TrainingRecord }) {
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label={T.trainer}>{row.trainer || '—'}</Descriptions.Item>
      <Descriptions.Item label={T.attendeeCount}>{row.attendeeCount}</Descriptions.Item>
      <Descriptions.Item label={T.attendeeNames}>{row.attendeeNames || '—'}</Descriptions.Item>
      <Descriptions.Item label={T.materials}>{row.materials.split('\n').filter(Boolean).join('；') || '—'}</Descriptions.Item>
    </Descriptions>
  );
}

function PersonsTab({ agencyId }: { agencyId: number }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md !== false;
  const [rows, setRows] = useState<ResponsiblePerson[]>([]);
  const base = `/agencies/${agencyId}/responsible-persons`;
  const load = useCallback(async () => setRows((await api<{ items: ResponsiblePerson[] }>('GET', base)).items), [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const ed = useEditor<ResponsiblePerson>(async (v, row) => {
    const body = { name: v.name ?? '', post: v.post ?? '', phone: v.phone ?? '', officePhone: v.officePhone ?? '', email: v.email ?? '', since: day(v.since as Dayjs | null) ?? '', until: day(v.until as Dayjs | null), isContact: !!v.isContact };
    await api(row ? 'PUT' : 'POST', row ? `${base}/${row.id}` : base, body);
  }, load);
  const edit = (row: ResponsiblePerson | null) => {
    ed.form.resetFields();
    if (row) ed.form.setFieldsValue({ ...row, since: dayjs(row.since), until: row.until ? dayjs(row.until) : null });
    ed.setEditing(row);
  };
  const remove = async (row: ResponsiblePerson) => {
    await api('DELETE', `${base}/${row.id}`).catch((err: unknown) => message.error(err instanceof ApiError ? err.message : '删除失败'));
    await load();
  };
  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Text type="secondary">标为“对外公布”的联系人显示在门户网站（只公开姓名、职务、办公电话和电子邮箱，不公开手机）。</Typography.Text>
        <Button type="primary" onClick={() => edit(null)}>
          添加负责人
        </Button>
      </Space>
      <Table<ResponsiblePerson>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '尚未登记政务公开负责人' }}
        columns={[
          { title: P.name, dataIndex: 'name', render: (n: string, r) => (r.isContact ? <Space size={4} wrap>{n}<Tag color="green">对外公布</Tag></Space> : n) },
          { title: P.post, dataIndex: 'post', responsive: ['md'] },
          { title: P.phone, dataIndex: 'phone', responsive: ['lg'] },
          { title: P.officePhone, dataIndex: 'officePhone', responsive: ['md'] },
          { title: P.email, dataIndex: 'email', responsive: ['lg'] },
          { title: '任职期间', render: (_, r) => `${r.since} 至 ${r.until ?? '今'}` },
          {
            title: '操作',
            width: wide ? 130 : 70,
            render: (_, r) => (
              <Space direction={wide ? 'horizontal' : 'vertical'} size={0}>
                <Button type="link" size="small" onClick={() => edit(r)}>
                  编辑
                </Button>
                <Popconfirm title="删除这位负责人？（审计日志中保留）" okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={ed.open} title={ed.editing ? '修改负责人' : '添加负责人'} okText="保存" cancelText="取消" onCancel={() => ed.setEditing(undefined)} onOk={() => ed.form.submit()} destroyOnHidden>
        <Form form={ed.form} layout="vertical" onFinish={ed.submit}>
          <Form.Item label={P.name} name="name" required>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item label={P.post} name="post">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item label={P.phone} name="phone" extra="仅供内部联系，不公开">
            <Input />
          </Form.Item>
          <Form.Item label={P.officePhone} name="officePhone">
            <Input />
          </Form.Item>
          <Form.Item label={P.email} name="email">
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item label={P.since} name="since" required>
              <DatePicker />
            </Form.Item>
            <Form.Item label={P.until} name="until">
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="isContact" valuePropName="checked">
            <Checkbox>{P.isContact}（每个机关一位）</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 'items.2.weight' → ['items', 2, 'weight']: the path of a Form.List field. */
const pathOf = (field: string): (string | number)[] => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

function AssessmentTab({ agencyId, year }: { agencyId: number; year: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: AssessmentItemInput[] }>();
  const [data, setData] = useState<Assessment | null>(null);
  const [docs, setDocs] = useState<{ value: number; label: string }[]>([]);
  const [scores, setScores] = useState<Record<number, number | null>>({});
  const url = `/agencies/${agencyId}/assessments/${year}`;
  const adopt = useCallback(
    (a: Assessment) => {
      setData(a);
      form.setFieldsValue({ items: a.items.map(({ id, name, weight, selfScore, evidenceText, evidenceDocumentIds }) => ({ id, name, weight, selfScore, evidenceText, evidenceDocumentIds })) });
      setScores(Object.fromEntries(a.items.map((i) => [i.id, i.superiorScore])));
    },
    [form],
  );
  useEffect(() => {
    void api<Assessment>('GET', url).then(adopt);
    void api<{ items: { id: number; title: string }[] }>('GET', `/documents?agencyId=${agencyId}&pageSize=200`).then((r) => setDocs(r.items.map((d) => ({ value: d.id, label: d.title }))));
  }, [url, agencyId, adopt]);
  const placeErrors = (err: unknown) => {
    const errors = fieldErrorsOf(err).filter((e) => e.field.startsWith('items.'));
    form.setFields(errors.map((e) => ({ name: pathOf(e.field) as never, errors: [e.message] })));
    message.error(err instanceof ApiError ? err.message : '保存失败');
  };
  const save = async (v: { items?: AssessmentItemInput[] }) => {
    const items = (v.items ?? []).map((i) => ({ ...(i.id ? { id: i.id } : {}), name: i.name ?? '', weight: i.weight ?? 0, selfScore: i.selfScore ?? null, evidenceText: i.evidenceText ?? '', evidenceDocumentIds: i.evidenceDocumentIds ?? [] }));
    try {
      adopt(await api<Assessment>('PUT', url, { items }));
      message.success('已保存');
    } catch (err) {
      placeErrors(err);
    }
  };
  const score = async () => {
    try {
      adopt(await api<Assessment>('PUT', `${url}/superior-scores`, { scores: Object.entries(scores).map(([itemId, s]) => ({ itemId: Number(itemId), score: s })) }));
      message.success('上级评分已保存');
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '保存失败');
    }
  };
  const weights = Form.useWatch('items', form) ?? [];
  const weightSum = Math.round(weights.reduce((s, i) => s + Math.round((i?.weight ?? 0) * 10), 0)) / 10;
  if (!data) return null;
  const t = data.totals;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="分值合计">
          <Typography.Text type={weightSum === 100 ? undefined : 'danger'}>{weightSum} / 100</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="自评总分">{t.selfTotal ?? `已评 ${t.selfScored}/${t.items} 项`}</Descriptions.Item>
        <Descriptions.Item label="上级评分总分">{t.superiorTotal ?? `已评 ${t.superiorScored}/${t.items} 项`}</Descriptions.Item>
        {data.scoredBy && <Descriptions.Item label="上级评分人">{`${data.scoredBy}（${dateTime(data.scoredAt)}）`}</Descriptions.Item>}
      </Descriptions>
      <Form form={form} layout="vertical" onFinish={save} disabled={!data.canEdit}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, n) => {
                const item = data.items.find((i) => i.id === form.getFieldValue(['items', f.name, 'id']));
                return (
                  <div key={f.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, marginBottom: 12 }}>
                    <Space wrap align="start" style={{ width: '100%' }}>
                      <Form.Item label={`${n + 1}. ${A.name}`} name={[f.name, 'name']} required style={{ minWidth: 220, marginBottom: 8 }}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item label={A.weight} name={[f.name, 'weight']} required style={{ marginBottom: 8 }}>
                        <InputNumber min={0} max={100} step={1} style={{ width: 90 }} />
                      </Form.Item>
                      <Form.Item label={A.selfScore} name={[f.name, 'selfScore']} style={{ marginBottom: 8 }}>
                        <InputNumber min={0} step={0.5} style={{ width: 90 }} />
                      </Form.Item>
                      {item && (
                        <Form.Item label={A.superiorScore} style={{ marginBottom: 8 }}>
                          {data.canScore ? (
                            <InputNumber aria-label={`${item.name}${A.superiorScore}`} disabled={false} min={0} max={item.weight} step={0.5} value={scores[item.id] ?? null} onChange={(v) => setScores({ ...scores, [item.id]: v })} style={{ width: 90 }} />
                          ) : (
                            <Typography.Text>{item.superiorScore ?? '未评'}</Typography.Text>
                          )}
                        </Form.Item>
                      )}
                    </Space>
                    <Form.Item label={A.evidenceDocumentIds} name={[f.name, 'evidenceDocumentIds']} style={{ marginBottom: 8 }}>
                      <Select mode="multiple" allowClear optionFilterProp="label" options={[...docs, ...(item?.evidenceDocuments ?? []).filter((d) => !docs.some((o) => o.value === d.id)).map((d) => ({ value: d.id, label: d.title }))]} placeholder="从公开目录中选择文件" />
                    </Form.Item>
                    <Form.Item label={A.evidenceText} name={[f.name, 'evidenceText']} style={{ marginBottom: 8 }}>
                      <Input.TextArea rows={2} maxLength={1000} />
                    </Form.Item>
                    <Button size="small" danger onClick={() => remove(f.name)}>
                      删除此项
                    </Button>
                  </div>
                );
              })}
              <Space wrap>
                <Button onClick={() => add({ name: '', weight: null, selfScore: null, evidenceText: '', evidenceDocumentIds: [] })}>添加考核项目</Button>
                <Button type="primary" htmlType="submit">
                  保存考核项目与自评分
                </Button>
                {data.canScore && data.items.length > 0 && (
                  <Button type="primary" ghost disabled={false} onClick={score}>
                    保存上级评分
                  </Button>
                )}
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </>
  );
}
