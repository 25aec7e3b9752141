import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { applicantTypeOptions, channelOptions, deliveryOptions, formOptions, idTypeOptions, phaseOptions, type RequestPage, type RequestSummary } from '../requests';
import { afterToday, thisYear, todayDayjs } from '../clock';
import { clearFieldErrors, showFieldErrors } from '../forms';

/** The intake form's fields under the API's names (the services name the applicant's contact fields bare). */
const intakeFormFields: Record<string, string> = {
  'receipt.date': 'receiptDate',
  'applicant.type': 'applicantType',
  'applicant.name': 'applicantName',
  'applicant.idType': 'idType',
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'applicant.email': 'email',
  'applicant.address': 'address',
  'applicant.contactPerson': 'contactPerson',
};

export function DueTag({ r }: { r: Pick<RequestSummary, 'overdue' | 'dueDate' | 'workingDaysLeft' | 'dueProvisional' | 'lapsed' | 'phase'> }) {
  if (r.phase === 'closed') return null;
  if (r.lapsed) return <Tag color="volcano">{r.lapsed === 'correction' ? '补正期限已届满' : '缴费期限已届满'}</Tag>;
  if (r.overdue) return <Tag color="red">已超期</Tag>;
  if (r.workingDaysLeft !== null && r.workingDaysLeft <= 3) return <Tag color="orange">剩 {r.workingDaysLeft} 个工作日</Tag>;
  if (r.dueProvisional) return <Tag>暂定</Tag>;
  return null;
}

