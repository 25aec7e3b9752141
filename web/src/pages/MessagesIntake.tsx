import { App, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { afterToday, todayDayjs } from '../clock';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { kindOptions, messageFieldLimits as L, staffChannelOptions, type MailboxDto } from '../messages';

/**
 * 登记留言: a letter, a note from the 意见箱 or a walk-in, entered by staff. The server checks every
 * field in one round and names each; its messages are put on the fields (never the API's names).
 */
export function MessagesIntake({ agencyId, mailboxes, open, onClose, onCreated }: { agencyId: number; mailboxes: MailboxDto[]; open: boolean; onClose: () => void; onCreated: (c: { id: number; queryCode: string }) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  // On a phone the drawer takes the whole width rather than running off the screen.
  const narrow = Grid.useBreakpoint().md === false;
  const submit = async (v: Record<string, unknown>) => {
    clearFieldErrors(form);
    const body = {
      agencyId,
      channel: v.channel,
      receivedDate: dayjs(v.receivedDate as string).format('YYYY-MM-DD'),
      mailboxId: v.mailboxId,
      kind: v.kind,
      title: String(v.title ?? ''),
      body: String(v.body ?? ''),
      name: String(v.name ?? ''),
      phone: String(v.phone ?? ''),
      ...(v.email ? { email: v.email } : {}),
      ...(v.address ? { address: v.address } : {}),
      consentToPublish: v.consentToPublish === true,
    };
    try {
      const created = await api<{ id: number; queryCode: string }>('POST', '/messages', body);
      form.resetFields();
      onCreated(created);
    } catch (err) {
      // A bad receipt date comes without a field name: it can only be this one.
      if (err instanceof ApiError && err.code === 'INVALID_DATE') {
        form.setFields([{ name: 'receivedDate', errors: [err.message] }]);
        message.error('请修改标出的 1 处后再登记');
        return;
      }
      message.error(showFieldErrors(form, err, '登记失败'));
    }
  };
  const within = (label: string, max: number, min = 0) => ({
    validator: (_: unknown, value: string | undefined) => {
      const n = [...(value ?? '').trim()].length;
      return n >= min && n <= max ? Promise.resolve() : Promise.reject(new Error(min > 0 ? `${label}应为 ${min} 至 ${max} 个字，现为 ${n} 个字` : `${label}不能超过 ${max} 个字，现为 ${n} 个字`));
    },
  });
  return (
    <Drawer
      title="登记留言（来信、意见箱、来访）"
      width={narrow ? '100%' : 560}
      open={open}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" onClick={() => form.submit()} disabled={mailboxes.length === 0}>
          登记
        </Button>
      }
    >
      {mailboxes.length === 0 ? (
        <Typography.Paragraph>
          本机关尚未开设信箱。请管理员或负责人先在 <Link to="/interaction/mailboxes">信箱设置</Link> 中开设信箱。
        </Typography.Paragraph>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={(changed: object) => clearFieldErrors(form, Object.keys(changed))}
          initialValues={{ channel: 'inPerson', receivedDate: todayDayjs(), mailboxId: mailboxes[0]?.id, kind: 'consultation' }}
        >
          <Form.Item label="来源" name="channel" rules={[{ required: true, message: '请选择来源' }]}>
            <Select options={staffChannelOptions} />
          </Form.Item>
          <Form.Item label="收到日期" name="receivedDate" rules={[{ required: true, message: '请选择收到日期' }]} extra="答复期限自收到之日起按工作日计算">
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
          </Form.Item>
          <Form.Item label="信箱" name="mailboxId" rules={[{ required: true, message: '请选择信箱' }]}>
            <Select options={mailboxes.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
          <Form.Item label="留言类型" name="kind" rules={[{ required: true, message: '请选择留言类型' }]}>
            <Radio.Group options={kindOptions} optionType="button" />
          </Form.Item>
          <Form.Item label="标题" name="title" validateFirst rules={[{ required: true, message: '请填写标题' }, within('标题', L.titleMax, L.titleMin)]}>
            <Input />
          </Form.Item>
          <Form.Item label="留言内容" name="body" validateFirst rules={[{ required: true, message: '请填写留言内容' }, within('留言内容', L.body)]}>
            <Input.TextArea rows={5} showCount={{ formatter: ({ count }) => `${count} / ${L.body}` }} />
          </Form.Item>
          <Form.Item label="姓名" name="name" validateFirst rules={[{ required: true, message: '请填写姓名' }, within('姓名', L.name)]}>
            <Input />
          </Form.Item>
          <Form.Item label="联系电话" name="phone" rules={[{ required: true, message: '请填写联系电话' }]} extra="留言人凭查询码和电话后四位查询办理情况">
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item label="电子邮箱（选填）" name="email">
            <Input inputMode="email" />
          </Form.Item>
          <Form.Item label="通信地址（选填）" name="address" rules={[within('通信地址', L.address)]}>
            <Input />
          </Form.Item>
          <Form.Item label="是否同意公开" name="consentToPublish" rules={[{ required: true, message: '请选择是否同意公开' }]} extra="同意的，答复经审核批准后可在门户公开（姓名遮蔽显示）">
            <Radio.Group
              options={[
                { value: true, label: '同意公开' },
                { value: false, label: '不同意公开' },
              ]}
            />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
