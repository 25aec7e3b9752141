import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { todayDayjs } from '../clock';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { consultationFieldLabels as F, consultationFieldLimits as L, kindOptions, minimumPeriodText, stateOptions, type ConsultationListItem, type DraftKind } from '../consultations';

/** 征集中, 逾期 and the rest: colour and words together. */
export function ConsultationTags({ c }: { c: Pick<ConsultationListItem, 'phase' | 'phaseLabel' | 'overdue'> }) {
  return (
    <Space size={4} wrap>
      <Tag color={c.phase === 'open' ? 'blue' : c.phase === 'feedbackPublished' ? 'green' : c.phase === 'closed' ? 'gold' : 'default'} data-testid="consultation-phase">
        {c.phaseLabel}
      </Tag>
      {c.overdue && (
        <Tag color="red" data-testid="consultation-overdue">
          逾期未公布采纳情况
        </Tag>
      )}
    </Space>
  );
}

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** 登记征求意见稿: the server checks the period against the minimum for the kind and names each field's problem. */
function NewConsultation({ agencyId, open, onClose }: { agencyId: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const narrow = Grid.useBreakpoint().md === false;
  const kind = Form.useWatch('kind', form) as DraftKind | undefined;
  const business = Form.useWatch('concernsBusiness', form) as boolean | undefined;
  const submit = async (v: Record<string, unknown>) => {
    clearFieldErrors(form);
    const body = {
      agencyId,
      title: String(v.title ?? ''),
      kind: v.kind,
      concernsBusiness: v.kind === 'normativeDocument' && v.concernsBusiness === true,
      draftText: String(v.draftText ?? ''),
      explanation: String(v.explanation ?? ''),
      startDate: day(v.startDate as Dayjs | undefined),
      endDate: day(v.endDate as Dayjs | undefined),
      ...(v.shortPeriodReason ? { shortPeriodReason: String(v.shortPeriodReason) } : {}),
      ...(v.contact ? { contact: String(v.contact) } : {}),
    };
    try {
      const { id } = await api<{ id: number }>('POST', '/consultations', body);
      message.success('已登记，请核对后发布');
      navigate(`/interaction/consultations/${id}`);
    } catch (err) {
      message.error(showFieldErrors(form, err, '登记失败'));
    }
  };
  return (
    <Drawer title="登记征求意见稿" width={narrow ? '100%' : 640} open={open} onClose={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'normativeDocument', startDate: todayDayjs() }}>
        <Form.Item name="title" label={F.title} rules={[{ required: true, message: '请填写草案标题' }]}>
          <Input maxLength={L.title} />
        </Form.Item>
        <Form.Item name="kind" label={F.kind} rules={[{ required: true }]} extra={kind ? minimumPeriodText(kind, business === true) : undefined}>
          <Select options={kindOptions} />
        </Form.Item>
        {kind === 'normativeDocument' && (
          <Form.Item name="concernsBusiness" valuePropName="checked">
            <Checkbox>与市场主体生产经营活动密切相关（征求意见不少于 30 日）</Checkbox>
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="startDate" label={F.startDate} rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endDate" label={F.endDate} rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        {(kind === 'regulation' || kind === 'majorDecision') && (
          <Form.Item name="shortPeriodReason" label={F.shortPeriodReason} extra="期限少于 30 日的须填写，理由随草案一并公布">
            <Input.TextArea rows={2} maxLength={L.reason} />
          </Form.Item>
        )}
        <Form.Item name="draftText" label={F.draftText} rules={[{ required: true, message: '请填写征求意见稿正文' }]} extra="每条另起一行并以“第一条”“第二条”等开头，公众即可针对某一条提出意见">
          <Input.TextArea rows={8} />
        </Form.Item>
        <Form.Item name="explanation" label={F.explanation} rules={[{ required: true, message: '请填写起草说明' }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="contact" label={F.contact} extra="例如电子邮箱、通信地址；门户网站上的意见表单始终可用">
          <Input maxLength={L.contact} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          登记
        </Button>
      </Form>
    </Drawer>
  );
}

/** 互动交流 · 意见征集: the agency's consultations, filtered by state (逾期 included), and a new draft. */
export function ConsultationsPage() {
  const { agency, roles } = useAgency();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? undefined;
  const [items, setItems] = useState<ConsultationListItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    if (!agency) return;
    try {
      const q = new URLSearchParams({ agencyId: String(agency.id), ...(state ? { state } : {}) });
      setItems((await api<{ items: ConsultationListItem[] }>('GET', `/consultations?${q}`)).items);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, [agency, state]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return <Typography.Paragraph>请先选择机构。</Typography.Paragraph>;
  const mayRecord = roles.some((r) => r === 'admin' || r === 'clerk' || r === 'head');
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>互动交流 · 意见征集</Typography.Title>
        <Space wrap>
          <Link to="/interaction">留言</Link>
          {mayRecord && (
            <Button type="primary" onClick={() => setCreating(true)}>
              登记征求意见稿
            </Button>
          )}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <span id="state-filter">状态</span>
        <Select
          aria-labelledby="state-filter"
          allowClear
          placeholder="全部"
          style={{ minWidth: 220 }}
          value={state}
          options={stateOptions}
          onChange={(v: string | undefined) => setParams(v ? { state: v } : {})}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<ConsultationListItem>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无意见征集' }}
        columns={[
          { title: '草案', dataIndex: 'title', render: (t: string, c) => <Link to={`/interaction/consultations/${c.id}`}>{t}</Link> },
          { title: '类型', dataIndex: 'kindLabel' },
          { title: '征求意见期限', render: (_: unknown, c) => `${c.startDate} 至 ${c.endDate}` },
          { title: '状态', render: (_: unknown, c) => <ConsultationTags c={c} /> },
          { title: '意见（待审核）', render: (_: unknown, c) => `${c.commentCount}（${c.pendingCount}）` },
        ]}
      />
      <NewConsultation agencyId={agency.id} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
