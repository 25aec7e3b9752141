import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Input, Row, Space, Tabs, Typography, Upload } from 'antd';
import { api, ApiError, apiUpload } from '../api';
import { useAgency } from '../agency';
import { SubordinateReportCheck } from './SubordinateReportCheck';
import { FindingList } from './FindingList';
import { RULES } from '../../../src/domain/report/findings.ts';

interface CheckerJson {
  agency: string | null;
  year: number | null;
  template: string;
  truncated: boolean;
  sections: { key: string; heading?: string }[];
  tables: {
    id: string;
    name: string;
    present: boolean;
    cut: boolean;
    rows: { row: string; label: string; written?: string; cells: { column: string; columnLabel: string; raw?: string; value: number | null; blank: boolean }[] }[];
  }[];
  findings: { rule: string; severity: 'error' | 'warning'; message: string; location: { text: string; line?: number } }[];
}

/** The checker: read any published report and list its defects, side by side with what was read. */
export function ReportCheckPage() {
  const { message } = App.useApp();
  const { roles } = useAgency();
  const [text, setText] = useState('');
  const [result, setResult] = useState<CheckerJson | null>(null);
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '检查失败');
  const check = async () => {
    try {
      setResult(await api<CheckerJson>('POST', '/report-check', { text }));
    } catch (err) {
      fail(err);
    }
  };
  const single = (
    <SingleReportCheck
      text={text}
      setText={setText}
      check={check}
      result={result}
      onFile={(file) => apiUpload<CheckerJson>(`/report-check/file?name=${encodeURIComponent(file.name)}`, file).then(setResult).catch(fail)}
    />
  );
  return (
    <>
      <Typography.Paragraph>
        <Link to="/reports">‹ 返回年度报告</Link>
      </Typography.Paragraph>
      <Typography.Title level={3}>年度报告检查</Typography.Title>
      <Tabs
        items={[
          { key: 'one', label: '检查单份报告', children: single },
          // Only the office roles may review subordinates (policy: reports.reviewSubordinates).
          ...(roles.some((r) => r === 'admin' || r === 'clerk' || r === 'head') ? [{ key: 'subordinates', label: '下级机关年报检查', children: <SubordinateReportCheck /> }] : []),
        ]}
      />
    </>
  );
}

function SingleReportCheck({ text, setText, check, result, onFile }: { text: string; setText: (t: string) => void; check: () => void; result: CheckerJson | null; onFile: (file: File) => void }) {
  return (
    <>
      <Typography.Paragraph type="secondary">粘贴任一机关已发布的年度报告全文，或上传 HTML、DOCX、PDF、TXT 文件，系统按正式格式（国办公开办函〔2021〕30号）逐项检查。</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Input.TextArea aria-label="报告全文" rows={18} value={text} onChange={(e) => setText(e.target.value)} placeholder="在此粘贴报告全文" />
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" disabled={!text.trim()} onClick={check}>
              检查
            </Button>
            <Upload
              accept=".txt,.html,.htm,.docx,.pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                onFile(file);
                return false;
              }}
            >
              <Button>上传文件检查</Button>
            </Upload>
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          {result && (
            <>
              <Descriptions size="small" bordered column={1}>
                <Descriptions.Item label="机关">{result.agency ?? '未识别'}</Descriptions.Item>
                <Descriptions.Item label="年度">{result.year ?? '未识别'}</Descriptions.Item>
                <Descriptions.Item label="格式">{result.template === '2021' ? '2021 年正式格式' : result.template === '2019-trial' ? '2019 年试行格式（已过时）' : '无法判断'}</Descriptions.Item>
                <Descriptions.Item label="章节">{result.sections.map((s) => s.heading ?? s.key).join('、')}</Descriptions.Item>
              </Descriptions>
              {result.tables.filter((t) => t.present).map((t) => (
                <Card key={t.id} size="small" title={`${t.name}（按格式读出）${t.cut ? '：表格不完整' : ''}`} style={{ marginTop: 12 }}>
                  <div style={{ overflowX: 'auto' }}>
                    <table style={{ borderCollapse: 'collapse', fontSize: 12 }}>
                      <tbody>
                        {t.rows.map((r) => (
                          <tr key={r.row}>
                            <th style={{ textAlign: 'left', border: '1px solid #eee', padding: '2px 6px', fontWeight: 'normal' }}>{r.written ?? r.label}</th>
                            {r.cells.map((c) => (
                              <td key={c.column} title={c.columnLabel} style={{ border: '1px solid #eee', padding: '2px 6px', background: c.blank ? '#fff1f0' : undefined }}>
                                {c.raw ?? (c.value ?? '')}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </Card>
              ))}
              <Card size="small" title={`发现 ${result.findings.length} 项问题`} style={{ marginTop: 12 }}>
                {result.findings.length === 0 ? (
                  <Alert type="success" showIcon message="未发现问题" />
                ) : (
                  <FindingList items={result.findings.map((f) => ({ severity: f.severity, message: f.message, where: `${f.location.text}${f.location.line ? `（第 ${f.location.line} 行）` : ''} · ${(RULES as Record<string, { title: string } | undefined>)[f.rule]?.title ?? ''}（${f.rule}）` }))} />
                )}
              </Card>
            </>
          )}
        </Col>
      </Row>
    </>
  );
}
