import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Input, List, Popover, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_COLUMN_LABELS,
  REQUEST_ROWS,
  narrativeLabels,
  reportFormatNames,
  requestRowFullLabel,
  type Cell,
  type ReportCellRecords,
  type ReportView,
  type RequestColumnKey,
  type RequestRowKey,
} from '../../../src/capabilities/reports/contract.ts';
import type { OverviewDraftView } from '../../../src/capabilities/website-report/contract.ts';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { thisYear } from '../clock';
import { ContactsCard, CorrectButton, PublishButton, VersionNote } from './ReportLife';

type Rows = Record<string, Partial<Record<string, Cell>> | undefined>;

/**
 * A number that opens the records behind it. Table 三 is counted in SQL, so its cells come
 * without ids: `load` asks for the one cell opened.
 */
function CellLink({ cell, load }: { cell: Cell | undefined; load?: () => Promise<Pick<ReportCellRecords, 'ids' | 'queryCodes'>> }) {
  const [loaded, setLoaded] = useState<Pick<ReportCellRecords, 'ids' | 'queryCodes'> | null>(null);
  if (!cell) return <span>—</span>;
  if (!cell.ids.length && !(load && cell.value)) return <span>{cell.value ?? ''}</span>;
  const shown = cell.ids.length ? cell.ids : (loaded?.ids ?? null);
  // Staff and applicants quote a request by its 查询码; reports published before the codes were sent show the number.
  const requestLabel = (id: string) => loaded?.queryCodes[id] || `#${id.slice(1)}`;
  return (
    <Popover
      trigger="click"
      title="统计依据"
      onOpenChange={(open) => {
        if (!open || !load || cell.ids.length) return;
        setLoaded(null);
        load().then(setLoaded, () => setLoaded({ ids: [], queryCodes: {} }));
      }}
      content={
        <div style={{ maxHeight: 240, overflow: 'auto' }}>
          {shown === null && <Spin size="small" />}
          {shown?.map((id) =>
            id.startsWith('R') ? (
              <div key={id}>
                <Link to={`/requests/${id.slice(1)}`}>申请 {requestLabel(id)}</Link>
              </div>
            ) : (
              <div key={id}>{id.startsWith('A') ? `案件 #${id.slice(1)}` : id}</div>
            ),
          )}
        </div>
      }
    >
      <a>{cell.value}</a>
    </Popover>
  );
}

