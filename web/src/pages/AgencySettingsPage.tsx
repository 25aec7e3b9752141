import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { api, ApiError } from '../api';
import { noticeSettingLabels, type NoticeSettingKey, type NoticeSettings, type SelfReviewSetting } from '../../../src/capabilities/agencies/contract.ts';
import { useAgency } from '../agency';
import { RichText } from '../RichText';
import { SiteSettingsPanel } from './SiteSettingsPanel';
import { portalPageLabels, portalPageSlugs, type PortalPageSlug, type PortalPageView } from '../../../src/capabilities/disclosure/contract.ts';
import { guideTemplateHtml } from '../../../src/capabilities/disclosure/guide-template.ts';
import type { SiteSettings } from '../../../src/capabilities/agencies/site-settings-contract.ts';

/** Hints under the fields whose content is not obvious from the label. */
const noticeHints: Partial<Record<NoticeSettingKey, string>> = {
  reconsiderationBody: '答复书告知申请人的复议机关，如“某县人民政府”',
  court: '如“某县人民法院”',
  portalUrl: '受理回执中的查询网址，如 https://www.example.gov.cn',
  docNumberPrefix: '如“常政信公”，文书编号为“常政信公〔2026〕1号”，每年从 1 号起按出具先后编号；留空则文书不编文号',
};

/** Per-agency settings: notices, index numbers, and the portal's 公开指南/公开制度 pages. */
export function AgencySettingsPage() {
  const { agency } = useAgency();
  const { message } = App.useApp();
  const [notices] = Form.useForm();
  const [scheme, setScheme] = useState('');
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '保存失败');
  useEffect(() => {
    if (!agency) return;
    api<NoticeSettings>('GET', `/agencies/${agency.id}/notice-settings`).then((v) => notices.setFieldsValue(v)).catch(fail);
    // notices is a stable form instance
  }, [agency]);
  if (!agency) return null;
  return (
    <>
      <Typography.Title level={3}>机构设置：{agency.name}</Typography.Title>
      <Tabs
        items={[
          {
            key: 'notices',
            label: '文书设置',
            children: (
              <Form
                form={notices}
                layout="vertical"
                style={{ maxWidth: 640 }}
                onFinish={async (v) => {
                  try {
                    await api('PUT', `/agencies/${agency.id}/notice-settings`, v);
                    message.success('已保存');
                  } catch (err) {
                    fail(err);
                  }
                }}
              >
                {(Object.keys(noticeSettingLabels) as NoticeSettingKey[]).map((name) => (
                  <Form.Item key={name} label={noticeSettingLabels[name]} name={name} extra={noticeHints[name]}>
                    <Input />
                  </Form.Item>
                ))}
                <Button type="primary" htmlType="submit">
                  保存
                </Button>
              </Form>
            ),
          },
          {
            key: 'index',
            label: '索引号规则',
            children: (
              <Card size="small" style={{ maxWidth: 640 }}>
                <Typography.Paragraph>
                  占位符：<code>{'{agency}'}</code> 机构代码，<code>{'{year}'}</code> 年份，<code>{'{seq:5}'}</code> 五位序号，<code>{'{category}'}</code> 栏目代码。例如 <code>{'11340000MB0123456X/{year}-{seq:5}'}</code>。
                </Typography.Paragraph>
                <Input aria-label="索引号规则" value={scheme} onChange={(e) => setScheme(e.target.value)} placeholder="{agency}/{year}-{seq:5}" style={{ marginBottom: 8 }} />
                <Button
                  type="primary"
                  onClick={async () => {
                    try {
                      await api('PUT', `/agencies/${agency.id}/index-scheme`, { scheme });
                      message.success('已保存，新建文件将按此规则编号');
                    } catch (err) {
                      fail(err);
                    }
                  }}
                >
                  保存
                </Button>
              </Card>
            ),
          },
          { key: 'self-review', label: '自审设置', children: <SelfReviewEditor /> },
          { key: 'site', label: '网站设置', children: <SiteSettingsPanel agencyId={agency.id} /> },
          ...portalPageSlugs.map((slug) => ({ key: slug, label: portalPageLabels[slug], children: <PortalPageEditor slug={slug} /> })),
        ]}
      />
    </>
  );
}

