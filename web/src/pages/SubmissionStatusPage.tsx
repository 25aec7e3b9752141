import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { dateOf, dateTime, thisYear } from '../clock';
import { submissionLabels, type ReportReminder, type SubmissionLine, type SubmissionStatus, type SubmissionView } from '../../../src/capabilities/reports/submission-contract.ts';

const statusColor: Record<SubmissionStatus, string> = { not_started: 'default', draft: 'gold', checked: 'blue', published: 'green', overdue: 'red' };

/** One reminder in words: who sent it, from which office, when, and the note. */
const reminderText = (r: ReportReminder) => `${r.fromAgencyName}${r.sentBy ? `（${r.sentBy}）` : ''} ${dateTime(r.sentAt)}${r.note ? `：${r.note}` : ''}`;

/**
 * 报送情况: the status of every subordinate's annual report for a year against its statutory
 * deadline, reminders (催报) sent and received, and the 乡镇（街道） deadline this office sets.
 */
export function SubmissionStatusPage() {
  const { message } = App.useApp();
  const { agency } = useAgency();
  const [year, setYear] = useState(thisYear() - 1);
  const [view, setView] = useState<SubmissionView | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [received, setReceived] = useState<ReportReminder[]>([]);
  const [onlyLate, setOnlyLate] = useState(false);
  const [remindOf, setRemindOf] = useState<SubmissionLine | null>(null);
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState('');

  const load = useCallback(async () => {
    if (!agency) return;
    api<{ items: ReportReminder[] }>('GET', `/agencies/${agency.id}/report-reminders?year=${year}`)
      .then((r) => setReceived(r.items))
      .catch(() => setReceived([]));
    try {
      const v = await api<SubmissionView>('GET', `/agencies/${agency.id}/report-submission?year=${year}`);
      setView(v);
      setDeadline(v.townshipDeadline ?? '');
      setRefused(null);
    } catch (err) {
      setView(null);
      setRefused(err instanceof ApiError ? err.message : '无法读取报送情况');
    }
  }, [agency, year]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!agency) return null;

  const remind = async () => {
    if (!remindOf) return;
    try {
      await api('POST', `/agencies/${agency.id}/report-submission/reminders`, { agencyId: remindOf.agencyId, year, note });
      message.success(`已向${remindOf.name}催报`);
      setRemindOf(null);
      setNote('');
      await load();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '催报失败');
    }
  };
  const saveDeadline = async () => {
    try {
      await api('PUT', `/agencies/${agency.id}/report-submission/township-deadline`, { townshipDeadline: deadline.trim() || null });
      message.success('已保存');
      await load();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '保存失败');
    }
  };
  const lines = (view?.lines ?? []).filter((l) => !onlyLate || l.status === 'overdue' || l.publishedLate);

  return (
    <>
      <Link to="/reports">‹ 返回年度报告</Link>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {submissionLabels.title}
        </Typography.Title>
        <Space wrap>
          <Select aria-label="报告年度" value={year} onChange={setYear} options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear() - i, label: `${thisYear() - i} 年度` }))} />
          <Space>
            <Switch checked={onlyLate} onChange={setOnlyLate} aria-label={submissionLabels.onlyLate} />
            {submissionLabels.onlyLate}
          </Space>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        下级机关发布的年度报告即视为已向本机关报送。法定期限：县级以上人民政府部门为次年1月31日，县级以上人民政府为次年3月31日；乡镇（街道）的期限由上级确定，默认为次年3月31日。
      </Typography.Paragraph>
      {received.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${submissionLabels.remindersReceived}（${year}年度）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {received.map((r) => (
                <li key={r.id}>{reminderText(r)}</li>
              ))}
            </ul>
          }
        />
      )}
      {refused && <Alert type="info" showIcon message={refused} />}
      {view && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag>下级机关 {view.summary.agencies}</Tag>
            <Tag color="green">已发布 {view.summary.published}</Tag>
            <Tag color="red">逾期 {view.summary.overdue}</Tag>
            <Tag color="orange">
              {submissionLabels.publishedLate} {view.summary.publishedLate}
            </Tag>
            <Tag>
              未开始 {view.summary.not_started} · 草稿 {view.summary.draft} · 已检查 {view.summary.checked}
            </Tag>
            <Typography.Text type="secondary">以 {view.today} 计</Typography.Text>
          </Space>
          {view.outOfReach > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`另有 ${view.outOfReach} 个下级机关不在您的权限范围内，未列出。`} />}
          <Table
            size="small"
            rowKey="agencyId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={lines}
            locale={{ emptyText: onlyLate ? '没有逾期的下级机关' : '本机关没有可查看的下级机关' }}
            columns={[
              { title: '机关', key: 'name', width: 120, render: (_: unknown, l: SubmissionLine) => <span style={{ paddingLeft: (l.depth - 1) * 16 }}>{l.name}</span> },
              { title: '层级', dataIndex: 'levelLabel', width: 100, responsive: ['md'] },
              {
                title: '状态',
                key: 'status',
                width: 110,
                render: (_: unknown, l: SubmissionLine) => (
                  <>
                    <Tag color={statusColor[l.status]}>{l.statusLabel}</Tag>
                    {l.publishedLate && <Tag color="orange">{submissionLabels.publishedLate}</Tag>}
                    {l.reminders > 0 && <Typography.Text type="secondary">已催报 {l.reminders} 次</Typography.Text>}
                  </>
                ),
              },
              { title: '公布期限', key: 'deadline', width: 170, responsive: ['md'], render: (_: unknown, l: SubmissionLine) => `${l.deadline}${l.deadlineLocal ? '（上级确定）' : ''}` },
              {
                title: '发布日期',
                key: 'publishedAt',
                width: 110,
                responsive: ['sm'],
                render: (_: unknown, l: SubmissionLine) => dateOf(l.publishedAt),
              },
              { title: '催报记录', key: 'reminders', responsive: ['md'], render: (_: unknown, l: SubmissionLine) => <div style={{ maxWidth: 300, whiteSpace: 'normal' }}>{l.lastReminder ? `${l.reminders} 次；最近：${reminderText(l.lastReminder)}` : '—'}</div> },
              {
                title: '操作',
                key: 'act',
                width: 80,
                render: (_: unknown, l: SubmissionLine) => (
                  <Button size="small" disabled={l.status === 'published'} onClick={() => setRemindOf(l)}>
                    {submissionLabels.reminder}
                  </Button>
                ),
              },
            ]}
          />
          {agency.level !== 'township' && agency.level !== 'department' && (
          <Card size="small" title={submissionLabels.townshipDeadline} style={{ marginTop: 16, maxWidth: 520 }}>
            <Space wrap>
              <Input aria-label={submissionLabels.townshipDeadline} placeholder="03-31" value={deadline} onChange={(e) => setDeadline(e.target.value)} style={{ width: 120 }} />
              <Button onClick={() => void saveDeadline()}>保存</Button>
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              格式为“月-日”，如 02-28；留空恢复默认的3月31日。适用于本机关以下的乡镇（街道）。
            </Typography.Paragraph>
          </Card>
          )}
        </>
      )}
      <Modal title={`${submissionLabels.reminder}：${remindOf?.name ?? ''}`} open={!!remindOf} okText="发送催报" cancelText="取消" onOk={() => void remind()} onCancel={() => setRemindOf(null)}>
        <Typography.Paragraph>
          {remindOf?.name}的{year}年度报告尚未发布（{remindOf?.statusLabel}，期限 {remindOf?.deadline}）。催报将记录催报人、时间和对象，并显示在对方的报送情况页面上。
        </Typography.Paragraph>
        <Input.TextArea aria-label={submissionLabels.note} placeholder={`${submissionLabels.note}（可选）`} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
