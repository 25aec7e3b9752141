import { Button, Popconfirm, Space } from 'antd';

/**
 * The 编辑/删除 column of a record list whose deletions stay in the audit log, or nothing when the
 * user may not edit: one column for the hotline log and the meetings.
 */
export function editDeleteColumn<Row>(show: boolean, wide: boolean, what: string, onEdit: (row: Row) => void, onDelete: (row: Row) => Promise<void>) {
  if (!show) return [];
  return [
    {
      title: '操作',
      width: wide ? 120 : 64,
      render: (_: unknown, row: Row) => (
        <Space direction={wide ? 'horizontal' : 'vertical'} size={0}>
          <Button type="link" size="small" onClick={() => onEdit(row)}>
            编辑
          </Button>
          <Popconfirm title={`删除这条${what}？（审计日志中保留）`} okText="删除" cancelText="取消" onConfirm={() => onDelete(row)}>
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
