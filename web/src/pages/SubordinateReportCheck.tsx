import { useState } from 'react';
import { Alert, App, Button, InputNumber, Space, Table, Tag, Typography, Upload } from 'antd';
import { ApiError, apiPostRaw } from '../api';
import { useAgency } from '../agency';
import { dateOf, thisYear } from '../clock';
import { FindingList } from './FindingList';
import type { SubordinateCheckView as Result, SubordinateLine as Line, SubordinateStatus } from '../../../src/capabilities/reports/contract.ts';

const statusColor: Record<SubordinateStatus, string> = { published: 'green', uploaded: 'blue', unpublished: 'default' };

/**
 * A superior office's spring review: every subordinate's published report checked, files uploaded
 * for those that published none here, findings per agency, and the batch workbook.
 */
export function SubordinateReportCheck() {
  const { message } = App.useApp();
  const { agency } = useAgency();
  const [year, setYear] = useState(thisYear() - 1);
  const [files, setFiles] = useState<Map<number, File>>(new Map());
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  if (!agency) return null;

  const send = async (format: 'json' | 'xlsx') => {
    const base = `/agencies/${agency.id}/report-check/subordinates`;
    if (files.size === 0) return apiPostRaw(`${base}?format=${format}`, { year });
    const form = new FormData();
    for (const [id, file] of files) form.append(`agency-${id}`, file, file.name);
    return apiPostRaw(`${base}/uploads?year=${year}&format=${format}`, form);
  };
  const run = async (format: 'json' | 'xlsx') => {
    setBusy(true);
    try {
      const res = await send(format);
      if (format === 'json') {
        setResult((await res.json()) as Result);
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${agency.name}下级机关${year}年度报告检查.xlsx`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '检查失败');
    } finally {
      setBusy(false);
    }
  };
  const choose = (id: number, file: File | null) => {
    const next = new Map(files);
    if (file) next.set(id, file);
    else next.delete(id);
    setFiles(next);
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        逐一检查{agency.name}以下各机关在本平台发布的年度报告；未在本平台发布的，可上传其在其他网站发布的报告文件（HTML、DOCX、PDF、TXT）一并检查。上传的文件只用于本次检查，不保存。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>报告年度</span>
        <InputNumber aria-label="报告年度" min={2008} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Button type="primary" loading={busy} onClick={() => run('json')}>
          检查下级机关
        </Button>
        <Button disabled={!result || busy} onClick={() => run('xlsx')}>
          下载 XLSX
        </Button>
      </Space>
      {result && result.outOfReach > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`另有 ${result.outOfReach} 个下级机关不在您的权限范围内：检查下级须持有“本机关及下级”范围的管理员、信息员或负责人角色。`}
        />
      )}
      {result && (
        <>
          <Typography.Paragraph>
            {result.year}年度：下级机关 {result.summary.agencies} 个，已发布 {result.summary.published} 个，已上传 {result.summary.uploaded} 个，未发布 {result.summary.unpublished} 个；有错误的 {result.summary.withErrors} 个
            {result.summary.unreadable ? `，无法读取的 ${result.summary.unreadable} 个` : ''}。
          </Typography.Paragraph>
          <Table<Line>
            rowKey="agencyId"
            size="small"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={result.lines}
            expandable={{
              rowExpandable: (l) => l.findings.length > 0 || !!l.message,
              expandedRowRender: (l) => <Findings line={l} />,
            }}
            columns={[
              { title: '机关', width: 130, render: (_, l) => <span style={{ paddingLeft: (l.depth - 1) * 16, whiteSpace: 'nowrap' }}>{l.name}</span> },
              { title: '状态', width: 80, render: (_, l) => <Tag color={statusColor[l.status]}>{l.statusLabel}</Tag> },
              { title: '错误', align: 'right', render: (_, l) => (l.errors === null ? '—' : <Typography.Text type={l.errors ? 'danger' : undefined}>{l.errors}</Typography.Text>) },
              { title: '提示', align: 'right', render: (_, l) => l.warnings ?? '—' },
              {
                title: '说明',
                render: (_, l) => (
                  <>
                    {l.status === 'published' ? `发布于 ${dateOf(l.publishedAt)}` : l.status === 'uploaded' ? `${l.fileName}${l.errors === null ? '：无法读取' : ''}` : '—'}
                    {/* An upload for the wrong year is easy to make and worth saying. */}
                    {l.readYear !== null && l.readYear !== result.year && <Typography.Text type="warning">（报告年度为{l.readYear}年）</Typography.Text>}
                  </>
                ),
              },
              {
                title: '上传报告',
                render: (_, l) =>
                  l.status === 'published' ? null : files.has(l.agencyId) ? (
                    <Space size={4} wrap>
                      <Typography.Text ellipsis style={{ maxWidth: 140 }}>
                        {files.get(l.agencyId)!.name}
                      </Typography.Text>
                      <Button size="small" type="link" onClick={() => choose(l.agencyId, null)}>
                        移除
                      </Button>
                    </Space>
                  ) : (
                    <Upload accept=".txt,.html,.htm,.docx,.pdf" showUploadList={false} beforeUpload={(file) => (choose(l.agencyId, file), false)}>
                      <Button size="small">选择文件</Button>
                    </Upload>
                  ),
              },
            ]}
          />
          {files.size > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              已选择 {files.size} 个文件，点击“检查下级机关”后一并检查。
            </Typography.Paragraph>
          )}
        </>
      )}
    </>
  );
}

function Findings({ line }: { line: Line }) {
  if (line.findings.length === 0) return <Alert type={line.errors === null ? 'warning' : 'success'} showIcon message={line.message ?? '未发现问题'} />;
  return (
    <>
      <Typography.Text type="secondary">
        读出的机关：{line.readAgency ?? '未识别'}；年度：{line.readYear ?? '未识别'}
      </Typography.Text>
      <FindingList items={line.findings.map((f) => ({ severity: f.severity, message: f.message, where: `${f.location} · ${f.ruleTitle}（${f.rule}）` }))} />
    </>
  );
}
