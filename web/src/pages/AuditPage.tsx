import { useEffect, useState } from 'react';
import { Alert, Table, Typography } from 'antd';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { dateTime } from '../clock';
import { AuditChainPanel } from './AuditChainPanel';
import type { AuditEntry as AuditRow } from '../../../src/capabilities/agencies/contract.ts';

const actionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.login-failed': '登录失败',
  'user.create': '创建用户',
  'user.roles': '设置角色',
  'user.update': '修改用户',
  'user.reset-password': '重置密码',
  'user.change-password': '修改密码',
  'agency.create': '创建机构',
};

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
          { title: '操作人', dataIndex: 'actor' },
          { title: '操作', dataIndex: 'action', render: (v: string) => actionLabels[v] ?? v },
          { title: '对象', render: (_, r) => `${r.entity}${r.entityId ? ' #' + r.entityId : ''}` },
          {
            title: '变更',
            render: (_, r) => (
              <code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {r.before ? '前：' + JSON.stringify(r.before) + '\n' : ''}
                {r.after ? '后：' + JSON.stringify(r.after) : ''}
              </code>
            ),
          },
        ]}
      />
    </>
  );
}
