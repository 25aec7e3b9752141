import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, List, Modal, Row, Select, Space, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, apiUpload } from '../api';
import { clearFieldErrors, showFieldErrors } from '../forms';
import { useAgency } from '../agency';
import { RichText } from '../RichText';
import { dateTime, pickedChinaInstant } from '../clock';
import { DocumentNotices, InterpretationCard, InterpretationFields } from './DocumentInterpretation';
import { docKindLabels, documentFieldLabels as L, reviewChecklistLabels, validityLabels, type DocumentDetail, type ReviewChecklist, type ScanFinding as ScanHit } from '../../../src/capabilities/documents/contract.ts';

type CheckKey = Exclude<keyof ReviewChecklist, 'opinion'>;
const checkKeys = Object.keys(reviewChecklistLabels) as CheckKey[];
const labelled = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

const toDate = (v: unknown) => (v ? dayjs(v as string).format('YYYY-MM-DD') : undefined);

export function DocumentEditPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const { agency, roles } = useAgency();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  // 新建解读 from a policy's page arrives with ?interprets=<policy id>.
  const interpretsParam = Number(useSearchParams()[0].get('interprets')) || null;
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [categories, setCategories] = useState<{ code: string; name: string; parentId: number | null }[]>([]);
  const [form] = Form.useForm();
  const [reviewOpen, setReviewOpen] = useState(false);
  const [reasonFor, setReasonFor] = useState<'reject' | 'withdraw' | null>(null);
  const [reason, setReason] = useState('');
  const [checks, setChecks] = useState<string[]>([]);
  const [opinion, setOpinion] = useState('');

  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '操作失败');

  const load = useCallback(async () => {
    if (!agency) return;
    setCategories((await api<{ items: { code: string; name: string; parentId: number | null }[] }>('GET', `/categories?agencyId=${agency.id}`)).items);
    if (isNew) return;
    const d = await api<DocumentDetail>('GET', `/documents/${id}`);
    setDoc(d);
    form.setFieldsValue({
      ...d,
      writtenAt: d.writtenAt ? dayjs(d.writtenAt) : null,
      formedAt: d.formedAt ? dayjs(d.formedAt) : null,
      invalidFrom: d.invalidFrom ? dayjs(d.invalidFrom) : null,
      interpretsId: d.interpretation?.policy.id ?? null,
      interpretationForm: d.interpretation?.form ?? 'text',
      interpretationText: d.interpretation?.text ?? undefined,
      interpretationMediaUrl: d.interpretation?.mediaUrl ?? undefined,
    });
  }, [agency, id, isNew, form]);
  useEffect(() => {
    load().catch(fail);
  }, [load]);
  // 新建解读 comes here from a policy's page: the same component, so clear what it showed. Done on
  // the route change itself, never after a fetch, so nothing typed meanwhile is wiped.
  useEffect(() => {
    if (!isNew) return;
    setDoc(null);
    form.resetFields();
    form.setFieldsValue({ interpretsId: interpretsParam, interpretationForm: 'text' });
  }, [isNew, interpretsParam, form]);

  const save = async (v: Record<string, unknown>) => {
    const body = Object.fromEntries(
      Object.entries({
        title: v.title,
        issuer: v.issuer,
        docNo: v.docNo,
        writtenAt: toDate(v.writtenAt),
        formedAt: toDate(v.formedAt),
        topic: v.topic,
        categoryCode: v.categoryCode,
        docKind: v.docKind ?? null,
        validity: v.validity,
        invalidFrom: toDate(v.invalidFrom),
        bodyHtml: (v.bodyHtml as string) ?? '',
        interpretsId: v.interpretsId ?? null,
        ...(v.interpretsId ? { interpretationForm: v.interpretationForm, interpretationText: v.interpretationText, interpretationMediaUrl: v.interpretationMediaUrl } : {}),
      }).filter(([k, x]) => x !== undefined && x !== '' && (x !== null || k === 'docKind' || k === 'interpretsId')),
    );
    clearFieldErrors(form);
    try {
      const saved = isNew ? await api<DocumentDetail>('POST', '/documents', { agencyId: agency!.id, ...body }) : await api<DocumentDetail>('PUT', `/documents/${id}`, body);
      message.success(saved.unresolvedHits ? `已保存；自动检测发现 ${saved.unresolvedHits} 处疑似敏感信息` : '已保存');
      if (isNew) navigate(`/proactive/${saved.id}`, { replace: true });
      else setDoc(saved);
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };

  const transition = async (action: string, extra: object = {}) => {
    try {
      setDoc(await api<DocumentDetail>('POST', `/documents/${id}/transitions`, { action, ...extra }));
      message.success('已完成');
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  };

  // Publishing puts the document before the public at once: one more click, never by accident.
  const confirmPublish = () =>
    modal.confirm({
      title: '立即发布',
      content: '发布后，文件立即在门户网站公开，任何人都可以查看和检索。确定现在发布吗？',
      okText: '发布',
      cancelText: '取消',
      onOk: () => transition('publish'),
    });

  const resolve = (hit: ScanHit) => {
    let text = '';
    Modal.confirm({
      title: '确认处理该疑似敏感信息',
      content: <Input.TextArea rows={3} placeholder="处理意见，如：误报；或经审查同意公开的依据" onChange={(e) => (text = e.target.value)} />,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api('POST', `/scan-hits/${hit.id}/resolve`, { resolution: text });
          await load();
        } catch (err) {
          fail(err);
        }
      },
    });
  };

  const upload = async (file: File) => {
    try {
      const added = await apiUpload<{ warning: { message: string } | null }>(`/documents/${id}/attachments?name=${encodeURIComponent(file.name)}`, file);
      await load();
      // An .xls, a zip's contents or an image cannot be read: say so, a person has to check them.
      if (added.warning) message.warning(`附件已上传。${added.warning.message}`, 8);
      else message.success('附件已上传并完成检测');
    } catch (err) {
      fail(err);
    }
  };

  if (!agency) return null;
  const editable = isNew || doc?.status === 'draft';
  const status = doc?.status;
  const openHits = doc?.scanHits.filter((h) => !h.resolution) ?? [];
  return (
    <>
      <Typography.Paragraph>
        <Link to="/proactive">‹ 返回文件列表</Link>
      </Typography.Paragraph>
      <Space align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {isNew ? '新建文件' : doc?.title}
        </Typography.Title>
        {doc && <Tag data-testid="document-status">{doc.statusLabel}</Tag>}
        {doc && <Typography.Text type="secondary">索引号 {doc.indexNo}</Typography.Text>}
      </Space>
      {/* The 退回 reason comes first: it is what the clerk has to act on. */}
      {doc && <div style={{ marginTop: 16 }}><DocumentNotices doc={doc} canDraft={roles.includes('clerk') || roles.includes('admin')} /></div>}
      {doc && (
        <Space wrap style={{ margin: '16px 0' }} aria-label="流程操作">
          {/* The steps come from the server's own rules for this user: a step it would refuse is
              shown disabled, with the reason (four-eyes, role). */}
          {doc.actions.map((a) =>
            a.action === 'schedule' ? (
              <DatePicker
                key={a.action}
                showTime
                disabled={!a.allowed}
                placeholder={a.label}
                onOk={(d) => {
                  void transition('schedule', { scheduledAt: pickedChinaInstant(d) });
                }}
              />
            ) : (
              <Space key={a.action} size={4} direction="vertical">
                <Button
                  type={a.action === 'review' || a.action === 'approve' || a.action === 'publish' ? 'primary' : 'default'}
                  danger={a.action === 'withdraw'}
                  disabled={!a.allowed}
                  aria-describedby={a.reason ? `why-${a.action}` : undefined}
                  onClick={() => (a.action === 'review' ? setReviewOpen(true) : a.action === 'reject' || a.action === 'withdraw' ? setReasonFor(a.action) : a.action === 'publish' ? confirmPublish() : transition(a.action))}
                >
                  {a.label}
                </Button>
                {a.reason && (
                  <Typography.Text type="secondary" id={`why-${a.action}`} data-testid={`why-${a.action}`} style={{ fontSize: 12, maxWidth: 320, display: 'block' }}>
                    {a.reason}
                  </Typography.Text>
                )}
              </Space>
            ),
          )}
          {status === 'published' && (
            <>
              <Button href={`/org/${agency.code}/documents/${doc.id}`} target="_blank">
                查看门户页面
              </Button>
              <Button href={`/api/v1/documents/${doc.id}/channels/wechat`} target="_blank">
                微信公众号文章
              </Button>
              <Button href={`/api/v1/documents/${doc.id}/channels/board`} target="_blank">
                公告栏打印页
              </Button>
            </>
          )}
        </Space>
      )}
      {openHits.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={`自动检测发现 ${openHits.length} 处疑似敏感信息，处理前不能通过保密审查或发布`}
          description={
            <List
              size="small"
              dataSource={openHits}
              renderItem={(h) => (
                <List.Item actions={roles.includes('reviewer') ? [<Button key="r" size="small" onClick={() => resolve(h)}>确认处理</Button>] : []}>
                  <span>
                    <Tag color="red">{h.message}</Tag>
                    {h.source}：{h.context}
                  </span>
                </List.Item>
              )}
            />
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Form form={form} layout="vertical" onFinish={save} onValuesChange={(changed: object) => clearFieldErrors(form, Object.keys(changed))} disabled={!editable} initialValues={{ validity: 'valid', interpretsId: interpretsParam, interpretationForm: 'text' }}>
            <Form.Item label={L.title} name="title" rules={[{ required: true, message: `请填写“${L.title}”` }]}>
              <Input />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={L.issuer} name="issuer">
                  <Input placeholder={agency.name} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={L.docNo} name="docNo">
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={L.writtenAt} name="writtenAt">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={L.formedAt} name="formedAt" extra="提交审查前须填写（未填时取成文日期）；第二十六条：自此日起 20 个工作日内公开">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={L.topic} name="topic">
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={L.categoryCode} name="categoryCode" extra="提交审查前须选择">
                  <Select allowClear options={categories.map((c) => ({ value: c.code, label: `${c.parentId ? '　' : ''}${c.name}` }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={`${L.docKind}（计入年度报告第二部分）`} name="docKind">
                  <Select allowClear options={labelled(docKindLabels)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={L.validity} name="validity">
                  <Select options={labelled(validityLabels)} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={L.invalidFrom} name="invalidFrom">
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <InterpretationFields agencyId={agency.id} selfId={doc?.id ?? null} />
            <Form.Item label={L.bodyHtml} name="bodyHtml">
              <RichText label={L.bodyHtml} />
            </Form.Item>
            {editable && (
              <Button type="primary" htmlType="submit">
                保存
              </Button>
            )}
          </Form>
        </Col>
        <Col xs={24} lg={8}>
          {doc && (
            <>
              <InterpretationCard doc={doc} canDraft={roles.includes('clerk') || roles.includes('admin')} canApprove={roles.includes('head')} reload={load} />
              <Card size="small" title="附件" style={{ marginBottom: 12 }}>
                <List size="small" dataSource={doc.attachments} locale={{ emptyText: '无附件' }} renderItem={(a) => <List.Item>{a.name}</List.Item>} />
                {editable && (
                  <Upload accept=".pdf,.ofd,.doc,.docx,.wps,.xls,.xlsx,.zip,.png,.jpg,.jpeg,.gif,.webp" showUploadList={false} beforeUpload={(f) => { void upload(f); return false; }}>
                    <Button>上传附件</Button>
                  </Upload>
                )}
              </Card>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="第二十六条公开时限">{doc.publicationDue ?? '未填写形成日期'}</Descriptions.Item>
                <Descriptions.Item label="发布时间">{doc.publishedAt ? dateTime(doc.publishedAt) : doc.scheduledAt ? `定时 ${dateTime(doc.scheduledAt)}` : '—'}</Descriptions.Item>
              </Descriptions>
              {doc.scanHits.some((h) => h.resolution) && (
                <Card size="small" title="已处理的检测结果" style={{ marginTop: 12 }}>
                  {doc.scanHits.filter((h) => h.resolution).map((h) => (
                    <p key={h.id}>
                      {h.message}（{h.masked}）：{h.resolution}
                    </p>
                  ))}
                </Card>
              )}
            </>
          )}
        </Col>
      </Row>
      <Modal
        open={reviewOpen}
        title="保密审查"
        okText="审查通过"
        cancelText="取消"
        onCancel={() => setReviewOpen(false)}
        onOk={async () => {
          const ok = await transition('review', {
            checklist: { ...(Object.fromEntries(checkKeys.map((k) => [k, checks.includes(k)])) as Record<CheckKey, boolean>), opinion },
          });
          if (ok) setReviewOpen(false);
        }}
      >
        <Checkbox.Group
          style={{ display: 'grid', gap: 8 }}
          value={checks}
          onChange={(v) => setChecks(v as string[])}
          options={checkKeys.map((value) => ({ value, label: reviewChecklistLabels[value] }))}
        />
        <Input.TextArea aria-label="审查意见" rows={3} style={{ marginTop: 12 }} placeholder="审查意见" value={opinion} onChange={(e) => setOpinion(e.target.value)} />
      </Modal>
      <Modal
        open={!!reasonFor}
        title={reasonFor === 'reject' ? '退回修改' : '撤回'}
        okText="确定"
        cancelText="取消"
        onCancel={() => setReasonFor(null)}
        onOk={async () => {
          if (await transition(reasonFor!, { reason })) {
            setReasonFor(null);
            setReason('');
          }
        }}
      >
        <Input.TextArea aria-label="理由" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明理由" />
      </Modal>
    </>
  );
}
