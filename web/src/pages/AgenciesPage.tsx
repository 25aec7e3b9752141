import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { agencyLevels, agencyStateLabels, api, ApiError, type Agency, type AgencyLevel } from '../api';
import { showFieldErrors } from '../forms';

interface TreeRow extends Agency {
  children?: TreeRow[];
}

type Editing = { mode: 'create'; parentId: number | null } | { mode: 'edit'; agency: Agency };

const levelOptions = (Object.keys(agencyLevels) as AgencyLevel[]).map((l) => ({ value: l, label: agencyLevels[l] }));

/** 机构管理: the agencies the user administers, as a tree; create, rename, move, close. */
export function AgenciesPage() {
  const { message } = App.useApp();
  const [items, setItems] = useState<Agency[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Agency[] }>('GET', '/agencies/managed')).items);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const tree = useMemo(() => {
    const ids = new Set(items.map((a) => a.id));
    const build = (parentId: number | null): TreeRow[] =>
      items
        .filter((a) => a.parentId === parentId || (parentId === null && a.parentId !== null && !ids.has(a.parentId)))
        .map((a) => {
          const children = build(a.id);
          return children.length ? { ...a, children } : { ...a };
        });
    return build(null);
  }, [items]);

  const open = (e: Editing) => {
    setEditing(e);
    form.resetFields();
    if (e.mode === 'edit') form.setFieldsValue({ name: e.agency.name, fullName: e.agency.fullName, creditCode: e.agency.creditCode ?? '', parentId: e.agency.parentId });
    else form.setFieldsValue({ parentId: e.parentId });
  };

  const save = async (v: { code?: string; name: string; fullName: string; level?: AgencyLevel; parentId: number | null; creditCode?: string }) => {
    if (!editing) return;
    try {
      if (editing.mode === 'create') {
        await api('POST', '/agencies', { code: v.code, name: v.name, fullName: v.fullName, level: v.level, parentId: v.parentId ?? null, ...(v.creditCode ? { creditCode: v.creditCode } : {}) });
        message.success('机构已创建，您是它的管理员');
      } else {
        await api('PATCH', `/agencies/${editing.agency.id}`, { name: v.name, fullName: v.fullName, creditCode: v.creditCode || null, parentId: v.parentId ?? null });
        message.success('已保存');
      }
      setEditing(null);
      await load();
    } catch (err) {
      message.error(showFieldErrors(form, err, '保存失败'));
    }
  };

  const toggleClosed = (a: Agency) =>
    Modal.confirm({
      title: a.closed ? `恢复“${a.fullName}”？` : `撤销“${a.fullName}”？`,
      content: a.closed ? '恢复后该机构重新出现在工作台的机构列表中。' : '撤销后保留该机构的全部记录和已公开的页面。',
      okText: a.closed ? '恢复' : '撤销',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api('PATCH', `/agencies/${a.id}`, { closed: !a.closed });
          await load();
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : '操作失败');
        }
      },
    });

  const parentOptions = items.filter((a) => a.level !== 'department').map((a) => ({ value: a.id, label: `${a.fullName}（${a.levelLabel}）` }));
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>机构管理</Typography.Title>
        <Button type="primary" onClick={() => open({ mode: 'create', parentId: tree[0]?.id ?? null })}>
          新建机构
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">列出您作为管理员可以管理的机构。乡镇（街道）隶属于县（区），部门隶属于一级人民政府；撤销的机构保留其记录和已公开的页面。</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<TreeRow>
        // Re-mounted when the data arrives, so that every level starts expanded.
        key={items.length}
        rowKey="id"
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: true }}
        columns={[
          { title: '机构全称', render: (_, a) => (a.closed ? <Typography.Text delete>{a.fullName}</Typography.Text> : a.fullName) },
          { title: '简称', dataIndex: 'name', responsive: ['md'] },
          { title: '代码', dataIndex: 'code', responsive: ['md'] },
          { title: '层级', dataIndex: 'levelLabel', responsive: ['sm'] },
          { title: '统一社会信用代码', render: (_, a) => a.creditCode ?? '—', responsive: ['lg'] },
          { title: '状态', render: (_, a) => (a.closed ? <Tag>{agencyStateLabels.closed}</Tag> : <Tag color="green">{agencyStateLabels.open}</Tag>), responsive: ['md'] },
          {
            title: '操作',
            render: (_, a) => (
              <Space wrap>
                <Button size="small" onClick={() => open({ mode: 'edit', agency: a })}>
                  修改
                </Button>
                {a.level !== 'department' && (
                  <Button size="small" onClick={() => open({ mode: 'create', parentId: a.id })}>
                    新建下级
                  </Button>
                )}
                <Button size="small" danger={!a.closed} onClick={() => toggleClosed(a)}>
                  {a.closed ? '恢复' : '撤销'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!editing} title={editing?.mode === 'edit' ? `修改：${editing.agency.fullName}` : '新建机构'} okText="保存" cancelText="取消" onCancel={() => setEditing(null)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save}>
          {editing?.mode === 'create' && (
            <>
              <Form.Item label="机构代码" name="code" extra="用于门户网址，如 changping" rules={[{ required: true, message: '请输入机构代码' }, { pattern: /^[A-Za-z0-9_-]{2,40}$/, message: '2–40 位字母、数字、下划线或连字符' }]}>
                <Input />
              </Form.Item>
              <Form.Item label="层级" name="level" rules={[{ required: true, message: '请选择层级' }]}>
                <Select options={levelOptions} />
              </Form.Item>
            </>
          )}
          <Form.Item label="全称" name="fullName" rules={[{ required: true, message: '请输入全称，如“常平乡人民政府”' }, { max: 100, message: '不超过 100 个字符' }]}>
            <Input maxLength={100} showCount />
          </Form.Item>
          <Form.Item label="简称" name="name" rules={[{ required: true, message: '请输入简称，如“常平乡”' }, { max: 60, message: '不超过 60 个字符' }]}>
            <Input maxLength={60} showCount />
          </Form.Item>
          <Form.Item label="上级机构" name="parentId">
            <Select allowClear placeholder="无（顶级机构）" options={parentOptions} />
          </Form.Item>
          <Form.Item label="统一社会信用代码" name="creditCode" rules={[{ pattern: /^$|^[0-9A-HJ-NPQRTUWXY]{18}$/, message: '应为 18 位数字或大写字母' }]}>
            <Input maxLength={18} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
