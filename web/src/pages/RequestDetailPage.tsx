import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { showFieldErrors } from '../forms';
import { actionLabels, noticeLabels, outcomeGroups, requestFieldLabels, SUPPLEMENT_TEXT_MAX, type ComputedDate, type RequestDetail } from '../requests';
import type { RequestEventType } from '../../../src/domain/requests/lifecycle.ts';
import { DueTag } from './RequestsPage';
import { PersonalDataReadsPanel } from './PersonalDataReadsPanel';
import { afterToday, dateTime, todayDayjs } from '../clock';

/** The event form names the reply's details 'details_x' (one flat form), the API 'details.x'. */
const eventFormFields: Record<string, string> = Object.fromEntries(
  Object.keys(requestFieldLabels)
    .filter((k) => k.startsWith('details.'))
    .map((k) => [k, k.replace('details.', 'details_')]),
);

const dateFields = new Set(['date', 'deliveredDate', 'receivedDate', 'dueDate']);

function ActionFields({ action, detail }: { action: string; detail: RequestDetail }) {
  const dateLabel: Record<string, string> = {
    receiptConfirmed: detail.channelLabel === '信函' ? '签收或确认日期' : '双方确认日期',
    correctionRequested: '补正告知送达日期',
    correctionReceived: '收到补正材料日期',
    consultationStarted: '发函日期',
    consultationEnded: '收到意见日期（逾期未答复填期限届满后的日期）',
    feeNoticeSent: '发出收费通知日期',
    feePaid: '缴费日期',
    extensionRequested: '申请日期',
    extensionApproved: '批准日期',
    extensionRejected: '决定日期',
    excessiveReasonsRequested: '告知日期',
    excessiveDeadlineSet: '告知日期',
    replied: '答复日期',
    note: '日期',
  };
  return (
    <>
      <Form.Item label={dateLabel[action] ?? '日期'} name="date" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={afterToday} />
      </Form.Item>
      {action === 'receiptConfirmed' && detail.channelLabel === '信函' && (
        <Form.Item label="方式" name="method" initialValue="signedFor">
          <Select options={[{ value: 'signedFor', label: '挂号信等已签收' }, { value: 'confirmed', label: '平常信函，已与申请人确认' }]} />
        </Form.Item>
      )}
      {action === 'correctionRequested' && (
        <>
          <Form.Item label="需补正的事项（每行一项）" name="items" rules={[{ required: true, message: '请写明补正事项' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label="补正期限（工作日）" name="periodWorkingDays" initialValue={15} extra="条例要求“合理的补正期限”，15 个工作日为本机关默认值">
            <InputNumber min={1} max={60} />
          </Form.Item>
        </>
      )}
      {action === 'correctionReceived' && (
        <>
          <Form.Item label="补正后的内容（申请人澄清的所需信息）" name="text" extra="当面、电话或信函补正的，请照录申请人澄清后的表述">
            <Input.TextArea rows={4} maxLength={SUPPLEMENT_TEXT_MAX} showCount />
          </Form.Item>
          <Form.Item label="备注（收到的材料等）" name="note">
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
      {action === 'consultationStarted' && (
        <>
          <Form.Item label="征求对象" name="kind" initialValue="thirdParty">
            <Select options={[{ value: 'thirdParty', label: '第三方（条例第三十二条）' }, { value: 'otherAgency', label: '其他机关（条例第三十四条）' }]} />
          </Form.Item>
          <Form.Item label="名称" name="party" rules={[{ required: true, message: '请填写被征求意见方' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="送达日期" name="deliveredDate">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {action === 'consultationEnded' && (
        <>
          <Form.Item label="意见" name="opinion" initialValue="consent">
            <Select options={[{ value: 'consent', label: '同意公开' }, { value: 'objection', label: '不同意公开' }, { value: 'noReply', label: '逾期未答复' }]} />
          </Form.Item>
          <Form.Item label="意见摘要" name="summary">
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {action === 'feeNoticeSent' && (
        <>
          <Form.Item label="申请人收到通知日期" name="receivedDate">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="计收方式" name="method" initialValue="perPage">
            <Select options={[{ value: 'perPage', label: '按量计收（页数）' }, { value: 'perRequest', label: '按件计收（本月第几件）' }]} />
          </Form.Item>
          <Form.Item label="数量（页数或本月件次；按件可留空自动计算）" name="quantity">
            <InputNumber min={1} />
          </Form.Item>
        </>
      )}
      {action === 'feePaid' && (
        <Form.Item label="缴费金额（元）" name="amountYuan" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0} />
        </Form.Item>
      )}
      {action === 'extensionRequested' && (
        <>
          <Form.Item label="延长工作日数（最长 20）" name="workingDays" initialValue={20} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} />
          </Form.Item>
          <Form.Item label="延期理由" name="reason" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      )}
      {(action === 'extensionRejected' || action === 'excessiveDeadlineSet') && (
        <Form.Item label="理由" name="reason" rules={[{ required: true, message: '请填写理由' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      {action === 'excessiveDeadlineSet' && (
        <Form.Item label="另行确定的答复期限" name="dueDate" rules={[{ required: true, message: '请选择期限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      )}
      {action === 'excessiveReasonsRequested' && (
        <Form.Item label="说明" name="note">
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      {action === 'replied' && (
        <>
          <Form.Item label="办理结果（年度报告分类）" name="outcome" rules={[{ required: true, message: '请选择办理结果' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={outcomeGroups.map((g) => ({ label: g.label, title: g.label, options: g.options }))}
            />
          </Form.Item>
          <Form.Item label="答复理由与依据" name="reasons" initialValue="">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
            {({ getFieldValue }) => <ReplyDetailFields outcome={getFieldValue('outcome') as string | undefined} />}
          </Form.Item>
        </>
      )}
      {action === 'note' && (
        <Form.Item label="备注" name="text" rules={[{ required: true, message: '请填写备注' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
    </>
  );
}

/** The facts a reply letter states for particular outcomes (the server insists on them). */
function ReplyDetailFields({ outcome }: { outcome: string | undefined }) {
  switch (outcome) {
    case 'disclosed':
    case 'partially_disclosed':
      return (
        <>
          <Form.Item label="提供方式或获取途径" name="details_provision">
            <Input placeholder="如：随本答复书附送；或已在门户网站公开的网址" />
          </Form.Item>
          {outcome === 'disclosed' && (
            <Form.Item name="details_alreadyPublic" valuePropName="checked">
              <Checkbox>该信息已经主动公开（条例第三十六条第一项）</Checkbox>
            </Form.Item>
          )}
        </>
      );
    case 'unable.not_held':
      return (
        <>
          <Form.Item label="情形" name="details_notHeldBasis" rules={[{ required: true, message: '请选择情形' }]}>
            <Select options={[{ value: 'nonexistent', label: '经检索没有所申请公开的信息' }, { value: 'notResponsible', label: '不属于本机关负责公开' }]} />
          </Form.Item>
          <Form.Item label="负责公开的机关（能够确定的）" name="details_competentAgency">
            <Input />
          </Form.Item>
          <Form.Item label="该机关联系方式" name="details_competentAgencyContact">
            <Input />
          </Form.Item>
        </>
      );
    case 'withheld.administrative_query':
      return (
        <>
          <Form.Item label="查询事项" name="details_specialMatter" rules={[{ required: true, message: '请填写查询事项' }]}>
            <Input placeholder="如：不动产登记资料查询" />
          </Form.Item>
          <Form.Item label="作出特别规定的法律、行政法规" name="details_specialLaw" rules={[{ required: true, message: '请填写法律、行政法规名称' }]}>
            <Input placeholder="如：《不动产登记暂行条例》" />
          </Form.Item>
          <Form.Item label="办理机构" name="details_whereToApply">
            <Input />
          </Form.Item>
        </>
      );
    case 'not_processed.duplicate':
      return (
        <Form.Item label="此前答复日期" name="details_previousReplyDate" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'not_processed.publication':
      return (
        <>
          <Form.Item label="出版物名称" name="details_publicationTitle">
            <Input />
          </Form.Item>
          <Form.Item label="获取途径" name="details_whereToObtain" rules={[{ required: true, message: '请填写获取途径' }]}>
            <Input />
          </Form.Item>
        </>
      );
    case 'not_processed.petition_complaint':
      return (
        <Form.Item label="信访、投诉、举报渠道" name="details_properChannel">
          <Input />
        </Form.Item>
      );
    default:
      return null;
  }
}

function Steps({ title, value }: { title: string; value: ComputedDate | undefined }) {
  if (!value) return null;
  return (
    <Card size="small" title={<span>{title}：{value.date ?? '—'}{value.provisional && <Tag style={{ marginLeft: 8 }}>暂定</Tag>}</span>} style={{ marginBottom: 12 }}>
      <ol style={{ paddingLeft: 20, margin: 0 }}>
        {value.steps.map((s, i) => (
          <li key={i}>
            <b>{s.label}</b>：{s.detail}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function RequestDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<RequestEventType | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setDetail(await api<RequestDetail>('GET', `/requests/${id}`));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (values: Record<string, unknown>) => {
    if (!action) return;
    const body: Record<string, unknown> = { type: action };
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === null || v === '' || v === false) continue;
      if (k.startsWith('details_')) {
        const key = k.slice('details_'.length);
        details[key] = key === 'previousReplyDate' ? dayjs(v as string).format('YYYY-MM-DD') : v;
        continue;
      }
      body[k] = dateFields.has(k) ? dayjs(v as string).format('YYYY-MM-DD') : v;
    }
    if (action === 'replied' && Object.keys(details).length) body.details = details;
    if (action === 'receiptConfirmed' && !body.method) body.method = 'confirmed';
    if (action === 'correctionRequested') body.items = String(values.items ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
    if (action === 'replied' && body.reasons === undefined) body.reasons = '';
    setBusy(true);
    try {
      setDetail(await api<RequestDetail>('POST', `/requests/${id}/events`, body));
      setAction(null);
      form.resetFields();
      message.success('已记录');
    } catch (err) {
      message.error(showFieldErrors(form, err, '操作失败', eventFormFields));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!detail) return null;
  const d = detail.view?.deadlines;
  const a = detail.applicant;
  return (
    <>
      <Typography.Paragraph>
        <Link to="/requests">‹ 返回申请列表</Link>
      </Typography.Paragraph>
      <Space align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          申请 {detail.queryCode}
        </Typography.Title>
        <Tag color={detail.phase === 'closed' ? 'green' : 'blue'} data-testid="request-status">
          {detail.statusLabel}
        </Tag>
        <DueTag r={detail} />
      </Space>
      <Space wrap style={{ margin: '16px 0' }} aria-label="办理操作">
        {detail.allowedActions.map((x) => (
          <Button key={x} type={x === 'replied' ? 'primary' : 'default'} onClick={() => setAction(x)}>
            {actionLabels[x] ?? x}
          </Button>
        ))}
      </Space>
      {detail.personalData === 'masked' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="personal-data-masked"
          message="您的角色不办理依申请公开，申请人的姓名、证件号码和联系方式已遮蔽显示；文书由信息员、负责人或管理员出具。"
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Descriptions bordered size="small" column={1} title="申请信息">
            <Descriptions.Item label="申请人">{a.name}（{detail.applicantTypeLabel}）</Descriptions.Item>
            {a.contactPerson && <Descriptions.Item label="联系人">{a.contactPerson}</Descriptions.Item>}
            <Descriptions.Item label="证件">{a.idNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系方式">{[a.phone, a.email, a.address].filter(Boolean).join('；') || '—'}</Descriptions.Item>
            <Descriptions.Item label="所需信息">{detail.fullDescription}</Descriptions.Item>
            {detail.purpose && <Descriptions.Item label="用途">{detail.purpose}</Descriptions.Item>}
            <Descriptions.Item label="渠道">{detail.channelLabel}</Descriptions.Item>
            <Descriptions.Item label="提交日期">{detail.submittedDate}</Descriptions.Item>
            <Descriptions.Item label="收到申请之日">{detail.receiptDate ?? '待确认'}</Descriptions.Item>
            <Descriptions.Item label="答复期限">
              <span data-testid="request-due">{detail.dueDate ?? '—'}</span>
            </Descriptions.Item>
            {detail.outcomeLabel && <Descriptions.Item label="办理结果">{detail.outcomeLabel}</Descriptions.Item>}
          </Descriptions>
          <Tabs
            style={{ marginTop: 16 }}
            items={[
              {
                key: 'timeline',
                label: '办理记录',
                children: (
                  <Timeline
                    items={detail.timeline.map((e) => ({
                      children: (
                        <div>
                          <b>{e.date}</b> {e.label}
                          {e.detail && <div style={{ color: '#555' }}>{e.detail}</div>}
                          <div style={{ color: '#888', fontSize: 12 }}>
                            {e.actor ?? '系统'} 记录于 {dateTime(e.recordedAt)}
                          </div>
                        </div>
                      ),
                    }))}
                  />
                ),
              },
              ...(detail.mayListPersonalDataReads ? [{ key: 'personal-data', label: '个人信息查阅记录', children: <PersonalDataReadsPanel requestId={detail.id} /> }] : []),
            ]}
          />
        </Col>
        <Col xs={24} lg={10}>
          {detail.personalData === 'full' && detail.notices.length > 0 && (
            <Card size="small" title="文书" style={{ marginBottom: 12 }}>
              {detail.notices.map((k) => (
                <div key={k} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
                  <span>{noticeLabels[k] ?? k}</span>
                  <Space>
                    <a href={`/api/v1/requests/${detail.id}/notices/${k}?format=html`} target="_blank" rel="noreferrer">
                      打印
                    </a>
                    <a href={`/api/v1/requests/${detail.id}/notices/${k}?format=docx`}>下载 DOCX</a>
                  </Space>
                </div>
              ))}
            </Card>
          )}
          <Typography.Title level={5}>期限及计算说明</Typography.Title>
          {!d && <Typography.Paragraph type="secondary">确认收到申请后开始计算期限。</Typography.Paragraph>}
          {d && (
            <>
              {d.warnings.length > 0 && <Alert type="warning" showIcon message={d.warnings.join('；')} style={{ marginBottom: 12 }} />}
              <Steps title="答复期限" value={d.finalReplyDue} />
              {detail.phase !== 'closed' && !detail.timeline.some((e) => e.type === 'correctionRequested') && <Steps title="补正告知期限" value={d.correctionNoticeDue} />}
              <Steps title="申请人补正期限" value={d.correctionPeriodDue} />
              <Steps title="缴费期限" value={d.paymentDue} />
            </>
          )}
        </Col>
      </Row>
      <Modal
        open={!!action}
        title={action ? actionLabels[action] : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {action && (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: todayDayjs() }}>
            <ActionFields action={action} detail={detail} />
          </Form>
        )}
      </Modal>
    </>
  );
}
