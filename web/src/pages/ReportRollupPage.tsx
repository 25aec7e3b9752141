import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, List, Popover, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { dateOf, thisYear } from '../clock';
import { FindingList } from './FindingList';
import { APPEAL_COLUMNS, APPEAL_COLUMN_LABELS, APPEAL_KINDS, APPEAL_KIND_LABELS, PROACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_COLUMN_LABELS, REQUEST_ROWS, requestRowFullLabel } from '../../../src/capabilities/reports/contract.ts';
import { rollupLabels, rollupScopeLabels, rollupScopes, type RollupMemberView, type RollupScope, type RollupView } from '../../../src/capabilities/reports/rollup-contract.ts';

type Rows = Record<string, Record<string, { value: number | null } | undefined> | undefined>;

/** One cell of the sum; clicking it lists each member's figure (the drill-down). */
function SumCell({ view, table, row, col }: { view: RollupView; table: 'proactive' | 'requests' | 'appeals'; row: string; col: string }) {
  const value = (view.sum[table].rows as Rows)[row]?.[col]?.value ?? null;
  const key = `${table}.${row}.${col}`;
  const parts = view.members.filter((m) => !m.missing);
  const content = (
    <List
      size="small"
      style={{ maxHeight: 320, overflow: 'auto', minWidth: 220 }}
      dataSource={parts}
      renderItem={(m) => (
        <List.Item extra={<b>{m.figures[key] ?? '空白'}</b>}>
          <span style={{ paddingLeft: m.depth * 12 }}>{m.name}</span>
        </List.Item>
      )}
      footer={<Typography.Text type="secondary">未发布报告的机关不计入</Typography.Text>}
    />
  );
  return (
    <Popover trigger="click" title={`${rollupLabels.drillDown}（合计 ${value ?? '—'}）`} content={content}>
      <Button type="link" size="small" style={{ padding: 0 }} aria-label={`${key} 各机关数值`}>
        {value ?? '—'}
      </Button>
    </Popover>
  );
}

const memberFindings = (m: RollupMemberView) => m.findings.map((f) => ({ severity: f.severity, message: f.message, where: `${f.location}（${f.ruleTitle}）` }));

/**
 * 汇总: sections 二, 三 and 四 summed over the government's subtree or its own departments, each
 * cell drillable to every member's figure, the members with problems, and the exports.
 */
