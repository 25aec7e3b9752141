import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api';
import { dateTime } from '../clock';

interface YearSummary {
  year: number;
  holidayDays: number;
  makeUpWorkdays: number;
  sources: string[];
  updatedAt: string;
}
interface Day {
  date: string;
  isOffDay: boolean;
  name: string;
}

/** The working-day calendar: official holidays and 调休 make-up days, per year. */
export function CalendarPage() {
  const { message } = App.useApp();
  const [years, setYears] = useState<YearSummary[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [days, setDays] = useState<Day[]>([]);
  const [dirty, setDirty] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [importText, setImportText] = useState('');
  const [importYear, setImportYear] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newDay, setNewDay] = useState<{ date: string | null; isOffDay: boolean; name: string }>({ date: null, isOffDay: true, name: '' });

  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '操作失败');

  const loadYears = useCallback(async () => {
    try {
      setYears((await api<{ items: YearSummary[] }>('GET', '/calendar/years')).items);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, []);
  useEffect(() => {
    void loadYears();
  }, [loadYears]);

  const open = async (year: number) => {
    try {
      const data = await api<{ days: Day[] }>('GET', `/calendar/years/${year}`);
      setSelected(year);
      setDays(data.days);
      setDirty(false);
    } catch (err) {
      fail(err);
    }
  };

  const save = async () => {
    if (selected === null) return;
    try {
      await api('PUT', `/calendar/years/${selected}`, { days: [...days].sort((a, b) => a.date.localeCompare(b.date)) });
      message.success(`${selected} 年日历已保存，未办结申请的期限已按新日历计算`);
      setDirty(false);
      await loadYears();
    } catch (err) {
      fail(err);
    }
  };

  const doImport = async () => {
    try {
      const res = await api<{ data: { year: number }; warnings: string[] }>('POST', '/calendar/import', { text: importText, ...(importYear ? { year: importYear } : {}) });
      message.success(`已导入 ${res.data.year} 年${res.warnings.length ? `（提示：${res.warnings.join('；')}）` : ''}`);
      setImportOpen(false);
      setImportText('');
      await loadYears();
      await open(res.data.year);
    } catch (err) {
      fail(err);
    }
  };

  const remove = async (year: number) => {
    try {
      await api('DELETE', `/calendar/years/${year}`);
      if (selected === year) setSelected(null);
      await loadYears();
    } catch (err) {
      fail(err);
    }
  };

  const latest = years.at(-1)?.year;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>工作日历</Typography.Title>
        <Button type="primary" onClick={() => setImportOpen(true)}>
          导入年度安排
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        依申请公开等期限按工作日计算：周一至周五为工作日，国务院公布的放假日不计，调休上班的周末计入。尚未载入的年份按周末推算并标注“暂定”。
        {latest && `已载入至 ${latest} 年；国务院公布下一年度安排后请及时导入。`}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<YearSummary>
        rowKey="year"
        size="small"
        dataSource={years}
        pagination={false}
        columns={[
          { title: '年度', dataIndex: 'year' },
          { title: '放假日', dataIndex: 'holidayDays' },
          { title: '调休上班日', dataIndex: 'makeUpWorkdays' },
          { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => dateTime(v) },
          {
            title: '操作',
            render: (_, y) => (
              <Space>
                <Button size="small" onClick={() => open(y.year)}>
                  查看与编辑
                </Button>
                <Popconfirm title={`删除 ${y.year} 年安排？该年将按周末推算并标注暂定。`} okText="删除" cancelText="取消" onConfirm={() => remove(y.year)}>
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {selected !== null && (
        <>
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {selected} 年
          </Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            <DatePicker aria-label="日期" value={newDay.date ? dayjs(newDay.date) : null} onChange={(d) => setNewDay({ ...newDay, date: d ? d.format('YYYY-MM-DD') : null })} />
            <Select aria-label="类型" style={{ width: 130 }} value={newDay.isOffDay ? 'off' : 'work'} options={[{ value: 'off', label: '放假' }, { value: 'work', label: '调休上班' }]} onChange={(v) => setNewDay({ ...newDay, isOffDay: v === 'off' })} />
            <Input aria-label="节日名称" placeholder="节日名称，如 春节" value={newDay.name} onChange={(e) => setNewDay({ ...newDay, name: e.target.value })} style={{ width: 180 }} />
            <Button
              onClick={() => {
                if (!newDay.date || !newDay.name.trim()) return message.warning('请填写日期和节日名称');
                setDays([...days.filter((d) => d.date !== newDay.date), { date: newDay.date, isOffDay: newDay.isOffDay, name: newDay.name.trim() }].sort((a, b) => a.date.localeCompare(b.date)));
                setDirty(true);
              }}
            >
              添加
            </Button>
            <Button type="primary" disabled={!dirty} onClick={save}>
              保存
            </Button>
          </Space>
          <Table<Day>
            rowKey="date"
            size="small"
            dataSource={days}
            pagination={false}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '星期', render: (_, d) => '日一二三四五六'[dayjs(d.date).day()] },
              { title: '类型', render: (_, d) => (d.isOffDay ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>) },
              { title: '名称', dataIndex: 'name' },
              {
                title: '',
                render: (_, d) => (
                  <Button
                    size="small"
                    onClick={() => {
                      setDays(days.filter((x) => x.date !== d.date));
                      setDirty(true);
                    }}
                  >
                    移除
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
      <Modal open={importOpen} title="导入年度安排" okText="导入" cancelText="取消" onOk={doImport} onCancel={() => setImportOpen(false)} width={640}>
        <Typography.Paragraph type="secondary">
          支持 holiday-cn 的 JSON 文件，或每行一条的文本：<code>2027-01-01,休,元旦</code>、<code>2027-02-07,班,春节</code>。
        </Typography.Paragraph>
        <Space style={{ marginBottom: 8 }}>
          <span>年度</span>
          <InputNumber min={2000} max={2100} value={importYear ?? undefined} onChange={(v) => setImportYear(v ?? null)} placeholder="可选" />
          <Upload
            accept=".json,.txt,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then(setImportText);
              return false;
            }}
          >
            <Button>选择文件</Button>
          </Upload>
        </Space>
        <Input.TextArea aria-label="日历内容" rows={10} value={importText} onChange={(e) => setImportText(e.target.value)} />
      </Modal>
    </>
  );
}
