import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { api, ApiError } from '../api';

interface ChainReport {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string };
  problem: { kind: string; message: string; seq: number | null; id: number | null } | null;
}

/** The audit log's hash chain: verify it, and copy the newest hash to keep outside the system. */
export function AuditChainPanel() {
  const [report, setReport] = useState<ChainReport | null>(null);
  const [anchor, setAnchor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(fn: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '请求失败');
      return null;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="完整性校验（全平台）" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        每条审计记录都包含前一条记录的哈希，任何一条被修改、删除或插入都会使链条断开。请定期导出链头并在系统之外留存（打印、邮件或存档），以便发现整体改写。
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => void run(() => api<ChainReport>('GET', '/audit/chain/verify')).then((r) => r && setReport(r))}>
          校验哈希链
        </Button>
        <Button loading={busy} onClick={() => void run(() => api<{ anchor: string }>('GET', '/audit/chain/head')).then((r) => r && setAnchor(r.anchor))}>
          导出链头
        </Button>
      </Space>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} />}
      {report && (
        <Alert
          style={{ marginTop: 12 }}
          type={report.ok ? 'success' : 'error'}
          showIcon
          message={report.ok ? `审计日志完好：已核对 ${report.entries} 条记录` : '审计日志已被改动'}
          description={report.problem?.message}
        />
      )}
      {anchor && (
        <Descriptions style={{ marginTop: 12 }} size="small" column={1} bordered>
          <Descriptions.Item label="链头（序号:哈希）">
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {anchor}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
