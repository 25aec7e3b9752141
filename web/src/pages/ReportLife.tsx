/**
 * The annual report's life in the workspace (issue 18, item 6): publishing after confirmation and
 * only once the year has ended, the head's correction of a published report (a new version with a
 * reason), and the agency's 网址 and contacts that the standard opening paragraph states.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import {
  narrativeLabels,
  reportContactLabels,
  type ReportContacts,
  type ReportView,
} from '../../../src/capabilities/reports/contract.ts';
import { api, ApiError } from '../api';
import { dateOf, today } from '../clock';

type Narrative = ReportView['narrative'];

/** 发布, asking first; disabled with the reason while the report is not checked or its year has not ended. */
export function PublishButton({
  view,
  year,
  onPublish,
}: {
  view: ReportView;
  year: number;
  onPublish: () => Promise<void>;
}) {
  const { modal } = App.useApp();
  const early = today() < view.publishableFrom;
  const reason = early
    ? `${year}年尚未结束，${year}年度报告最早可于${view.publishableFrom.slice(0, 4)}年1月1日发布`
    : view.status !== 'checked'
      ? '报告须先通过校验'
      : undefined;
  return (
    <>
      <Button
        type="primary"
        disabled={!!reason}
        onClick={() =>
          modal.confirm({
            title: `发布${year}年度报告？`,
            content:
              '发布后报告即在门户公开，不能再修改；发现错误只能由负责人更正，更正会作为新版本发布并附更正说明，原版本仍可查阅。',
            okText: '确认发布',
            cancelText: '取消',
            onOk: onPublish,
          })
        }
      >
        发布
      </Button>
      {reason && <Typography.Text type="secondary">{reason}</Typography.Text>}
    </>
  );
}

/** The version and the correction notice of a published report. */
export function VersionNote({ view }: { view: ReportView }) {
  if (view.status !== 'published' || (!view.correction && view.earlierVersions.length === 0))
    return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={`现行第${view.version}版`}
      description={
        <>
          {view.correction && (
            <div>
              更正说明（{dateOf(view.correction.at)}）：{view.correction.reason}
            </div>
          )}
          {view.earlierVersions.map((v) => (
            <div key={v.version}>
              第{v.version}版：{dateOf(v.publishedAt)}发布，{dateOf(v.supersededAt)}被更正
              {v.reason ? `（更正原因：${v.reason}）` : ''}
            </div>
          ))}
        </>
      }
    />
  );
}

/** 更正 (负责人): the prose of the new version and the reason; the tables are counted again from today's records. */
export function CorrectButton({
  view,
  year,
  agencyId,
  onCorrected,
}: {
  view: ReportView;
  year: number;
  agencyId: number;
  onCorrected: (v: ReportView) => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<Narrative>(view.narrative);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (reason.trim().length < 4) {
      setError('请说明更正的原因（至少4个字）');
      return;
    }
    setBusy(true);
    try {
      const v = await api<ReportView>('POST', `/reports/${year}/correct`, {
        agencyId,
        reason,
        ...text,
        preamble: text.preamble ?? '',
      });
      onCorrected(v);
      setOpen(false);
      message.success(`已发布更正后的第${v.version}版`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '更正失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        onClick={() => {
          setText(view.narrative);
          setReason('');
          setError(null);
          setOpen(true);
        }}
      >
        更正报告
      </Button>
      <Modal
        title={`更正${year}年度报告`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText="发布更正"
        cancelText="取消"
        confirmLoading={busy}
        width={760}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          更正将作为第{view.version + 1}
          版发布：文字按下方内容，表格按当前记录重新计算，并须通过校验。门户显示现行版本和更正说明，第
          {view.version}版仍可查阅。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item
            label="更正原因（显示在门户的更正说明中）"
            required
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
          >
            <Input.TextArea
              aria-label="更正原因"
              rows={2}
              maxLength={1000}
              showCount
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
          {(Object.keys(narrativeLabels) as (keyof Narrative)[]).map((key) => (
            <Form.Item key={key} label={narrativeLabels[key]}>
              <Input.TextArea
                aria-label={`更正：${narrativeLabels[key]}`}
                rows={key === 'overview' ? 6 : 3}
                value={text[key] ?? ''}
                onChange={(e) => setText({ ...text, [key]: e.target.value })}
              />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}

/** The 网址 and contacts the standard opening paragraph states, set once for the agency. */
export function ContactsCard({
  agencyId,
  editable,
  onSaved,
}: {
  agencyId: number;
  editable: boolean;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportContacts>();
  useEffect(() => {
    api<ReportContacts>('GET', `/report-contacts?agencyId=${agencyId}`).then(
      (c) => form.setFieldsValue(c),
      () => undefined,
    );
  }, [agencyId, form]);
  const save = async (values: ReportContacts) => {
    try {
      const empty = Object.fromEntries(
        Object.keys(reportContactLabels).map((k) => [k, '']),
      ) as unknown as ReportContacts;
      await api('PUT', '/report-contacts', { agencyId, ...empty, ...values });
      form.setFields(
        Object.keys(reportContactLabels).map((name) => ({
          name: name as keyof ReportContacts,
          errors: [],
        })),
      );
      message.success('已保存');
      onSaved();
    } catch (err) {
      const fields =
        err instanceof ApiError
          ? ((err.details as { fields?: { field: string; message: string }[] } | undefined)
              ?.fields ?? [])
          : [];
      if (fields.length)
        form.setFields(
          fields.map((f) => ({ name: f.field as keyof ReportContacts, errors: [f.message] })),
        );
      else message.error(err instanceof ApiError ? err.message : '保存失败');
    }
  };
  return (
    <Card
      title="报告开头的网址和联系方式（本机关各年度报告通用）"
      size="small"
      style={{ marginTop: 12 }}
    >
      <Form form={form} layout="vertical" onFinish={save} disabled={!editable}>
        {(Object.keys(reportContactLabels) as (keyof ReportContacts)[]).map((key) => (
          <Form.Item
            key={key}
            name={key}
            label={reportContactLabels[key]}
            style={{ marginBottom: 8 }}
          >
            <Input maxLength={200} placeholder={key === 'websiteUrl' ? 'https://' : undefined} />
          </Form.Item>
        ))}
        <Space>
          <Button htmlType="submit">保存联系方式</Button>
        </Space>
      </Form>
    </Card>
  );
}
