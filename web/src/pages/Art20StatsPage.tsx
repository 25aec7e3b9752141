import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, InputNumber, Select, Space, Table, Typography, Upload } from 'antd';
import { api, ApiError, apiUpload } from '../api';
import { useAgency } from '../agency';
import { thisYear } from '../clock';
import { art20ColumnLabels, art20Items, type Art20StatisticItem as Item, type Art20Statistics } from '../../../src/capabilities/disclosure/contract.ts';

const items = art20Items.map((key) => ({ key, label: art20ColumnLabels[key] }));

/** 第二十条第（五）（六）（八）项 monthly figures, feeding section 二 of the annual report. */
export function Art20StatsPage() {
  const { agency } = useAgency();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const [grid, setGrid] = useState<Record<string, number>>({});
  const load = useCallback(async () => {
    if (!agency) return;
    const data = await api<Art20Statistics>('GET', `/art20-statistics?agencyId=${agency.id}&year=${year}`);
    setGrid(Object.fromEntries(data.entries.map((e) => [`${e.month}:${e.item}`, e.value])));
  }, [agency, year]);
  useEffect(() => {
    void load();
  }, [load]);
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '操作失败');
  const save = async () => {
    const entries = Object.entries(grid).map(([k, value]) => ({ month: Number(k.split(':')[0]), item: k.split(':')[1] as Item, value }));
    try {
      await api('PUT', '/art20-statistics', { agencyId: agency!.id, year, entries });
      message.success('已保存');
    } catch (err) {
      fail(err);
    }
  };
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const total = (item: Item) => months.reduce((s, m) => s + (grid[`${m}:${item}`] ?? 0), 0);
  return (
    <>
      <Typography.Paragraph>
        <Link to="/proactive">‹ 返回主动公开</Link>
      </Typography.Paragraph>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>第二十条统计</Typography.Title>
        <Space>
          <Select aria-label="年度" value={year} onChange={setYear} options={Array.from({ length: 6 }, (_, i) => ({ value: thisYear() - i, label: `${thisYear() - i} 年` }))} />
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              apiUpload(`/art20-statistics/import?agencyId=${agency!.id}&year=${year}`, file)
                .then(() => load())
                .then(() => message.success('已导入'))
                .catch(fail);
              return false;
            }}
          >
            <Button>从 XLSX 导入</Button>
          </Upload>
          <Button type="primary" onClick={save}>
            保存
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">XLSX 第一行为表头：月份、行政许可、行政处罚、行政强制、行政事业性收费（元），其后每月一行。收费金额在年度报告中换算为万元。</Typography.Paragraph>
      <Table
        rowKey="month"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={[...months.map((m) => ({ month: m })), { month: 0 }]}
        columns={[
          { title: '月份', dataIndex: 'month', render: (m: number) => (m ? `${m} 月` : <b>合计</b>) },
          ...items.map((it) => ({
            title: it.label,
            render: (_: unknown, row: { month: number }) =>
              row.month ? (
                <InputNumber aria-label={`${row.month}月${it.label}`} min={0} precision={it.key === 'fee' ? 2 : 0} value={grid[`${row.month}:${it.key}`] ?? null} onChange={(v) => setGrid({ ...grid, [`${row.month}:${it.key}`]: v ?? 0 })} />
              ) : (
                <b>{total(it.key)}</b>
              ),
          })),
        ]}
      />
    </>
  );
}
