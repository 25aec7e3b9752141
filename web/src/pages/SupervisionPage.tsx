import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, List, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import {
  checkKeys,
  checkLabels,
  checkRules,
  columnStateLabels,
  figureKeys,
  figureLabels,
  figureNotes,
  recordKindLabels,
  recordPath,
  verdictLabels,
  type AgencySupervisionView,
  type FigureKey,
  type SupervisionView,
  type Verdict,
} from '../../../src/capabilities/supervision/contract.ts';

// ECharts loads only on this page and the survey results, not with every workspace page.
const StackedBars = lazy(() => import('./SupervisionChart').then((m) => ({ default: m.StackedBars })));

// Dark text on light fills: antd's preset tag colours fall short of 4.5:1 contrast.
const verdictStyles: Record<Verdict, { color: string; background: string; borderColor: string }> = {
  pass: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  warn: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
  fail: { color: '#a8071a', background: '#fff1f0', borderColor: '#ff7875' },
};
const muted = { color: '#595959' };
const linkColor = { color: '#003eb3' };
const VerdictTag = ({ verdict }: { verdict: Verdict }) => <Tag style={verdictStyles[verdict]}>{verdictLabels[verdict]}</Tag>;

/** The records behind one figure of one agency; a link opens the record in that agency. */
function DrillDown({ target, onClose }: { target: { agency: AgencySupervisionView; key: FigureKey } | null; onClose: () => void }) {
  const { agency: current, switchAgency } = useAgency();
  const navigate = useNavigate();
  if (!target) return null;
  const records = target.agency.figures[target.key];
  const open = (path: string) => {
    if (target.agency.agencyId !== current?.id) switchAgency?.(target.agency.agencyId);
    navigate(path);
  };
  return (
    <Modal open title={`${target.agency.name}：${figureLabels[target.key]}（${records.length}）`} footer={null} onCancel={onClose}>
      <Typography.Paragraph style={muted}>{figureNotes[target.key]}</Typography.Paragraph>
      <List
        size="small"
        dataSource={records}
        locale={{ emptyText: '没有记录' }}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <a style={linkColor} href={`/admin${recordPath(r.kind, r.id)}`} onClick={(e) => (e.preventDefault(), open(recordPath(r.kind, r.id)))}>
                {recordKindLabels[r.kind]}：{r.label}
              </a>
              <Typography.Text style={muted}>
                {r.date ?? '—'} · {r.note}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Modal>
  );
}

