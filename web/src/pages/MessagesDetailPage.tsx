import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useRecord } from '../messages-list';
import { useAgency } from '../agency';
import { dateTime } from '../clock';
import { draftInReview, eventDetail, pendingReturn, ratingLabels, type MessageDetail } from '../messages';
import { MessageDueTag } from './MessagesPage';
import { MessagesActions } from './MessagesActions';

/** The reply due date as the server explains it, step by step, with the day 临期 begins. */
function DueExplanation({ m }: { m: MessageDetail }) {
  const due = m.replyDue;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap size={4}>
          <span>答复期限：</span>
          <span data-testid="message-due">{due.date ?? '—'}</span>
          {due.provisional && <Tag>暂定</Tag>}
          {m.reply && due.date && (m.reply.date <= due.date ? <Tag color="green">按期答复</Tag> : <Tag color="red">逾期答复</Tag>)}
          <MessageDueTag m={m} />
        </Space>
      }
    >
      <ol style={{ paddingLeft: 20, margin: 0 }}>
        {due.steps.map((s, i) => (
          <li key={i}>
            <b>{s.label}</b>：{s.detail}
          </li>
        ))}
      </ol>
      {m.dueStatus !== 'closed' && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          自 {m.dueSoonFrom} 起为临期；已收到 {m.openDays} 天（满 60 天红色预警，满 3 个月未答复即网站检查单项否决）。
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 留言详情: the message, the writer (as the API gives it: masked unless the user handles messages), the due date, the timeline and the actions. */
export function MessagesDetailPage() {
  const { id } = useParams();
  const { session } = useAgency();
  const { record: detail, setRecord: setDetail, error, reload } = useRecord<MessageDetail>(`/messages/${id}`);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!detail) return null;
  const w = detail.writer;
  const returned = pendingReturn(detail);
  const draft = draftInReview(detail);
  const closed = detail.dueStatus === 'closed';
  return (
    <>
      <Typography.Paragraph>
        <Link to="/interaction">‹ 返回留言列表</Link>
      </Typography.Paragraph>
      <Space align="baseline" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          留言 {detail.queryCode}
        </Typography.Title>
        <Tag color={closed ? 'green' : 'blue'} data-testid="message-status">
          {detail.phaseLabel}
        </Tag>
        <MessageDueTag m={detail} />
      </Space>
      {detail.redAlert && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={`红色预警：本留言已收到 ${detail.openDays} 天仍未办结。留言超过 3 个月未答复的，政府网站检查单项否决，请尽快答复。`} />
      )}
      {returned && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="reply-returned"
          message={`答复被退回（${returned.date}）`}
          description={<span>退回理由：{returned.reason}。请修改后重新起草答复。</span>}
        />
      )}
      <MessagesActions detail={detail} onChanged={setDetail} reload={() => void reload()} />
      {w.masked && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="writer-masked" message="您的角色不办理留言，留言人的姓名和联系方式已遮蔽显示。" />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {draft && (
            <Card size="small" title={`答复稿（${draft.date} 起草，${detail.phaseLabel}）`} style={{ marginBottom: 16 }} data-testid="reply-draft">
              <div style={{ whiteSpace: 'pre-wrap' }}>{draft.text}</div>
            </Card>
          )}
          {detail.reply && (
            <Card size="small" title={`答复（${detail.reply.date}）`} style={{ marginBottom: 16 }} data-testid="reply">
              <div style={{ whiteSpace: 'pre-wrap' }}>{detail.reply.text}</div>
            </Card>
          )}
          <Descriptions bordered size="small" column={1} title="留言" styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}>
            <Descriptions.Item label="标题">{detail.title}</Descriptions.Item>
            <Descriptions.Item label="内容">
              <div style={{ whiteSpace: 'pre-wrap' }}>{detail.body}</div>
            </Descriptions.Item>
            <Descriptions.Item label="类型">{detail.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="信箱">{detail.mailbox}</Descriptions.Item>
            {detail.transferredFrom && <Descriptions.Item label="转自">{detail.transferredFrom}</Descriptions.Item>}
            <Descriptions.Item label="来源">{detail.channelLabel}</Descriptions.Item>
            <Descriptions.Item label="收到日期">{detail.receivedDate}</Descriptions.Item>
            <Descriptions.Item label="留言人">{w.name}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{w.phone}</Descriptions.Item>
            {w.email && <Descriptions.Item label="电子邮箱">{w.email}</Descriptions.Item>}
            {w.address && <Descriptions.Item label="通信地址">{w.address}</Descriptions.Item>}
            <Descriptions.Item label="是否同意公开">{detail.consentToPublish ? '同意公开' : '不同意公开'}</Descriptions.Item>
            {detail.publishedDate && <Descriptions.Item label="公开日期"><span data-testid="published-date">{detail.publishedDate}</span></Descriptions.Item>}
            {detail.convertedRequest && (
              <Descriptions.Item label="已转为申请">
                <Link to={`/requests/${detail.convertedRequest.requestId}`}>{detail.convertedRequest.queryCode}</Link>
              </Descriptions.Item>
            )}
            {detail.effectiveRating && (
              <Descriptions.Item label="评价">
                {ratingLabels[detail.effectiveRating]}
                {!detail.rating && '（逾期未评价，视为满意）'}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            期限及计算说明
          </Typography.Title>
          <DueExplanation m={detail} />
          <Typography.Title level={5}>办理记录</Typography.Title>
          <Timeline
            data-testid="message-timeline"
            items={detail.timeline.map((e) => {
              const more = eventDetail(e);
              return {
                color: e.type === 'replyReturned' || e.type === 'rejected' ? 'red' : e.type === 'replyApproved' ? 'green' : 'gray',
                children: (
                  <div>
                    <b>{e.date}</b> {e.label}
                    {more && <div style={{ color: '#434343', whiteSpace: 'pre-wrap' }}>{more}</div>}
                    <div style={{ color: '#595959', fontSize: 12 }}>
                      {e.actorUserId === null ? '留言人或系统' : e.actorUserId === session.user.id ? '本人' : '工作人员'}记录于 {dateTime(e.recordedAt)}
                    </div>
                  </div>
                ),
              };
            })}
          />
        </Col>
      </Row>
    </>
  );
}
