import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { afterToday, todayDayjs } from '../clock';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { MAX_REPLY_WORKING_DAYS, draftInReview, messageEventLabels, pendingReturn, ratingOptions, rejectionOptions, type MessageDetail } from '../messages';

type StepType = MessageDetail['possibleEvents'][number]['type'];

/** What the date of each step means, so staff enter the right day. */
const dateLabels: Partial<Record<StepType, string>> = {
  accepted: '受理日期',
  rejected: '决定日期',
  transferred: '转办日期',
  extensionRequested: '申请日期',
  extensionApproved: '批准日期',
  extensionRejected: '决定日期',
  replyDrafted: '起草日期',
  replyReturned: '退回日期',
  replyReviewed: '审核日期',
  replyApproved: '批准日期（即答复日期）',
  published: '公开日期',
  rated: '评价日期',
};

/** The main step of each phase is the primary button. */
const primary: readonly StepType[] = ['accepted', 'replyDrafted', 'replyReviewed', 'replyApproved', 'extensionApproved'];

function StepFields({ type, detail }: { type: StepType; detail: MessageDetail }) {
  const { session, agency } = useAgency();
  const draft = draftInReview(detail);
  const textArea = (name: string, label: string, rows = 3, extra?: string) => (
    <Form.Item label={label} name={name} extra={extra} rules={[{ required: true, whitespace: true, message: `请填写${label.replace(/（.*）$/, '')}` }]}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item label={dateLabels[type] ?? '日期'} name="date" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Form.Item>
      {draft && (type === 'replyReviewed' || type === 'replyReturned' || type === 'replyApproved') && (
        <Alert type="info" style={{ marginBottom: 16 }} message="答复稿" description={<div style={{ whiteSpace: 'pre-wrap' }}>{draft.text}</div>} />
      )}
      {type === 'rejected' && (
        <>
          <Form.Item label="不予受理理由" name="reason" rules={[{ required: true, message: '请选择不予受理理由' }]}>
            <Select options={rejectionOptions} />
          </Form.Item>
          <Form.Item label="说明（选填）" name="note">
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {type === 'transferred' && (
        <>
          <Form.Item label="承办机关" name="toAgencyId" rules={[{ required: true, message: '请选择承办机关' }]} extra="转办后答复期限连续计算，不重新起算">
            <Select
              options={session.agencies.filter((a) => a.id !== agency?.id && !a.closed).map((a) => ({ value: a.id, label: `${a.name} · ${a.levelLabel}` }))}
              notFoundContent="您可访问的机构中没有其他机关；承办机关须是本机关的上级、下级或同一上级下的机关"
            />
          </Form.Item>
          <Form.Item label="说明（选填）" name="note">
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {type === 'extensionRequested' && (
        <>
          <Form.Item
            label="延长工作日数"
            name="workingDays"
            initialValue={Math.max(1, MAX_REPLY_WORKING_DAYS - detail.limitWorkingDays)}
            extra={`本留言答复时限 ${detail.limitWorkingDays} 个工作日，连同延期不超过 ${MAX_REPLY_WORKING_DAYS} 个；延期只能申请一次，须经负责人批准`}
            rules={[{ required: true, message: '请填写延长工作日数' }]}
          >
            <InputNumber min={1} max={Math.max(1, MAX_REPLY_WORKING_DAYS - detail.limitWorkingDays)} precision={0} />
          </Form.Item>
          {textArea('reason', '延期理由', 2)}
        </>
      )}
      {type === 'extensionApproved' && textArea('notice', '告知留言人的内容', 2, '如：已于某日电话告知留言人延期后的答复日期')}
      {(type === 'extensionRejected' || type === 'replyReturned') && textArea('reason', type === 'replyReturned' ? '退回理由' : '不批准的理由', 2)}
      {type === 'replyDrafted' && textArea('text', '答复内容', 8)}
      {type === 'rated' && (
        <>
          <Form.Item label="评价" name="rating" rules={[{ required: true, message: '请选择评价' }]} extra="留言人通过电话、信函等方式作出的评价">
            <Select options={ratingOptions} />
          </Form.Item>
          <Form.Item label="评价意见（选填）" name="comment">
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {type === 'note' && textArea('text', '备注')}
      {type === 'published' && <PublicationHits detail={detail} />}
    </>
  );
}

/**
 * 公开答复: the leak scan's hits in the title, the message and the reply, each to be masked or kept
 * with a reason before the server publishes (SCAN_HITS_UNRESOLVED otherwise).
 */
function PublicationHits({ detail }: { detail: MessageDetail }) {
  const hits = detail.publicationHits;
  return (
    <>
      <Typography.Paragraph>答复将在门户公开，留言人姓名遮蔽显示（如 张**）。</Typography.Paragraph>
      {hits.length === 0 ? (
        <Typography.Paragraph type="secondary">敏感信息检查未发现身份证号、手机号等个人信息。</Typography.Paragraph>
      ) : (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`敏感信息检查发现 ${hits.length} 处，请逐项选择遮盖或说明理由后保留`} />
      )}
      {hits.map((h, i) => (
        <div key={`${h.field}-${h.start}`} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            <b>{h.fieldLabel}</b>：{h.message}
            <br />
            <span style={{ color: '#595959' }}>{h.context}</span>
          </Typography.Paragraph>
          <Form.Item label={`第 ${i + 1} 处的处理`} name={['hits', i, 'action']} initialValue="mask" rules={[{ required: true, message: '请选择处理方式' }]}>
            <Radio.Group options={[{ value: 'mask', label: '遮盖' }, { value: 'keep', label: '保留（须说明理由）' }]} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue(['hits', i, 'action']) === 'keep' && (
                <Form.Item label="保留理由" name={['hits', i, 'reason']} rules={[{ required: true, whitespace: true, message: '请说明保留的理由，如：本机关公开的办公电话' }]}>
                  <Input />
                </Form.Item>
              )
            }
          </Form.Item>
        </div>
      ))}
    </>
  );
}

/** 转为依申请公开申请: one click, the request received on the message's date. */
function ConvertToRequest({ detail, onChanged }: { detail: MessageDetail; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const convert = () =>
    modal.confirm({
      title: '转为依申请公开申请',
      content: '将以本留言的内容和留言人信息登记一件依申请公开申请，以收到留言之日为收到申请之日。',
      okText: '转为申请',
      cancelText: '取消',
      onOk: async () => {
        try {
          const created = await api<{ requestId: number; queryCode: string }>('POST', `/messages/${detail.id}/convert-to-request`);
          message.success(`已登记为依申请公开申请，查询码 ${created.queryCode}`);
          onChanged();
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : '转为申请失败');
        }
      },
    });
  return <Button onClick={convert}>转为依申请公开申请</Button>;
}

/**
 * The one action panel: a button for each step the message's state and the user's roles allow
 * (the server's possibleEvents), and, for steps the state admits but this user may not take, why.
 */
export function MessagesActions({ detail, onChanged, reload }: { detail: MessageDetail; onChanged: (d: MessageDetail) => void; reload: () => void }) {
  const { message } = App.useApp();
  const [step, setStep] = useState<StepType | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm();
  const allowed = detail.possibleEvents.filter((p) => p.allowed);
  const barred = detail.possibleEvents.filter((p) => !p.allowed && p.reason && p.reason !== '您的角色不能执行此操作');

  const open = (type: StepType) => {
    setRefusal(null);
    setStep(type);
  };
  // A redraft starts from the returned text.
  const returned = pendingReturn(detail);
  const initialValues = { date: todayDayjs(), ...(step === 'replyDrafted' && returned ? { text: returned.text } : {}) };
  const submit = async (values: Record<string, unknown>) => {
    if (!step) return;
    const body: Record<string, unknown> = { type: step };
    if (step === 'published' && detail.publicationHits.length > 0) {
      const chosen = (values.hits ?? []) as { action: 'mask' | 'keep'; reason?: string }[];
      body.resolutions = detail.publicationHits.map((h, i) => ({ field: h.field, start: h.start, end: h.end, action: chosen[i]?.action ?? 'mask', ...(chosen[i]?.action === 'keep' ? { reason: chosen[i]?.reason } : {}) }));
    }
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === null || v === '' || k === 'hits') continue;
      body[k] = k === 'date' ? dayjs(v as string).format('YYYY-MM-DD') : v;
    }
    setBusy(true);
    try {
      onChanged(await api<MessageDetail>('POST', `/messages/${detail.id}/events`, body));
      setStep(null);
      message.success(`已记录：${messageEventLabels[step]}`);
    } catch (err) {
      const summary = showFieldErrors(form, err, '操作失败');
      // A refusal of the step itself (wrong state, separation of duties) stays in the dialog.
      if (err instanceof ApiError && (err.status === 403 || err.status === 409)) setRefusal(err.message);
      else message.error(summary);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="办理操作" style={{ margin: '16px 0' }}>
      {allowed.length === 0 && !detail.mayConvertToRequest ? (
        <Typography.Text type="secondary">{detail.dueStatus === 'closed' ? '本留言已办结。' : '当前没有您可以办理的环节。'}</Typography.Text>
      ) : (
        <Space wrap>
          {allowed.map((p) => (
            <Button key={p.type} type={primary.includes(p.type) ? 'primary' : 'default'} onClick={() => open(p.type)}>
              {messageEventLabels[p.type]}
            </Button>
          ))}
          {detail.mayConvertToRequest && <ConvertToRequest detail={detail} onChanged={reload} />}
        </Space>
      )}
      {barred.length > 0 && (
        <ul style={{ margin: '8px 0 0', paddingLeft: 20, color: '#595959' }} data-testid="barred-steps">
          {barred.map((p) => (
            <li key={p.type}>
              {messageEventLabels[p.type]}：{p.reason}
            </li>
          ))}
        </ul>
      )}
      <Modal open={!!step} title={step ? messageEventLabels[step] : ''} okText="确定" cancelText="取消" confirmLoading={busy} onCancel={() => setStep(null)} onOk={() => form.submit()} destroyOnHidden>
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 16 }} />}
        {step && (
          <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit} onValuesChange={(changed: object) => clearFieldErrors(form, Object.keys(changed))}>
            <StepFields type={step} detail={detail} />
          </Form>
        )}
      </Modal>
    </section>
  );
}
