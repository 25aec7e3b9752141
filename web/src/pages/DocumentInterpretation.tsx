/**
 * The editor's parts for 政策解读 and the 三同步 gate (decision 018): the 解读 fields of the form,
 * the card listing a policy's 解读 with the exemption, the 退回 reason and the version notes.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, List, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { api, ApiError } from '../api';
import { dateTime } from '../clock';
import {
  documentFieldLabels as L,
  interpretationFormLabels,
  interpretationTextLabels,
  MIN_INTERPRETATION_TEXT,
  type DocumentDetail,
  type DocumentSummary,
  type InterpretationForm,
} from '../../../src/capabilities/documents/contract.ts';

const formOptions = Object.entries(interpretationFormLabels).map(([value, label]) => ({ value, label }));

/** The 解读 fields: which policy it interprets, its form, and the text alternative or 文字稿 the form needs. */
export function InterpretationFields({ agencyId, selfId }: { agencyId: number; selfId: number | null }) {
  const form = Form.useFormInstance();
  const interpretsId = Form.useWatch('interpretsId', form) as number | null | undefined;
  const kind = (Form.useWatch('interpretationForm', form) as InterpretationForm | undefined) ?? 'text';
  const docKind = Form.useWatch('docKind', form) as string | null | undefined;
  const [policies, setPolicies] = useState<DocumentSummary[]>([]);
  useEffect(() => {
    // The agency's documents that are not themselves 解读 and not withdrawn: 规章 and 规范性文件 first.
    void api<{ items: DocumentSummary[] }>('GET', `/documents?agencyId=${agencyId}&pageSize=200`)
      .then((r) => setPolicies(r.items.filter((d) => d.interpretsId === null && d.status !== 'withdrawn' && d.id !== selfId).sort((a, b) => Number(!!b.docKind) - Number(!!a.docKind))))
      .catch(() => setPolicies([]));
  }, [agencyId, selfId]);
  // A 规章 or 规范性文件 is interpreted, it interprets nothing.
  if (docKind && !interpretsId) return null;
  return (
    <Card size="small" title="政策解读" style={{ marginBottom: 16 }}>
      <Form.Item label={L.interpretsId} name="interpretsId" extra="本文件是对某一政策文件的解读时选择；解读与政策文件同步发布（三同步）">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="不是解读时留空"
          options={policies.map((d) => ({ value: d.id, label: `${d.docKind ? '【规范性文件】' : ''}${d.title}（${d.indexNo}）` }))}
        />
      </Form.Item>
      {interpretsId ? (
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={L.interpretationForm} name="interpretationForm" rules={[{ required: true, message: '请选择解读形式' }]}>
              <Select options={formOptions} />
            </Form.Item>
          </Col>
          {kind === 'video' && (
            <Col xs={24} md={16}>
              <Form.Item label={L.interpretationMediaUrl} name="interpretationMediaUrl" extra="以 https:// 开头的视频页面地址；门户以链接打开，不嵌入外部网站">
                <Input inputMode="url" maxLength={500} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item
              label={interpretationTextLabels[kind]}
              name="interpretationText"
              extra={kind === 'text' ? '可选：列表和搜索中显示的摘要' : `必填，不少于 ${MIN_INTERPRETATION_TEXT} 字：看不到${kind === 'graphic' ? '图片' : '视频'}的读者靠它获取同样的内容${kind === 'graphic' ? '；图片以附件上传' : ''}`}
            >
              <Input.TextArea rows={4} maxLength={20000} showCount />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}

/** At the top of the page: the 退回 reason until resubmission, and where this version stands. */
export function DocumentNotices({ doc, canDraft }: { doc: DocumentDetail; canDraft: boolean }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const revise = async () => {
    try {
      const created = await api<DocumentDetail>('POST', `/documents/${doc.id}/revisions`);
      message.success(`已创建第 ${created.version} 版草稿，修改后重新提交审查`);
      navigate(`/proactive/${created.id}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '操作失败');
    }
  };
  return (
    <>
      {doc.returned && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="returned-reason"
          style={{ marginBottom: 16 }}
          message={`被退回修改：${doc.returned.reason}`}
          description={`${doc.returned.by ?? '审核人'} 于 ${dateTime(doc.returned.at)} 退回。修改后请重新“提交保密审查”，此提示随之消失。`}
        />
      )}
      {doc.previousVersion && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={
            <span>
              本文件是第 {doc.version} 版，修订自已撤回的 <Link to={`/proactive/${doc.previousVersion.id}`}>{doc.previousVersion.title}（{doc.previousVersion.indexNo}）</Link>
            </span>
          }
        />
      )}
      {doc.status === 'withdrawn' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={`已撤回：${doc.withdrawnReason ?? ''}`}
          description={
            doc.nextVersion ? (
              <span>
                已修订为新版本：<Link to={`/proactive/${doc.nextVersion.id}`}>{doc.nextVersion.indexNo}</Link>（{doc.nextVersion.statusLabel}）
              </span>
            ) : canDraft ? (
              <Space wrap>
                <span>可修订为新版本：复制内容和附件成为新草稿，重新经过保密审查和批准；门户保留本版的撤回说明。</span>
                <Button onClick={() => void revise()}>修订为新版本</Button>
              </Space>
            ) : null
          }
        />
      )}
    </>
  );
}

/** The side card: a 解读's policy, or a policy's 解读, the 三同步 state and the exemption. */
export function InterpretationCard({ doc, canDraft, canApprove, reload }: { doc: DocumentDetail; canDraft: boolean; canApprove: boolean; reload: () => Promise<void> }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (doc.interpretation) {
    return (
      <Card size="small" title="政策解读" style={{ marginBottom: 12 }}>
        <p>
          {doc.interpretation.formLabel}，解读：<Link to={`/proactive/${doc.interpretation.policy.id}`}>{doc.interpretation.policy.title}</Link> <Tag>{doc.interpretation.policy.statusLabel}</Tag>
        </p>
        <Typography.Text type="secondary">批准后随政策文件一同发布；政策文件已发布的，可单独发布。</Typography.Text>
      </Card>
    );
  }
  if (!doc.interpretationGate.required && doc.interpretations.length === 0) return null;
  const mayRecord = canDraft || canApprove;
  const save = async () => {
    try {
      await api('PUT', `/documents/${doc.id}/interpretation-exemption`, { reason });
      setOpen(false);
      setReason('');
      setProblem(null);
      await reload();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : '保存失败');
    }
  };
  const clear = async () => {
    try {
      await api('DELETE', `/documents/${doc.id}/interpretation-exemption`);
      await reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '操作失败');
    }
  };
  return (
    <Card size="small" title="政策解读（三同步）" style={{ marginBottom: 12 }} data-testid="interpretation-card">
      {doc.interpretationGate.blocked && <Alert type="error" showIcon role="status" data-testid="interpretation-gate" message={doc.interpretationGate.blocked.message} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        dataSource={doc.interpretations}
        locale={{ emptyText: '尚无解读' }}
        renderItem={(i) => (
          <List.Item>
            <Link to={`/proactive/${i.id}`}>{i.title}</Link>
            <Space size={4}>
              {i.formLabel && <Tag>{i.formLabel}</Tag>}
              <Tag color={i.status === 'published' ? 'green' : i.status === 'approved' ? 'blue' : undefined}>{i.statusLabel}</Tag>
            </Space>
          </List.Item>
        )}
      />
      {canDraft && doc.status !== 'withdrawn' && (
        <Button style={{ marginTop: 8 }} onClick={() => navigate(`/proactive/new?interprets=${doc.id}`)}>
          新建解读
        </Button>
      )}
      {doc.exemption ? (
        <Alert
          type="info"
          style={{ marginTop: 8 }}
          data-testid="exemption"
          message={`不作解读：${doc.exemption.reason}`}
          description={
            <Space wrap>
              <span>
                {doc.exemption.by ?? '—'} 记录于 {dateTime(doc.exemption.at)}
              </span>
              {mayRecord && doc.status !== 'published' && (
                <Button size="small" onClick={() => void clear()}>
                  撤销
                </Button>
              )}
            </Space>
          }
        />
      ) : (
        doc.interpretationGate.required &&
        mayRecord &&
        doc.status !== 'withdrawn' && (
          <Button style={{ marginTop: 8, marginLeft: canDraft ? 8 : 0 }} onClick={() => setOpen(true)}>
            记录不解读的理由
          </Button>
        )
      )}
      <Modal open={open} title="记录不作解读的理由" okText="保存" cancelText="取消" onCancel={() => setOpen(false)} onOk={() => void save()}>
        <Typography.Paragraph type="secondary">规章和行政规范性文件原则上与解读同步发布。确不需要解读的，写明理由；理由、记录人和时间记入审计日志。</Typography.Paragraph>
        <Input.TextArea aria-label="不作解读的理由" aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'exemption-problem' : undefined} rows={3} maxLength={1000} showCount value={reason} onChange={(e) => setReason(e.target.value)} />
        {problem && (
          <Typography.Text type="danger" id="exemption-problem">
            {problem}
          </Typography.Text>
        )}
      </Modal>
    </Card>
  );
}
