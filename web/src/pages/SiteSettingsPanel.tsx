import { useEffect } from 'react';
import { App, Button, Form, Input, Typography } from 'antd';
import { api } from '../api';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { siteSettingHints, siteSettingKeys, siteSettingLabels, type SiteSettings } from '../../../src/capabilities/agencies/site-settings-contract.ts';

/** 网站设置: what every portal page's footer and 联系我们 show (主办单位, 网站标识码, 备案号, contacts). */
export function SiteSettingsPanel({ agencyId }: { agencyId: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SiteSettings>();
  useEffect(() => {
    form.resetFields();
    api<SiteSettings>('GET', `/agencies/${agencyId}/site-settings`)
      .then((v) => form.setFieldsValue(v))
      .catch(() => message.error('读取网站设置失败'));
    // form and message are stable instances
  }, [agencyId]);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      onValuesChange={(changed: SiteSettings) => clearFieldErrors(form, Object.keys(changed))}
      onFinish={async (v) => {
        try {
          // Every field is sent: an emptied field clears its setting.
          const all = Object.fromEntries(siteSettingKeys.map((k) => [k, v[k] ?? '']));
          form.setFieldsValue(await api<SiteSettings>('PUT', `/agencies/${agencyId}/site-settings`, all));
          message.success('已保存，门户网站各页页脚随即显示');
        } catch (err) {
          message.error(showFieldErrors(form, err, '保存失败'));
        }
      }}
    >
      <Typography.Paragraph type="secondary">显示在门户网站每个页面的页脚和“联系我们”页，供网站普查和公众查看。由本机关管理员填写。</Typography.Paragraph>
      {siteSettingKeys.map((name) => (
        <Form.Item key={name} label={siteSettingLabels[name]} name={name} extra={siteSettingHints[name]}>
          <Input />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit">
        保存
      </Button>
    </Form>
  );
}
