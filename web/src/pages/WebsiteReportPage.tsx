import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, List, Select, Space, Table, Tag, Typography } from 'antd';
import {
  NOT_CONNECTED,
  displayValue,
  websiteReportFormatNames,
  websiteReportSections,
  type WebsiteReportRow,
  type WebsiteReportView,
} from '../../../src/capabilities/website-report/contract.ts';
import { api, ApiError } from '../api';
import { useAgency } from '../agency';
import { thisYear } from '../clock';

/** 政府网站工作年度报表: counted from the records, checked and published like the annual report. */
export function WebsiteReportPage() {
  const { agency, roles } = useAgency();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear() - 1);
  const [view, setView] = useState<WebsiteReportView | null>(null);
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '操作失败');
  const load = useCallback(async () => {
    if (agency) setView(await api<WebsiteReportView>('GET', `/website-reports/${year}?agencyId=${agency.id}`));
  }, [agency, year]);
  useEffect(() => {
    load().catch(fail);
    // load changes with the agency and year only
  }, [load]);
  if (!agency) return null;
  const act = async (action: 'check' | 'publish') => {
    try {
      setView(await api<WebsiteReportView>('POST', `/website-reports/${year}/${action}`, { agencyId: agency.id }));
      message.success(action === 'check' ? '校验通过' : '已发布');
    } catch (err) {
      fail(err);
    }
  };
  const published = view?.status === 'published';
  const exportUrl = (format: string) => `/api/v1/website-reports/${year}/export?agencyId=${agency.id}&format=${format}`;
  const rows = view?.report.rows.map((r) => ({ ...r, sectionLabel: websiteReportSections[r.section] })) ?? [];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>政府网站工作年度报表</Typography.Title>
        <Space wrap>
          <Select aria-label="报表年度" value={year} onChange={setYear} options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear() - i, label: `${thisYear() - i} 年度` }))} />
          <Link to="/reports">政府信息公开年度报告</Link>
        </Space>
      </Space>
      {view && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Tag color={published ? 'green' : view.status === 'checked' ? 'blue' : 'default'} data-testid="website-report-status">
            {view.statusLabel}
          </Tag>
          <span>发布期限：{view.deadline.date}</span>
          {view.deadline.overdue && <Tag color="red">已超过发布期限</Tag>}
          {!published && <Button onClick={() => act('check')}>校验</Button>}
          {!published && roles.includes('head') && (
            <Button type="primary" disabled={view.status !== 'checked'} onClick={() => act('publish')}>
              发布
            </Button>
          )}
          {websiteReportFormatNames.map((f) => (
            <a key={f} href={exportUrl(f)} target={f === 'html' ? '_blank' : undefined} rel="noreferrer">
              {f.toUpperCase()}
            </a>
          ))}
        </Space>
      )}
      {view && view.findings.length > 0 && (
        <Alert
          type={view.findings.some((f) => f.severity === 'error') ? 'error' : 'warning'}
          showIcon
          message={`校验发现 ${view.findings.length} 项问题`}
          description={<List size="small" dataSource={view.findings} renderItem={(f) => <List.Item>[{f.severity === 'error' ? '错误' : '提示'}] {f.message}</List.Item>} />}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph type="secondary">各项按本年记录计算；平台没有记录的项目显示“{NOT_CONNECTED}”，须另行填报。表样字段尚未与正式表样逐项核对。</Typography.Paragraph>
      <Table<WebsiteReportRow & { sectionLabel: string }>
        rowKey="key"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        columns={[
          { title: '栏目', dataIndex: 'sectionLabel', responsive: ['sm'], onCell: (r, i) => ({ rowSpan: i !== undefined && i > 0 && rows[i - 1]!.section === r.section ? 0 : rows.filter((x) => x.section === r.section).length }) },
          { title: '项目', dataIndex: 'label' },
          { title: '数值', key: 'value', align: 'right', render: (_, r) => (r.value === null ? <Tag>{NOT_CONNECTED}</Tag> : `${displayValue(r)}${r.unit ? ` ${r.unit}` : ''}`) },
          { title: '来源', dataIndex: 'source', responsive: ['md'] },
        ]}
      />
    </>
  );
}