export function ReportRollupPage() {
  const { agency } = useAgency();
  const [year, setYear] = useState(thisYear() - 1);
  const [scope, setScope] = useState<RollupScope>('subtree');
  const [view, setView] = useState<RollupView | null>(null);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    if (!agency) return;
    setView(null);
    api<RollupView>('GET', `/agencies/${agency.id}/report-rollup?year=${year}&scope=${scope}`)
      .then((v) => {
        setView(v);
        setRefused(null);
      })
      .catch((err: unknown) => setRefused(err instanceof ApiError ? err.message : '无法读取汇总'));
  }, [agency, year, scope]);
  if (!agency) return null;

  const exportUrl = (format: 'xlsx' | 'json') => `/api/v1/agencies/${agency.id}/report-rollup?year=${year}&scope=${scope}&export=${format}`;
  const missing = view?.members.filter((m) => m.missing) ?? [];
  const broken = view?.members.filter((m) => m.findings.length > 0) ?? [];
  return (
    <>
      <Link to="/reports">‹ 返回年度报告</Link>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {rollupLabels.title}
        </Typography.Title>
        <Space wrap>
          <Select aria-label="报告年度" value={year} onChange={setYear} options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear() - i, label: `${thisYear() - i} 年度` }))} />
          <Segmented aria-label={rollupLabels.scope} value={scope} onChange={(v) => setScope(v as RollupScope)} options={rollupScopes.map((s) => ({ value: s, label: rollupScopeLabels[s] }))} />
          <Button href={exportUrl('xlsx')}>导出 XLSX</Button>
          <Button href={exportUrl('json')}>导出 JSON</Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        每一格为参与汇总的各机关已发布年度报告（现行版本）之和；点击数字查看各机关的数值。
      </Typography.Paragraph>
      {refused && <Alert type="info" showIcon message={refused} />}
      {view && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={9}>
            <Card size="small" title={`${rollupLabels.members}（${view.scopeLabel}）`} style={{ marginBottom: 12 }}>
              <Space wrap>
                <Tag>机关 {view.summary.members}</Tag>
                <Tag color="green">已发布 {view.summary.published}</Tag>
                <Tag color={view.summary.missing ? 'red' : 'default'}>未发布 {view.summary.missing}</Tag>
                <Tag color={view.summary.withErrors ? 'red' : 'default'}>数据有错误 {view.summary.withErrors}</Tag>
              </Space>
              {view.outOfReach > 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={`另有 ${view.outOfReach} 个机关不在您的权限范围内，未汇总。`} />}
            </Card>
            <Card size="small" title={rollupLabels.sumFindings} style={{ marginBottom: 12 }}>
              {view.sumFindings.length ? <FindingList items={view.sumFindings.map((f) => ({ severity: f.severity, message: f.message, where: f.location.text }))} /> : <Typography.Text type="success">汇总数符合勾稽关系。</Typography.Text>}
            </Card>
            <Card size="small" title={`${rollupLabels.missing}（${missing.length}）`} style={{ marginBottom: 12 }}>
              {missing.length ? missing.map((m) => <Tag key={m.agencyId}>{m.name}</Tag>) : <Typography.Text type="secondary">无</Typography.Text>}
            </Card>
            <Card size="small" title={`${rollupLabels.broken}（${broken.length}）`}>
              {broken.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
              {broken.map((m) => (
                <div key={m.agencyId}>
                  <Typography.Text strong>
                    {m.name}（{dateOf(m.publishedAt)} 发布，第{m.version}版）
                  </Typography.Text>
                  <FindingList items={memberFindings(m)} />
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} xl={15}>
            <Card title="二、主动公开政府信息情况" size="small" style={{ marginBottom: 12 }}>
              {PROACTIVE_BLOCKS.map((b) => (
                <Table
                  key={b.key}
                  size="small"
                  pagination={false}
                  rowKey="key"
                  title={() => b.marker}
                  dataSource={b.rows.map((row) => ({ key: row.key, label: row.label }))}
                  columns={[{ title: b.contentHeader, dataIndex: 'label' }, ...b.columns.map((c) => ({ title: c.label, render: (_: unknown, row: { key: string }) => <SumCell view={view} table="proactive" row={row.key} col={c.key} /> }))]}
                />
              ))}
            </Card>
            <Card title="三、收到和处理政府信息公开申请情况" size="small" style={{ marginBottom: 12 }}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                scroll={{ x: true }}
                dataSource={REQUEST_ROWS.map((key) => ({ key }))}
                columns={[{ title: '项目', render: (_: unknown, row: { key: string }) => requestRowFullLabel(row.key as never) }, ...REQUEST_COLUMNS.map((c) => ({ title: REQUEST_COLUMN_LABELS[c], render: (_: unknown, row: { key: string }) => <SumCell view={view} table="requests" row={row.key} col={c} /> }))]}
              />
            </Card>
            <Card title="四、政府信息公开行政复议、行政诉讼情况" size="small">
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                scroll={{ x: true }}
                dataSource={APPEAL_KINDS.map((key) => ({ key }))}
                columns={[{ title: '类别', render: (_: unknown, row: { key: string }) => APPEAL_KIND_LABELS[row.key as never] }, ...APPEAL_COLUMNS.map((c) => ({ title: APPEAL_COLUMN_LABELS[c], render: (_: unknown, row: { key: string }) => <SumCell view={view} table="appeals" row={row.key} col={c} /> }))]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
