import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { showFieldErrors } from '../forms';
import { useAgency } from '../agency';
import { todayDayjs } from '../clock';
import { appealKinds, appealResults, type Appeal } from '../../../src/capabilities/reports/contract.ts';

const kinds = Object.entries(appealKinds).map(([value, label]) => ({ value, label }));
const results = Object.entries(appealResults).map(([value, label]) => ({ value, label }));

/** 行政复议、行政诉讼 cases arising from OGI work (table 四 of the annual report). */
export function AppealsPage() {
  const { agency } = useAgency();
  const { message } = App.useApp();
  const [items, setItems] = useState<Appeal[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Appeal | 'new' | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    if (!agency) return;
    try {
      setItems((await api<{ items: Appeal[] }>('GET', `/appeals?agencyId=${agency.id}`)).items);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, [agency]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return null;
  const open = (a: Appeal | 'new') => {
    setEditing(a);
    form.setFieldsValue(
      a === 'new'
        ? { kind: 'reconsideration', filedDate: todayDayjs(), summary: '' }
        : { kind: a.kind, caseNo: a.case_no, filedDate: dayjs(a.filed_date), closedDate: a.closed_date ? dayjs(a.closed_date) : null, result: a.result, requestId: a.request_id, summary: a.summary },
    );
  };
  const save = async (v: Record<string, unknown>) => {
    const date = (d: unknown) => (d ? dayjs(d as string).format('YYYY-MM-DD') : null);
    const body = { agencyId: agency.id, kind: v.kind, caseNo: (v.caseNo as string) || undefined, filedDate: date(v.filedDate), closedDate: date(v.closedDate), result: v.result ?? null, requestId: v.requestId ?? null, summary: v.summary };
    try {
      if (editing === 'new') await api('POST', '/appeals', body);
      else if (editing) await api('PUT', `/appeals/${editing.id}`, body);
      setEditing(null);
      await load();
      message.success('已保存');
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>复议诉讼</Typography.Title>
        <Button type="primary" onClick={() => open('new')}>
          登记案件
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Appeal>
        rowKey="id"
        dataSource={items}
        scroll={{ x: true }}
        columns={[
          { title: '类型', render: (_, a) => appealKinds[a.kind] },
          { title: '案号', dataIndex: 'case_no' },
          { title: '受理/立案日期', dataIndex: 'filed_date' },
          { title: '结果', render: (_, a) => (a.result ? `${appealResults[a.result]}（${a.closed_date}）` : <Tag>尚未审结</Tag>) },
          { title: '案情', dataIndex: 'summary', ellipsis: true },
          { title: '', render: (_, a) => <Button size="small" onClick={() => open(a)}>编辑</Button> },
        ]}
      />
      <Modal open={!!editing} title={editing === 'new' ? '登记案件' : '编辑案件'} okText="保存" cancelText="取消" onCancel={() => setEditing(null)} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="类型" name="kind" rules={[{ required: true }]}>
            <Select options={kinds} />
          </Form.Item>
          <Form.Item label="案号" name="caseNo">
            <Input />
          </Form.Item>
          <Form.Item label="受理或立案日期" name="filedDate" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="审结日期" name="closedDate">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="结果" name="result">
            <Select allowClear options={results} placeholder="尚未审结" />
          </Form.Item>
          <Form.Item label="关联申请编号" name="requestId">
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="案情摘要" name="summary" rules={[{ required: true, message: '请填写案情摘要' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
