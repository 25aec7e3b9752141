import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Table, Typography } from 'antd';
import { api, ApiError } from '../api';
import { dateTime } from '../clock';
import type { PersonalDataRead, PersonalDataReadPage } from '../../../src/capabilities/requests/contract.ts';

const PAGE_SIZE = 20;

/** Who saw the applicant's personal data, when and through which screen or notice (agency admins only; decision 013). */
export function PersonalDataReadsPanel({ requestId }: { requestId: number }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<PersonalDataReadPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<PersonalDataReadPage>('GET', `/requests/${requestId}/personal-data-access?page=${page}&pageSize=${PAGE_SIZE}`));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [requestId, page]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div data-testid="personal-data-reads">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        办理人员每次查看申请人的姓名、证件号码、联系方式（申请详情页、打印或下载文书）都会留下记录，记录不能修改或删除。审核人等不办理申请的角色只看到遮蔽后的信息，不产生记录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Button size="small" onClick={() => void load()} loading={loading} style={{ marginBottom: 8 }}>
        刷新
      </Button>
      <Table<PersonalDataRead>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无查阅记录' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (at: string) => dateTime(at) },
          { title: '查阅人', key: 'who', render: (_, r) => (r.userName ? `${r.userName}（${r.username}）` : '系统') },
          { title: '途径', dataIndex: 'viaLabel' },
          { title: '看到的个人信息', key: 'fields', render: (_, r) => r.fieldLabels.join('、') },
        ]}
      />
    </div>
  );
}
