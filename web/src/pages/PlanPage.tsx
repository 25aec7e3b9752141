import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Badge, Button, Calendar, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { type Dayjs } from 'dayjs';
import { api } from '../api';
import { showFieldErrors } from '../forms';
import { useAgency } from '../agency';
import { todayDayjs } from '../clock';
import { planChannels as channels, type PlanChannel, type PlanItem } from '../../../src/capabilities/disclosure/contract.ts';

const colors: Record<PlanChannel, string> = { website: 'blue', wechat: 'green', board: 'orange' } as const;

/** The publishing plan: planned posts per channel, on a calendar. */
export function PlanPage() {
  const { agency } = useAgency();
  const { message } = App.useApp();
  const [month, setMonth] = useState(todayDayjs());
  const [items, setItems] = useState<PlanItem[]>([]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const load = useCallback(async () => {
    if (!agency) return;
    setItems((await api<{ items: PlanItem[] }>('GET', `/publishing-plan?agencyId=${agency.id}&month=${month.format('YYYY-MM')}`)).items);
  }, [agency, month]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return null;
  const add = async (v: { channel: string; plannedDate: Dayjs; title: string }) => {
    try {
      await api('POST', '/publishing-plan', { agencyId: agency.id, channel: v.channel, plannedDate: v.plannedDate.format('YYYY-MM-DD'), title: v.title });
      setAdding(false);
      form.resetFields();
      await load();
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };
  return (
    <>
      <Typography.Paragraph>
        <Link to="/proactive">‹ 返回主动公开</Link>
      </Typography.Paragraph>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>发布计划</Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          添加计划
        </Button>
      </Space>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        cellRender={(d, info) =>
          info.type === 'date' ? (
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items
                .filter((i) => i.planned_date === d.format('YYYY-MM-DD'))
                .map((i) => (
                  <li key={i.id}>
                    <Badge color={colors[i.channel]} text={`${channels[i.channel]}：${i.title}`} />
                  </li>
                ))}
            </ul>
          ) : null
        }
      />
      <Modal open={adding} title="添加发布计划" okText="保存" cancelText="取消" onCancel={() => setAdding(false)} onOk={() => form.submit()}>
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ channel: 'website', plannedDate: month }}>
          <Form.Item label="渠道" name="channel">
            <Select options={Object.entries(channels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="计划日期" name="plannedDate" rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="内容" name="title" rules={[{ required: true, message: '请填写计划发布的内容' }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
