import { useEffect, useState } from 'react';
import { Alert, Table, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { dateTime } from '../clock';
import { AuditChainPanel } from './AuditChainPanel';
import type { AuditEntry as AuditRow } from '../../../src/capabilities/agencies/contract.ts';

export function AuditPage() {
  const { agency, session } = useAgency();
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!agency) return;
    api<{ items: AuditRow[] }>('GET', `/audit?agencyId=${agency.id}&limit=200`)
      .then((d) => setRows(d.items))
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : '加载失败'));
  }, [agency]);
  return (
    <>
      <Typography.Title level={3}>审计日志</Typography.Title>
      {session.user.platformOperator && <AuditChainPanel />}
      {error && <Alert type="error" showIcon message={error} />}
      <Table<AuditRow>
        rowKey="id"
        dataSource={rows}
        size="small"
        scroll={{ x: true }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v) },
          { title: '操作人', dataIndex: 'actorLabel' },
          { title: '操作', dataIndex: 'actionLabel' },
          { title: '对象', render: (_, r) => `${r.entityLabel}${r.entityId ? ' #' + r.entityId : ''}` },
          {
            title: '变更',
            render: (_, r) => (
              <>
                {r.changes.map((c) => (
                  <div key={c.field}>
                    {c.field}：{c.before === null ? c.after : `${c.before} → ${c.after}`}
                  </div>
                ))}
                {r.otherChanges > 0 && <Typography.Text type="secondary">另有 {r.otherChanges} 项内部字段变化</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
