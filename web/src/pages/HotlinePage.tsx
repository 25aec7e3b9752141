import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Grid, Input, Modal, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api, apiUpload, ApiError } from '../api';
import { useAgency } from '../agency';
import { serverNow } from '../clock';
import { showFieldErrors } from '../forms';
import { editDeleteColumn } from './rowActions';
import { hotlineClosedLabels, hotlineFieldLabels as F, hotlineLimits as L, type HotlineCall, type HotlineImportResult, type HotlineList } from '../../../src/capabilities/hotline/contract.ts';

const canRecord = (roles: readonly string[]) => roles.some((r) => r === 'admin' || r === 'clerk' || r === 'head');

/** 热线记录: calls entered one by one or imported from a 12345 export; the caller masked for non-handlers. */
export function HotlinePage() {
  const { agency, roles } = useAgency();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md !== false;
  const [data, setData] = useState<HotlineList | null>(null);
  const [closed, setClosed] = useState<'' | 'closed' | 'open'>('');
  const [q, setQ] = useState('');
  const [imported, setImported] = useState<HotlineImportResult | null>(null);
  const [editing, setEditing] = useState<HotlineCall | null | undefined>(undefined);
  const [form] = Form.useForm();
  const base = agency ? `/agencies/${agency.id}/hotline` : '';
  const load = useCallback(async () => {
    if (!base) return;
    const params = new URLSearchParams({ ...(closed ? { closed } : {}), ...(q.trim() ? { q: q.trim() } : {}) });
    setData(await api<HotlineList>('GET', `${base}?${params}`));
  }, [base, closed, q]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return null;
  const mayRecord = canRecord(roles);

  const edit = (row: HotlineCall | null) => {
    form.resetFields();
    if (row) form.setFieldsValue({ ...row, calledAt: dayjs(row.calledAt, 'YYYY-MM-DD HH:mm') });
    setEditing(row);
  };
  const save = async (v: Record<string, unknown>) => {
    const body = { orderNo: v.orderNo ?? '', calledAt: (v.calledAt as Dayjs | null)?.format('YYYY-MM-DD HH:mm') ?? '', callerName: v.callerName ?? '', callerPhone: v.callerPhone ?? '', subject: v.subject ?? '', answer: v.answer ?? '', closed: v.closed === true };
    try {
      await api(editing ? 'PUT' : 'POST', editing ? `${base}/${editing.id}` : base, body);
      setEditing(undefined);
      message.success('已保存');
      await load();
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };
  const importFile = async (file: File) => {
    try {
      const result = await apiUpload<HotlineImportResult>(`${base}/import`, file);
      setImported(result);
      await load();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '导入失败');
    }
    return false;
  };

  return (
    <>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>互动交流 · 热线记录</Typography.Title>
        <Space wrap>
          <Link to="/interaction">留言</Link>
          {mayRecord && (
            <>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={importFile}>
                <Button>导入 12345 工单（XLSX）</Button>
              </Upload>
              <Button type="primary" onClick={() => edit(null)}>
                登记来电
              </Button>
            </>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">热线来电不属于依申请公开，不计入年度报告的申请数。导入时按工单编号去重，重复导入不会产生重复记录；有问题的行逐行列出，其余行照常导入。</Typography.Paragraph>
      {imported && (
        <Alert
          style={{ marginBottom: 12 }}
          type={imported.errors.length ? 'warning' : 'success'}
          closable
          onClose={() => setImported(null)}
          message={`共读取 ${imported.rows} 行：新增 ${imported.created} 条，更新 ${imported.updated} 条，已有且无变化 ${imported.unchanged} 条，未导入 ${imported.errors.length} 行`}
          description={imported.errors.length ? <ul data-testid="import-errors">{imported.errors.map((e) => <li key={e.row}>第 {e.row} 行{e.orderNo ? `（${e.orderNo}）` : ''}：{e.problems.join('；')}</li>)}</ul> : undefined}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group value={closed} onChange={(e) => setClosed(e.target.value as typeof closed)} optionType="button" options={[{ value: '', label: '全部' }, { value: 'open', label: hotlineClosedLabels.open }, { value: 'closed', label: hotlineClosedLabels.closed }]} />
        <Input.Search aria-label="关键词" placeholder="工单编号、诉求或答复" allowClear onSearch={setQ} style={{ width: wide ? 260 : 200 }} />
        <Typography.Text>
          共 {data?.total ?? 0} 条，已办结 {data?.closedCount ?? 0} 条
        </Typography.Text>
      </Space>
      <Table<HotlineCall>
        rowKey="id"
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无来电记录' }}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{`${F.answer}：${r.answer || '（未填写）'}`}</Typography.Paragraph> }}
        columns={[
          { title: F.calledAt, dataIndex: 'calledAt', width: 140 },
          { title: F.orderNo, dataIndex: 'orderNo', responsive: ['lg'], render: (v: string) => v || '本机关热线' },
          { title: F.callerName, responsive: ['md'], render: (_, r) => `${r.callerName || '匿名'}${r.callerPhone ? ` ${r.callerPhone}` : ''}` },
          { title: F.subject, dataIndex: 'subject' },
          { title: F.closed, dataIndex: 'closed', width: 80, render: (c: boolean) => <Tag color={c ? 'green' : 'orange'}>{c ? hotlineClosedLabels.closed : hotlineClosedLabels.open}</Tag> },
          ...editDeleteColumn<HotlineCall>(mayRecord, wide, '来电记录', edit, async (r) => {
            await api('DELETE', `${base}/${r.id}`);
            await load();
          }),
        ]}
      />
      <Modal open={editing !== undefined} title={editing ? '修改来电记录' : '登记来电'} okText="保存" cancelText="取消" onCancel={() => setEditing(undefined)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ closed: false, calledAt: dayjs(serverNow()) }}>
          <Form.Item label={`${F.calledAt}（北京时间）`} name="calledAt" required>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={F.orderNo} name="orderNo" extra="12345 转来的工单填写工单编号；本机关热线可不填">
            <Input maxLength={L.orderNo} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }}>
            <Form.Item label={F.callerName} name="callerName">
              <Input maxLength={L.callerName} />
            </Form.Item>
            <Form.Item label={F.callerPhone} name="callerPhone">
              <Input maxLength={L.callerPhone} />
            </Form.Item>
          </Space>
          <Form.Item label={F.subject} name="subject" required>
            <Input.TextArea rows={3} maxLength={L.subject} />
          </Form.Item>
          <Form.Item label={F.answer} name="answer">
            <Input.TextArea rows={3} maxLength={L.answer} />
          </Form.Item>
          <Form.Item label={F.closed} name="closed">
            <Select options={[{ value: false, label: hotlineClosedLabels.open }, { value: true, label: hotlineClosedLabels.closed }]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
