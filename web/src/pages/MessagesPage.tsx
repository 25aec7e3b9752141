import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api';
import { useFilteredList } from '../messages-list';
import { useAgency } from '../agency';
import { dueBadge, dueOptions, kindOptions, phaseOptions, type MailboxDto, type MessageListItem } from '../messages';
import { MessagesIntake } from './MessagesIntake';

/** 临期, 逾期 and the 60-day red alert: colour and words together. */
export function MessageDueTag({ m }: { m: Pick<MessageListItem, 'dueStatus' | 'dueStatusLabel' | 'redAlert'> }) {
  const badge = dueBadge(m);
  return badge ? (
    <Tag color={badge.color} data-testid="message-due-status">
      {badge.text}
    </Tag>
  ) : null;
}

/** 互动交流: the agency's messages, filtered by state, kind and due date, and the staff entry. */
export function MessagesPage() {
  const { agency, roles } = useAgency();
  const list = useFilteredList<MessageListItem>('/messages', agency?.id, ['phase', 'kind', 'due']);
  const { data, loading, error, filter, setFilter, pagination } = list;
  const [mailboxes, setMailboxes] = useState<MailboxDto[]>([]);
  const [intake, setIntake] = useState(false);
  const [created, setCreated] = useState<{ id: number; queryCode: string } | null>(null);
  const narrow = Grid.useBreakpoint().md === false;
  useEffect(() => {
    if (!agency) return;
    api<{ items: MailboxDto[] }>('GET', `/mailboxes?agencyId=${agency.id}`)
      .then((d) => setMailboxes(d.items))
      .catch(() => setMailboxes([]));
  }, [agency]);

  if (!agency) return <Typography.Paragraph>请先选择机构。</Typography.Paragraph>;
  const mayRecord = roles.some((r) => r === 'admin' || r === 'clerk' || r === 'head');
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>互动交流 · 留言</Typography.Title>
        <Space wrap>
          <Link to="/interaction/surveys">问卷调查</Link>
          <Link to="/interaction/consultations">意见征集</Link>
          <Link to="/interaction/interviews">在线访谈</Link>
          <Link to="/interaction/hotline">热线记录</Link>
          <Link to="/interaction/meetings">座谈会</Link>
          <Link to="/interaction/mailboxes">信箱设置</Link>
          {mayRecord && (
            <Button type="primary" onClick={() => setIntake(true)}>
              登记留言
            </Button>
          )}
        </Space>
      </Space>
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          message={
            <span>
              已登记，查询码 <b data-testid="message-query-code">{created.queryCode}</b>（请告知留言人）。<Link to={`/interaction/messages/${created.id}`}>办理此留言</Link>
            </span>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="办理状态" style={{ width: 150 }} allowClear placeholder="全部状态" value={filter('phase')} options={phaseOptions} onChange={(v) => setFilter('phase', v)} />
        <Select aria-label="留言类型" style={{ width: 120 }} allowClear placeholder="全部类型" value={filter('kind')} options={kindOptions} onChange={(v) => setFilter('kind', v)} />
        <Select aria-label="答复期限" style={{ width: 230 }} allowClear placeholder="全部期限" value={filter('due')} options={dueOptions} onChange={(v) => setFilter('due', v)} />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <div data-testid="message-list">
        {narrow ? (
          // A phone gets one card per message: a wide table would hide the state and due date off-screen.
          <List<MessageListItem>
            loading={loading}
            dataSource={data.items}
            pagination={pagination}
            locale={{ emptyText: '没有符合条件的留言' }}
            renderItem={(m) => (
              <List.Item style={{ display: 'block' }}>
                <Link to={`/interaction/messages/${m.id}`} style={{ fontWeight: 600 }}>
                  {m.title}
                </Link>
                <div style={{ color: '#595959', fontSize: 13 }}>
                  {m.queryCode} · {m.kindLabel} · {m.mailbox} · 收到 {m.receivedDate}
                </div>
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  <Tag>{m.phaseLabel}</Tag>
                  {m.dueStatus !== 'closed' && <span>答复期限 {m.dueDate}</span>}
                  <MessageDueTag m={m} />
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<MessageListItem>
            rowKey="id"
            loading={loading}
            dataSource={data.items}
            scroll={{ x: 900 }}
            pagination={pagination}
            columns={[
              { title: '查询码', dataIndex: 'queryCode', width: 150, render: (v: string, m) => <Link to={`/interaction/messages/${m.id}`}>{v}</Link> },
              { title: '标题', dataIndex: 'title', ellipsis: true },
              { title: '类型', dataIndex: 'kindLabel', width: 70 },
              { title: '信箱', dataIndex: 'mailbox', width: 120, ellipsis: true },
              { title: '收到日期', dataIndex: 'receivedDate', width: 110 },
              { title: '状态', dataIndex: 'phaseLabel', width: 110 },
              {
                title: '答复期限',
                width: 230,
                render: (_, m) => (
                  <Space size={4} wrap>
                    {m.dueStatus === 'closed' ? '—' : m.dueDate}
                    <MessageDueTag m={m} />
                  </Space>
                ),
              },
            ]}
          />
        )}
      </div>
      <MessagesIntake
        agencyId={agency.id}
        mailboxes={mailboxes}
        open={intake}
        onClose={() => setIntake(false)}
        onCreated={(c) => {
          setIntake(false);
          setCreated(c);
          void list.reload();
        }}
      />
    </>
  );
}
