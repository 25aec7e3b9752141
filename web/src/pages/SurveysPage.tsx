import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAgency } from '../agency';
import { useRecord } from '../messages-list';
import { SurveyEditor } from './SurveyEditor';
import type { SurveyListItem } from '../surveys';

const statusColor: Record<string, string> = { draft: 'default', open: 'processing', closed: 'warning', published: 'success' };

/** 问卷调查: the agency's surveys by state, and a new one (草稿 → 进行中 → 已结束 → 结果已公布). */
export function SurveysPage() {
  const { agency, roles } = useAgency();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { record, error } = useRecord<{ items: SurveyListItem[] }>(agency ? `/surveys?agencyId=${agency.id}` : null);
  if (!agency) return <Typography.Paragraph>请先选择机构。</Typography.Paragraph>;
  const mayEdit = roles.some((r) => r === 'admin' || r === 'clerk' || r === 'head');
  return (
    <>
      <Typography.Paragraph>
        <Link to="/interaction">‹ 返回留言列表</Link>
      </Typography.Paragraph>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>互动交流 · 问卷调查</Typography.Title>
        {mayEdit && !creating && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建问卷
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">问卷可设单选、多选、评分（1 至 5 分）和文字题。开始调查后题目不能再改；结束后由负责人或管理员公布汇总结果，文字题的回答只在工作台查看，不公开。</Typography.Paragraph>
      {creating && (
        <Card title="新建问卷" size="small" style={{ marginBottom: 16 }} extra={<Button size="small" onClick={() => setCreating(false)}>取消</Button>}>
          <SurveyEditor agencyId={agency.id} survey={null} onSaved={(s) => navigate(`/interaction/surveys/${s.id}`)} />
        </Card>
      )}
      {error && <Alert type="error" showIcon message={error} />}
      <Table<SurveyListItem>
        rowKey="id"
        size="small"
        loading={record === null && !error}
        dataSource={record?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '尚无问卷' }}
        columns={[
          { title: '问卷', dataIndex: 'title', render: (v: string, s) => <Link to={`/interaction/surveys/${s.id}`}>{v}</Link> },
          { title: '状态', dataIndex: 'statusLabel', width: 110, render: (v: string, s) => <Tag color={statusColor[s.status]}>{v}</Tag> },
          { title: '调查时间', key: 'period', width: 210, render: (_: unknown, s) => `${s.startDate} 至 ${s.endDate}` },
          { title: '答卷', dataIndex: 'responses', width: 70 },
        ]}
      />
    </>
  );
}
