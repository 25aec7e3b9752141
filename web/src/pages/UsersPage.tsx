import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { showFieldErrors } from '../forms';
import { api, ApiError, ONE_TIME_PASSWORD_HOURS, roleLabels, scopeLabels, userStateLabels, type Role, type RoleScope, type User } from '../api';
import { useAgency } from '../agency';

const roleOptions = (Object.keys(roleLabels) as Role[]).map((r) => ({ value: r, label: roleLabels[r] }));

export function UsersPage() {
  const { agency, roles, session } = useAgency();
  const { message } = App.useApp();
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [form] = Form.useForm();
  const [rolesForm] = Form.useForm();

  const load = useCallback(async () => {
    if (!agency) return;
    setLoading(true);
    try {
      const data = await api<{ items: User[] }>('GET', `/users?agencyId=${agency.id}`);
      setUsers(data.items);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [agency]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!agency) return <Typography.Paragraph>请先选择机构。</Typography.Paragraph>;
  if (!roles.includes('admin')) {
    return <Alert type="warning" showIcon message="只有本机构管理员可以管理用户。" />;
  }

  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : '操作失败');

  const create = async (v: { username: string; displayName: string; roles: Role[] }) => {
    try {
      const res = await api<{ user: User; oneTimePassword: string }>('POST', '/users', { ...v, agencyId: agency.id });
      setCreating(false);
      form.resetFields();
      setSecret({ username: res.user.username, password: res.oneTimePassword });
      await load();
    } catch (err) {
      message.error(showFieldErrors(form, err, '操作失败'));
    }
  };

  const saveRoles = async (v: { roles: Role[]; scope: RoleScope }) => {
    if (!editing) return;
    try {
      await api('PUT', `/users/${editing.id}/roles`, { agencyId: agency.id, roles: v.roles ?? [], scope: v.scope ?? 'agency' });
      setEditing(null);
      message.success('角色已更新');
      await load();
    } catch (err) {
      message.error(showFieldErrors(rolesForm, err, '操作失败'));
    }
  };

  const reset = (u: User) =>
    Modal.confirm({
      title: `重置 ${u.displayName} 的密码？`,
      content: '将生成一次性密码，该用户现有登录会话全部失效。',
      okText: '重置',
      cancelText: '取消',
      onOk: async () => {
        try {
          const res = await api<{ oneTimePassword: string }>('POST', `/users/${u.id}/reset-password`);
          setSecret({ username: u.username, password: res.oneTimePassword });
          await load();
        } catch (err) {
          fail(err);
        }
      },
    });

  const toggleDisabled = async (u: User) => {
    try {
      await api('PATCH', `/users/${u.id}`, { disabled: !u.disabled });
      message.success(u.disabled ? '已启用' : '已停用');
      await load();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3}>用户管理</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          新建用户
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<User>
        rowKey="id"
        loading={loading}
        dataSource={users}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '本机构角色',
            render: (_, u) =>
              u.roles
                .filter((r) => r.agencyId === agency.id)
                .map((r) => (
                  <Tag key={r.role} color={r.scope === 'subtree' ? 'blue' : undefined}>
                    {roleLabels[r.role]}
                    {r.scope === 'subtree' ? `（${scopeLabels.subtree}）` : ''}
                  </Tag>
                )),
          },
          {
            title: '状态',
            render: (_, u) =>
              u.disabled ? <Tag color="red">{userStateLabels.disabled}</Tag> : <Tag color="green">{userStateLabels.active}</Tag>,
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space wrap>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(u);
                    const here = u.roles.filter((r) => r.agencyId === agency.id);
                    rolesForm.setFieldsValue({ roles: here.map((r) => r.role), scope: here.some((r) => r.scope === 'subtree') ? 'subtree' : 'agency' });
                  }}
                >
                  设置角色
                </Button>
                <Button size="small" onClick={() => reset(u)}>
                  重置密码
                </Button>
                {u.id !== session.user.id && (
                  <Button size="small" danger={!u.disabled} onClick={() => toggleDisabled(u)}>
                    {u.disabled ? '启用' : '停用'}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title="新建用户" okText="创建" cancelText="取消" onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        {/* No role is ticked in advance: a reviewer created here must not silently become a clerk too. */}
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: '3–40 位字母、数字、下划线、点或连字符' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="角色" name="roles" rules={[{ required: true, message: '至少选择一个角色' }]}>
            <Checkbox.Group options={roleOptions} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!editing} title={`设置角色：${editing?.displayName ?? ''}`} okText="保存" cancelText="取消" onCancel={() => setEditing(null)} onOk={() => rolesForm.submit()}>
        <Form form={rolesForm} layout="vertical" onFinish={saveRoles}>
          <Form.Item label="本机构角色" name="roles">
            <Checkbox.Group options={roleOptions} />
          </Form.Item>
          <Form.Item label="范围" name="scope" extra={`“${scopeLabels.subtree}”使这些角色同样适用于本机构的全部下级机构。`}>
            <Radio.Group options={(Object.keys(scopeLabels) as RoleScope[]).map((s) => ({ value: s, label: scopeLabels[s] }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!secret} title="一次性密码" okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }} onOk={() => setSecret(null)} onCancel={() => setSecret(null)}>
        <Typography.Paragraph>
          用户 <b>{secret?.username}</b> 的一次性密码如下，只显示这一次，{ONE_TIME_PASSWORD_HOURS} 小时内有效，请转交本人，首次登录后须修改：
        </Typography.Paragraph>
        <Typography.Paragraph copyable code style={{ fontSize: 18 }}>
          {secret?.password}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