function PortalPageEditor({ slug }: { slug: PortalPageSlug }) {
  const { agency } = useAgency();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!agency) return;
    api<PortalPageView>('GET', `/portal-pages/${slug}?agencyId=${agency.id}`)
      .then((p) => form.setFieldsValue({ title: p.title || `${agency.name}政府信息${portalPageLabels[slug]}`, bodyHtml: p.bodyHtml }))
      .catch(() => undefined);
  }, [agency, slug, form]);
  if (!agency) return null;
  // The guide's first draft from the 网站设置 contacts; the editor replaces nothing until asked.
  const fromTemplate = async () => {
    try {
      const settings = await api<SiteSettings>('GET', `/agencies/${agency.id}/site-settings`);
      const bodyHtml = guideTemplateHtml({ fullName: agency.fullName || agency.name, settings, portalPath: `${window.location.origin}/org/${agency.code}/` });
      const replace = () => form.setFieldsValue({ bodyHtml });
      if (!form.getFieldValue('bodyHtml')) return replace();
      modal.confirm({ title: '用模板替换当前正文？', content: '当前正文将被模板替换，保存前可以继续修改；未保存的修改会丢失。', okText: '替换', cancelText: '取消', onOk: replace });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '读取网站设置失败');
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 900 }}
      onFinish={async (v: { title: string; bodyHtml: string }) => {
        try {
          await api('PUT', `/portal-pages/${slug}`, { agencyId: agency.id, title: v.title, bodyHtml: v.bodyHtml ?? '' });
          message.success('已发布到门户');
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : '保存失败');
        }
      }}
    >
      <Form.Item label="标题" name="title" rules={[{ required: true, message: '请输入标题' }]}>
        <Input />
      </Form.Item>
      {slug === 'guide' && (
        <Typography.Paragraph>
          <Button onClick={fromTemplate}>按模板生成</Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            按《条例》的要求生成指南初稿，受理机构的地址、电话等取自“网站设置”，缺少的项目标为【请填写】。
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <Form.Item label="正文" name="bodyHtml">
        <RichText label="正文" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        保存并发布
      </Button>
    </Form>
  );
}

/** The four-eyes rule's one exception: a one-person office, with its reason on record. */
function SelfReviewEditor() {
  const { agency, roles } = useAgency();
  const { message } = App.useApp();
  const [current, setCurrent] = useState<SelfReviewSetting | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (!agency) return;
    api<SelfReviewSetting>('GET', `/agencies/${agency.id}/self-review`)
      .then((v) => {
        setCurrent(v);
        setReason(v.reason ?? '');
      })
      .catch(() => setCurrent(null));
  }, [agency]);
  if (!agency || !current) return null;
  const save = async (allowed: boolean) => {
    try {
      setCurrent(await api<SelfReviewSetting>('PUT', `/agencies/${agency.id}/self-review`, { allowed, reason }));
      message.success(allowed ? '已开启自审' : '已关闭自审');
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '保存失败');
    }
  };
  return (
    <Card size="small" style={{ maxWidth: 640 }}>
      <Typography.Paragraph>
        默认执行“四眼原则”：文件的起草人不能对其进行保密审查或批准发布，申请延期的工作人员不能审批本人的延期申请。仅一人从事政务公开工作的机构，可以开启自审并写明理由；每次自审都会在记录和审计日志中标明。
      </Typography.Paragraph>
      <Typography.Paragraph strong>当前：{current.allowed ? `已开启（${current.reason}）` : '未开启'}</Typography.Paragraph>
      {roles.includes('admin') ? (
        <>
          <Input.TextArea aria-label="开启自审的理由" rows={3} maxLength={500} showCount value={reason} onChange={(e) => setReason(e.target.value)} placeholder="如：本机构仅一人从事政务公开工作" style={{ marginBottom: 8 }} />
          <Button type="primary" onClick={() => save(true)} style={{ marginRight: 8 }}>
            {current.allowed ? '更新理由' : '开启自审'}
          </Button>
          {current.allowed && <Button onClick={() => save(false)}>关闭自审</Button>}
        </>
      ) : (
        <Typography.Text type="secondary">只有本机构管理员可以修改此设置。</Typography.Text>
      )}
    </Card>
  );
}