export function ReportsPage() {
  const { agency, roles } = useAgency();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear() - 1);
  const [view, setView] = useState<ReportView | null>(null);
  const [narrative, setNarrative] = useState<ReportView['narrative']>({ overview: '', problems: '', other: '' });
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '操作失败');
  const load = useCallback(async () => {
    if (!agency) return;
    const v = await api<ReportView>('GET', `/reports/${year}?agencyId=${agency.id}`);
    setView(v);
    setNarrative(v.narrative);
  }, [agency, year]);
  useEffect(() => {
    load().catch(fail);
    // load changes with the agency and year only
  }, [load]);
  if (!agency) return null;
  const act = async (action: 'check' | 'publish') => {
    try {
      setView(await api<ReportView>('POST', `/reports/${year}/${action}`, { agencyId: agency.id }));
      message.success(action === 'check' ? '校验通过' : '已发布');
    } catch (err) {
      fail(err);
    }
  };
  const save = async () => {
    try {
      setView(await api<ReportView>('PUT', `/reports/${year}/narrative`, { agencyId: agency.id, ...narrative }));
      message.success('已保存');
    } catch (err) {
      fail(err);
    }
  };
  // Section 一's first draft from the year's records; staff edit it, and saving makes it the report's text.
  const draftOverview = async () => {
    try {
      const d = await api<OverviewDraftView>('GET', `/reports/${year}/overview-draft?agencyId=${agency.id}`);
      setNarrative({ ...narrative, overview: d.text });
      message.info(`初稿已填入，请核对修改后保存${d.notConnected.length ? `（平台没有记录、未写入初稿：${d.notConnected.join('、')}）` : ''}`);
    } catch (err) {
      fail(err);
    }
  };
  const published = view?.status === 'published';
  const r = view?.report as { proactive: { rows: Rows }; requests: { rows: Rows }; appeals: { rows: Rows } } | null | undefined;
  const exportUrl = (format: string) => `/api/v1/reports/${year}/export?agencyId=${agency.id}&format=${format}`;
  const cellRecords = (row: string, col: RequestColumnKey) => async () =>
    api<ReportCellRecords>('GET', `/reports/${year}/cells?agencyId=${agency.id}&row=${encodeURIComponent(row as RequestRowKey)}&col=${col}`);
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>年度报告</Typography.Title>
        <Space wrap>
          <Select aria-label="报告年度" value={year} onChange={setYear} options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear() - i, label: `${thisYear() - i} 年度` }))} />
          <Link to="/reports/check">检查已发布的报告</Link>
          <Link to="/reports/submission">报送情况</Link>
          <Link to="/reports/rollup">汇总</Link>
          <Link to="/reports/website">网站年度报表</Link>
        </Space>
      </Space>
      {view && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Tag color={published ? 'green' : view.status === 'checked' ? 'blue' : 'default'} data-testid="report-status">
            {view.statusLabel}
          </Tag>
          <span>
            发布期限：{view.deadline.date}
            {view.deadline.local && '（乡镇、街道的期限由县级政府信息公开主管部门确定，此为默认值）'}
          </span>
          {view.deadline.overdue && <Tag color="red">已超过发布期限</Tag>}
          {!published && <Button onClick={() => act('check')}>校验</Button>}
          {!published && roles.includes('head') && <PublishButton view={view} year={year} onPublish={() => act('publish')} />}
          {published && roles.includes('head') && (
            <CorrectButton
              view={view}
              year={year}
              agencyId={agency.id}
              onCorrected={(v) => {
                setView(v);
                setNarrative(v.narrative);
              }}
            />
          )}
          {r && reportFormatNames.map((f) => (
            <a key={f} href={exportUrl(f)} target={f === 'html' ? '_blank' : undefined} rel="noreferrer">
              {f.toUpperCase()}
            </a>
          ))}
        </Space>
      )}
      {view && <VersionNote view={view} />}
      {view?.errors.map((e) => <Alert key={e} type="error" showIcon message={e} />)}
      {view && view.findings.length > 0 && (
        <Alert
          type={view.findings.some((f) => f.severity === 'error') ? 'error' : 'warning'}
          showIcon
          message={`校验发现 ${view.findings.length} 项问题`}
          description={<List size="small" dataSource={view.findings} renderItem={(f) => <List.Item>[{f.severity === 'error' ? '错误' : '提示'}] {f.message}（{f.location.text}）</List.Item>} />}
          style={{ marginBottom: 16 }}
        />
      )}
      {view && view.findings.length === 0 && !view.errors.length && <Alert type="success" showIcon message="勾稽关系及格式校验全部通过" style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title="文字部分" size="small">
            {(Object.keys(narrativeLabels) as (keyof typeof narrativeLabels)[]).map((key) => (
              <div key={key} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{narrativeLabels[key]}</Typography.Text>
                <Input.TextArea aria-label={key} rows={key === 'overview' ? 10 : 4} disabled={published} value={narrative[key] ?? ''} onChange={(e) => setNarrative({ ...narrative, [key]: e.target.value })} />
              </div>
            ))}
            {!published && (
              <Space wrap>
                <Button type="primary" onClick={save}>
                  保存文字部分
                </Button>
                <Button onClick={draftOverview}>按本年记录生成“一、总体情况”初稿</Button>
              </Space>
            )}
          </Card>
          <ContactsCard agencyId={agency.id} editable={roles.some((role) => role === 'admin' || role === 'clerk' || role === 'head')} onSaved={() => load().catch(fail)} />
        </Col>
        <Col xs={24} xl={14}>
          {r && (
            <>
              <Card title="二、主动公开政府信息情况" size="small" style={{ marginBottom: 12 }}>
                {PROACTIVE_BLOCKS.map((b) => (
                  <Table
                    key={b.key}
                    size="small"
                    pagination={false}
                    rowKey="key"
                    title={() => b.marker}
                    dataSource={b.rows.map((row) => ({ key: row.key, label: row.label }))}
                    columns={[{ title: b.contentHeader, dataIndex: 'label' }, ...b.columns.map((c) => ({ title: c.label, render: (_: unknown, row: { key: string }) => <CellLink cell={r.proactive.rows[row.key]?.[c.key]} /> }))]}
                  />
                ))}
              </Card>
              <Card title="三、收到和处理政府信息公开申请情况（点击数字查看对应申请）" size="small" style={{ marginBottom: 12 }}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  scroll={{ x: true }}
                  dataSource={REQUEST_ROWS.map((key) => ({ key }))}
                  columns={[{ title: '项目', render: (_: unknown, row: { key: string }) => requestRowFullLabel(row.key as never) }, ...REQUEST_COLUMNS.map((c) => ({ title: REQUEST_COLUMN_LABELS[c], render: (_: unknown, row: { key: string }) => <CellLink cell={r.requests.rows[row.key]?.[c]} load={cellRecords(row.key, c)} /> }))]}
                />
              </Card>
              <Card title="四、政府信息公开行政复议、行政诉讼情况" size="small">
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  scroll={{ x: true }}
                  dataSource={APPEAL_KINDS.map((key) => ({ key }))}
                  columns={[{ title: '类别', render: (_: unknown, row: { key: string }) => APPEAL_KIND_LABELS[row.key as never] }, ...APPEAL_COLUMNS.map((c) => ({ title: APPEAL_COLUMN_LABELS[c], render: (_: unknown, row: { key: string }) => <CellLink cell={r.appeals.rows[row.key]?.[c]} /> }))]}
                />
              </Card>
            </>
          )}
        </Col>
      </Row>
    </>
  );
}
