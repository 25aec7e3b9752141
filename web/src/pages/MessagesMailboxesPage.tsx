import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { useRecord } from '../messages-list';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { defaultReplyLimits, MAX_REPLY_WORKING_DAYS, messageKindLabels, messageKinds, type MailboxDto } from '../messages';

/** 信箱设置: the agency's mailboxes and each kind's reply limit; the admin or head opens new ones. */
export function MessagesMailboxesPage() {
  const { agency, roles } = useAgency();
  const { message } = App.useApp();
  const { record, error, reload: load } = useRecord<{ items: MailboxDto[] }>(agency ? `/mailboxes?agencyId=${agency.id}` : null);
  const items = record?.items ?? null;
  const [form] = Form.useForm();
  const mayCreate = roles.includes('admin') || roles.includes('head');

  const create = async (v: { name: string; description?: string; limits: Record<string, number> }) => {
    if (!agency) return;
    try {
      await api('POST', '/mailboxes', { agencyId: agency.id, name: v.name, ...(v.description ? { description: v.description } : {}), limits: v.limits });
      message.success(`已开设“${v.name}”`);
      form.resetFields();
      await load();
    } catch (err) {
      // The server names a clash or a bad limit without a field: the name is the one a clash concerns.
      if (err instanceof ApiError && err.code === 'MAILBOX_EXISTS') form.setFields([{ name: 'name', errors: [err.message] }]);
      message.error(showFieldErrors(form, err, '开设失败'));
    }
  };

  if (!agency) return <Typography.Paragraph>请先选择机构。</Typography.Paragraph>;
  return (
    <>
      <Typography.Paragraph>
        <Link to="/interaction">‹ 返回留言列表</Link>
      </Typography.Paragraph>
      <Typography.Title level={3}>信箱设置</Typography.Title>
      <Typography.Paragraph type="secondary">
        留言按信箱收取。各类留言的答复时限以工作日计（按依申请公开所用的工作日历），最长 {MAX_REPLY_WORKING_DAYS} 个工作日（含延期）；临期、逾期和 60 天红色预警据此计算。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<MailboxDto>
        rowKey="id"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: '尚未开设信箱' }}
        columns={[
          { title: '信箱', dataIndex: 'name', width: 130 },
          { title: '说明', dataIndex: 'description', width: 220, render: (v: string) => v || '—' },
          ...messageKinds.map((k) => ({ title: `${messageKindLabels[k]}（工作日）`, key: k, width: 110, render: (_: unknown, m: MailboxDto) => m.limits[k] })),
        ]}
      />
      {mayCreate ? (
        <Card title="开设信箱" size="small" style={{ marginTop: 24, maxWidth: 640 }}>
          <Form form={form} layout="vertical" onFinish={create} onValuesChange={(changed: object) => clearFieldErrors(form, Object.keys(changed))} initialValues={{ limits: defaultReplyLimits }}>
            <Form.Item label="信箱名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写信箱名称，如“乡长信箱”' }, { max: 50, message: '信箱名称不能超过 50 个字' }]}>
              <Input placeholder="如：乡长信箱、政务公开信箱" />
            </Form.Item>
            <Form.Item label="说明（选填）" name="description" rules={[{ max: 500, message: '说明不能超过 500 个字' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Space wrap size={16}>
              {messageKinds.map((k) => (
                <Form.Item key={k} label={`${messageKindLabels[k]}答复时限（工作日）`} name={['limits', k]} rules={[{ required: true, type: 'integer', min: 1, max: MAX_REPLY_WORKING_DAYS, message: `应为 1 至 ${MAX_REPLY_WORKING_DAYS} 的整数` }]}>
                  <InputNumber min={1} max={MAX_REPLY_WORKING_DAYS} precision={0} />
                </Form.Item>
              ))}
            </Space>
            <Button type="primary" htmlType="submit">
              开设
            </Button>
          </Form>
        </Card>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          信箱由管理员或负责人开设。
        </Typography.Paragraph>
      )}
    </>
  );
}