function Checks({ agency }: { agency: AgencySupervisionView }) {
  return (
    <Card title={`网站自查（国办秘函〔2019〕19号单项否决）：${agency.name}`} style={{ marginBottom: 16 }} data-testid="supervision-checks">
      <List
        size="small"
        dataSource={agency.checks}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <VerdictTag verdict={c.verdict} />
              <Typography.Text strong>{checkLabels[c.key]}</Typography.Text>
              <Typography.Text>
                {c.key === 'homePage' ? (agency.home.lastUpdated ? `最近更新 ${agency.home.lastUpdated}（${c.value} 天前）` : '从未更新') : `当前 ${c.value ?? 0}`}
              </Typography.Text>
              <Typography.Text style={muted}>
                否决：{checkRules[c.key].fail}；预警：{checkRules[c.key].warn}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * 统计分析: the 督办 dashboard. Figures per agency (the current one and those below it), the
 * 19号 checks of the current agency, a chart, each count opening its records, and the XLSX.
 */
export function SupervisionPage() {
  const { agency } = useAgency();
  const [subtree, setSubtree] = useState(true);
  const [view, setView] = useState<SupervisionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ agency: AgencySupervisionView; key: FigureKey } | null>(null);

  useEffect(() => {
    if (!agency) return;
    setView(null);
    api<SupervisionView>('GET', `/agencies/${agency.id}/supervision?subtree=${subtree}`)
      .then((v) => (setView(v), setError(null)))
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败'));
  }, [agency, subtree]);

  const chart = useMemo(() => {
    if (!view) return null;
    const categories = figureKeys.map((k) => figureLabels[k]);
    const series = view.agencies.map((a) => ({ name: a.name, values: figureKeys.map((k) => a.figures[k].length) }));
    const summary = `各项督办数：${figureKeys.map((k) => `${figureLabels[k]} ${view.totals.figures[k]}`).join('，')}`;
    return { categories, series, summary };
  }, [view]);

  if (!agency) return <Typography.Paragraph>请选择机构。</Typography.Paragraph>;
  if (error) return <Alert type="error" showIcon message={error} />;
  const own = view?.agencies[0];
  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          督办统计与网站自查
        </Typography.Title>
        <Space wrap>
          <Space>
            <Switch checked={subtree} onChange={setSubtree} aria-label="包含下级机关" />
            <span>包含下级机关</span>
          </Space>
          <Button href={`/api/v1/agencies/${agency.id}/supervision?subtree=${subtree}&export=xlsx`}>导出 XLSX</Button>
        </Space>
      </Space>
      {!view || !own || !chart ? null : (
        <>
          <Typography.Paragraph style={muted}>
            统计日期 {view.today}。根据平台内的发布、留言、申请和年度报告记录计算；点击数字查看对应记录。
            {view.outOfReach > 0 && ` 另有 ${view.outOfReach} 个下级机关不在您的权限范围内，未统计。`}
          </Typography.Paragraph>
          {view.notComputed.map((n) => (
            <Alert key={n.label} type="info" showIcon message={`${n.label}：${n.reason}`} style={{ marginBottom: 12 }} />
          ))}
          <Checks agency={own} />
          <Card title="督办数量" style={{ marginBottom: 16 }}>
            <Suspense fallback={null}>
              <StackedBars categories={chart.categories} series={chart.series} summary={chart.summary} onPick={(i) => setDrill({ agency: own, key: figureKeys[i]! })} />
            </Suspense>
          </Card>
          <Card title="各机关督办明细" style={{ marginBottom: 16 }}>
            <Table<AgencySupervisionView>
              rowKey="agencyId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={view.agencies}
              columns={[
                { title: '机构', key: 'name', fixed: 'left', render: (_, a) => <span style={{ paddingLeft: a.depth * 12 }}>{a.name}</span> },
                ...checkKeys.map((k) => ({
                  title: checkLabels[k],
                  key: `check-${k}`,
                  render: (_: unknown, a: AgencySupervisionView) => {
                    return <VerdictTag verdict={a.checks.find((c) => c.key === k)!.verdict} />;
                  },
                })),
                ...figureKeys.map((k) => ({
                  title: figureLabels[k],
                  key: k,
                  render: (_: unknown, a: AgencySupervisionView) => (
                    <Button type="link" size="small" style={{ padding: 0, ...linkColor }} aria-label={`${a.name}${figureLabels[k]}：${a.figures[k].length}，查看记录`} onClick={() => setDrill({ agency: a, key: k })}>
                      {a.figures[k].length}
                    </Button>
                  ),
                })),
              ]}
            />
          </Card>
          <Card title={`栏目更新情况：${own.name}`}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={own.columns}
              columns={[
                { title: '栏目', dataIndex: 'name', render: (n: string) => <Typography.Text style={{ maxWidth: 260 }} ellipsis={{ tooltip: n }}>{n}</Typography.Text> },
                { title: '最近发布', dataIndex: 'lastPublished', render: (d: string | null) => d ?? '—' },
                { title: '距今（天）', dataIndex: 'daysSince', render: (d: number | null) => d ?? '—' },
                { title: '状态', dataIndex: 'state', render: (s: keyof typeof columnStateLabels) => <Tag style={verdictStyles[s === 'fresh' ? 'pass' : 'warn']}>{columnStateLabels[s]}</Tag> },
              ]}
            />
          </Card>
        </>
      )}
      <DrillDown target={drill} onClose={() => setDrill(null)} />
    </>
  );
}
