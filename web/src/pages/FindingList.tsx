import { List, Space, Tag, Typography } from 'antd';

/** Findings as the checker lists them: severity, message, and where (with the rule). */
export function FindingList({ items }: { items: { severity: 'error' | 'warning'; message: string; where: string }[] }) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(f) => (
        <List.Item>
          <Space direction="vertical" size={0}>
            <span>
              <Tag color={f.severity === 'error' ? 'red' : 'orange'}>{f.severity === 'error' ? '错误' : '提示'}</Tag>
              {f.message}
            </span>
            <Typography.Text type="secondary">{f.where}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
