import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { dateOf } from '../clock';

export type { DocumentSummary } from '../../../src/capabilities/documents/contract.ts';
import type { DocumentSummary } from '../../../src/capabilities/documents/contract.ts';
import { documentStatuses, statusLabels } from '../../../src/capabilities/documents/contract.ts';

export const statusOptions = documentStatuses.map((value) => ({ value, label: statusLabels[value] }));

export function DocumentsPage() {
  const { agency } = useAgency();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<{ total: number; items: DocumentSummary[] }>({ total: 0, items: [] });
  const [error, setError] = useState<string | null>(null);
  const page = Number(params.get('page') ?? 1);
  const load = useCallback(async () => {
    if (!agency) return;
    const q = new URLSearchParams({ agencyId: String(agency.id), page: String(page) });
    for (const k of ['status', 'q', 'missingInterpretation']) if (params.get(k)) q.set(k, params.get(k)!);
    try {
      setData(await api('GET', `/documents?${q}`));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, [agency, params, page]);
  useEffect(() => {
    void load();
  }, [load]);
  const set = (k: string, v?: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  if (!agency) return null;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>主动公开</Typography.Title>
        <Space>
          <Button onClick={() => navigate('/proactive/statistics')}>第二十条统计</Button>
          <Button onClick={() => navigate('/proactive/plan')}>发布计划</Button>
          <Button type="primary" onClick={() => navigate('/proactive/new')}>
            新建文件
          </Button>
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="状态" allowClear placeholder="全部状态" style={{ width: 170 }} value={params.get('status') ?? undefined} options={statusOptions} onChange={(v) => set('status', v)} />
        <Input.Search aria-label="搜索文件" placeholder="标题、索引号或文号" allowClear defaultValue={params.get('q') ?? ''} onSearch={(v) => set('q', v || undefined)} style={{ width: 260 }} />
        {/* 三同步: 规章 and 规范性文件, published or not, with neither a 解读 nor a recorded reason. */}
        <Checkbox checked={params.get('missingInterpretation') === 'true'} onChange={(e) => set('missingInterpretation', e.target.checked ? 'true' : undefined)}>
          只看缺少政策解读的规范性文件
        </Checkbox>
      </Space>
      {params.get('missingInterpretation') === 'true' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`规章和行政规范性文件须与政策解读同步发布。以下 ${data.total} 件既无解读，也未记录不解读的理由：打开文件，在“政策解读”中新建解读或记录理由。`}
        />
      )}
      {error && <Alert type="error" showIcon message={error} />}
      <Table<DocumentSummary>
        rowKey="id"
        dataSource={data.items}
        scroll={{ x: true }}
        pagination={{ current: page, total: data.total, pageSize: 20, showTotal: (t) => `共 ${t} 件`, onChange: (p) => setParams({ ...Object.fromEntries(params), page: String(p) }) }}
        columns={[
          { title: '标题', render: (_, d) => <Link to={`/proactive/${d.id}`}>{d.title}</Link> },
          { title: '索引号', dataIndex: 'indexNo' },
          { title: '状态', render: (_, d) => <Space size={4}>{d.statusLabel}{d.unresolvedHits > 0 && <Tag color="red">疑似敏感 {d.unresolvedHits}</Tag>}{d.needsReview && <Tag color="orange">导入待复核</Tag>}{d.lacksInterpretation && <Tag color="gold">缺少解读</Tag>}{d.interpretsId !== null && <Tag color="blue">政策解读</Tag>}{d.version > 1 && <Tag>第 {d.version} 版</Tag>}</Space> },
          { title: '发布日期', render: (_, d) => dateOf(d.publishedAt) },
          { title: '第二十六条时限', render: (_, d) => (d.publicationDue ? <Space size={4}>{d.publicationDue}{d.publicationOverdue && <Tag color="red">超时</Tag>}</Space> : '—') },
        ]}
      />
    </>
  );
}