export function RequestsPage() {
  const { agency } = useAgency();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<RequestPage>({ total: 0, totalCapped: false, items: [] });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [intake, setIntake] = useState(false);
  const [created, setCreated] = useState<{ id: number; queryCode: string } | null>(null);
  const [form] = Form.useForm();
  const page = Number(params.get('page') ?? 1);

  const load = useCallback(async () => {
    if (!agency) return;
    setLoading(true);
    const q = new URLSearchParams({ agencyId: String(agency.id), page: String(page), pageSize: '20' });
    for (const key of ['phase', 'due', 'year', 'q']) {
      const v = params.get(key);
      if (v) q.set(key, v);
    }
    try {
      setData(await api('GET', `/requests?${q}`));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [agency, params, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  const submitIntake = async (v: Record<string, unknown>) => {
    clearFieldErrors(form);
    if (!agency) return;
    const date = (d: unknown) => (d ? dayjs(d as string).format('YYYY-MM-DD') : undefined);
    const channel = v.channel as string;
    const body = {
      agencyId: agency.id,
      channel,
      submittedDate: date(v.submittedDate),
      ...(channel !== 'inPerson' && v.receiptDate ? { receipt: { date: date(v.receiptDate), method: channel === 'mail' ? 'signedFor' : 'confirmed' } } : {}),
      applicant: Object.fromEntries(
        Object.entries({ type: v.applicantType, name: v.applicantName, idType: v.idType, idNumber: v.idNumber, phone: v.phone, email: v.email, address: v.address, contactPerson: v.contactPerson }).filter(([, x]) => x !== undefined && x !== ''),
      ),
      description: v.description,
      ...(v.purpose ? { purpose: v.purpose } : {}),
      requestedForm: v.requestedForm,
      delivery: v.delivery,
    };
    try {
      const res = await api<{ id: number; queryCode: string }>('POST', '/requests', body);
      setIntake(false);
      form.resetFields();
      setCreated(res);
      await load();
    } catch (err) {
      message.error(showFieldErrors(form, err, '登记失败', intakeFormFields));
    }
  };

  if (!agency) return <Typography.Paragraph>请先选择机构。</Typography.Paragraph>;
  const currentYear = thisYear();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>依申请公开</Typography.Title>
        <Button type="primary" onClick={() => setIntake(true)}>
          登记申请
        </Button>
      </Space>
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          message={
            <span>
              已登记，查询码 <b>{created.queryCode}</b>。<Link to={`/requests/${created.id}`}>查看详情</Link>
            </span>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="状态" style={{ width: 160 }} allowClear placeholder="全部状态" value={params.get('phase') ?? undefined} options={phaseOptions} onChange={(v) => setFilter('phase', v)} />
        <Select
          aria-label="期限"
          style={{ width: 170 }}
          allowClear
          placeholder="全部期限"
          value={params.get('due') ?? undefined}
          options={[
            { value: 'soon', label: '3 个工作日内到期' },
            { value: 'overdue', label: '已超期' },
          ]}
          onChange={(v) => setFilter('due', v)}
        />
        <Select
          aria-label="年度"
          style={{ width: 120 }}
          allowClear
          placeholder="全部年度"
          value={params.get('year') ?? undefined}
          options={Array.from({ length: 6 }, (_, i) => ({ value: String(currentYear - i), label: `${currentYear - i} 年` }))}
          onChange={(v) => setFilter('year', v)}
        />
        <Input.Search aria-label="搜索申请" placeholder="查询码、申请人或内容" defaultValue={params.get('q') ?? ''} onSearch={(v) => setFilter('q', v || undefined)} allowClear style={{ width: 260 }} />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<RequestSummary>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: data.total, showTotal: (t) => `共 ${t}${data.totalCapped ? '+' : ''} 件`, onChange: (p) => setParams({ ...Object.fromEntries(params), page: String(p) }) }}
        columns={[
          { title: '查询码', dataIndex: 'queryCode', render: (v: string, r) => <Link to={`/requests/${r.id}`}>{v}</Link> },
          { title: '申请人', render: (_, r) => `${r.applicantName}（${r.applicantTypeLabel}）` },
          { title: '所需信息', dataIndex: 'description', ellipsis: true },
          { title: '渠道', dataIndex: 'channelLabel' },
          { title: '收到日期', render: (_, r) => r.receiptDate ?? <Tag color="blue">待确认</Tag> },
          { title: '状态', dataIndex: 'statusLabel' },
          { title: '答复期限', render: (_, r) => (r.dueDate ? <Space size={4}>{r.dueDate}<DueTag r={r} /></Space> : <DueTag r={r} />) },
        ]}
      />
      <Drawer title="登记申请（当面、信函、传真、电子邮件、其他）" width={560} open={intake} onClose={() => setIntake(false)} destroyOnHidden extra={<Button type="primary" onClick={() => form.submit()}>登记</Button>}>
        <Form form={form} layout="vertical" onFinish={submitIntake} initialValues={{ channel: 'inPerson', applicantType: 'natural_person', requestedForm: 'paper', delivery: 'pickup', submittedDate: todayDayjs() }}>
          <Form.Item label="提交渠道" name="channel" rules={[{ required: true }]}>
            <Select options={channelOptions.filter((c) => c.value !== 'online')} />
          </Form.Item>
          <Form.Item label="提交日期" name="submittedDate" rules={[{ required: true, message: '请选择提交日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.channel !== b.channel}>
            {({ getFieldValue }) =>
              getFieldValue('channel') === 'inPerson' ? (
                <Typography.Paragraph type="secondary">当面提交的，以提交之日为收到申请之日（条例第三十一条）。</Typography.Paragraph>
              ) : (
                <Form.Item label={getFieldValue('channel') === 'mail' ? '签收日期（平常信函为双方确认日期）' : '双方确认日期'} name="receiptDate" extra="未确认的可暂不填写，确认后在详情页记录">
                  <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item label="申请人类型" name="applicantType" rules={[{ required: true }]}>
            <Select options={applicantTypeOptions} />
          </Form.Item>
          <Form.Item label="姓名或名称" name="applicantName" rules={[{ required: true, message: '请输入申请人姓名或名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="联系人" name="contactPerson">
            <Input />
          </Form.Item>
          <Space.Compact block>
            <Form.Item label="证件类型" name="idType" style={{ width: '40%' }}>
              <Select allowClear options={idTypeOptions} />
            </Form.Item>
            <Form.Item label="证件号码" name="idNumber" style={{ width: '60%' }}>
              <Input />
            </Form.Item>
          </Space.Compact>
          <Form.Item label="联系电话" name="phone" extra="申请人凭查询码和电话后四位查询进度">
            <Input />
          </Form.Item>
          <Form.Item label="电子邮箱" name="email">
            <Input />
          </Form.Item>
          <Form.Item label="通信地址" name="address">
            <Input />
          </Form.Item>
          <Form.Item label="所需信息的名称、文号或特征描述" name="description" rules={[{ required: true, message: '请填写所需信息' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item label="用途（选填）" name="purpose">
            <Input />
          </Form.Item>
          <Form.Item label="获取形式" name="requestedForm" rules={[{ required: true }]}>
            <Select options={formOptions} />
          </Form.Item>
          <Form.Item label="获取方式" name="delivery" rules={[{ required: true }]}>
            <Select options={deliveryOptions} />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}

