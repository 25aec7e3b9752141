import { useEffect, useState } from 'react';
import { Alert, Card, Col, Descriptions, List, Row, Select, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Inbox as InboxData } from '../../../src/capabilities/inbox/contract.ts';
import { api, ApiError, roleLabels } from '../api';
import { useAgency } from '../agency';
import { areas } from '../Shell';
import type { RequestSummary } from '../requests';
import type { StaleColumn } from '../../../src/capabilities/disclosure/contract.ts';
import { DueTag } from './RequestsPage';

function Reminders() {
  const { agency } = useAgency();
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!agency) return;
    api<{ items: RequestSummary[] }>('GET', `/requests/reminders?agencyId=${agency.id}`)
      .then((d) => setItems(d.items))
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败'));
  }, [agency]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!items) return null;
  return (
    <Card title="待办提醒：依申请公开" style={{ marginBottom: 24 }} data-testid="reminders">
      {items.length === 0 ? (
        <Typography.Text type="secondary">没有超期、临期或待确认的申请。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item>
              <Link to={`/requests/${r.id}`}>{r.queryCode}</Link>
              <span style={{ flex: 1, marginLeft: 12 }}>{r.description}</span>
              <span>
                {r.phase === 'awaitingReceipt' ? '待确认收到' : `答复期限 ${r.dueDate ?? '—'}`} <DueTag r={r} />
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 待办: what waits for my roles, in every agency I work for; a link opens the list in that agency. */
function Inbox() {
  const { agency, switchAgency } = useAgency();
  const navigate = useNavigate();
  const [data, setData] = useState<InboxData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<InboxData>('GET', '/inbox')
      .then(setData)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败'));
  }, []);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return null;
  const open = (agencyId: number, path: string) => {
    if (agencyId !== agency?.id) switchAgency?.(agencyId);
    navigate(path);
  };
  return (
    <Card title="我的待办" style={{ marginBottom: 24 }} data-testid="inbox">
      {data.items.length === 0 ? (
        <Typography.Text type="secondary">没有等待您处理的事项。</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(i) => (
            <List.Item>
              <a href={`/admin${i.path}`} onClick={(e) => (e.preventDefault(), open(i.agencyId, i.path))}>
                {i.label}
              </a>
              <span style={{ flex: 1, marginLeft: 12 }}>{i.agencyName}</span>
              <Typography.Text strong>{i.count} 件</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function StaleColumns() {
  const { agency } = useAgency();
  const [days, setDays] = useState(90);
  const [items, setItems] = useState<StaleColumn[] | null>(null);
  useEffect(() => {
    if (!agency) return;
    api<{ items: StaleColumn[] }>('GET', `/dashboard/stale-columns?agencyId=${agency.id}&days=${days}`)
      .then((d) => setItems(d.items))
      .catch(() => setItems([]));
  }, [agency, days]);
  return (
    <Card
      title="长期未更新的栏目"
      style={{ marginBottom: 24 }}
      extra={<Select aria-label="未更新天数" size="small" value={days} onChange={setDays} options={[30, 60, 90, 180, 365].map((d) => ({ value: d, label: `超过 ${d} 天` }))} />}
    >
      {items && items.length === 0 ? (
        <Typography.Text type="secondary">所有栏目均在期限内更新。</Typography.Text>
      ) : (
        <List size="small" dataSource={items ?? []} renderItem={(c) => <List.Item>{c.name}<Typography.Text type="secondary">{c.lastPublishedDate ? `最近发布 ${c.lastPublishedDate}` : '从未发布'}</Typography.Text></List.Item>} />
      )}
    </Card>
  );
}

export function Dashboard() {
  const { agency, roles, session } = useAgency();
  return (
    <>
      <Typography.Title level={3}>首页</Typography.Title>
      {agency ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 24 }}>
          <Descriptions.Item label="机构">{agency.name}</Descriptions.Item>
          <Descriptions.Item label="层级">{agency.levelLabel}</Descriptions.Item>
          <Descriptions.Item label="我的角色">{roles.map((r) => roleLabels[r]).join('、') || '无'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph>{session.user.displayName}，您尚未被分配到任何机构，请联系管理员。</Typography.Paragraph>
      )}
      <Inbox />
      {agency && <Reminders />}
      {agency && <StaleColumns />}
      <Row gutter={[16, 16]}>
        {areas.map((a) => (
          <Col xs={24} md={12} lg={8} key={a.key}>
            <Link to={a.key}>
              <Card hoverable title={<span>{a.icon} {a.label}</span>}>
                {a.intro}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
