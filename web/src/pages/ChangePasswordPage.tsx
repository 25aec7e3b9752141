import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError } from '../api';

/** Shown right after a login with a one-time password, and reachable from the user menu. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/auth/change-password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '网络错误，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 10 位，包含字母、数字、符号中的两类"
        rules={[{ required: true, message: '请输入新密码' }, { min: 10, message: '密码至少 10 位' }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_r, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        修改密码
      </Button>
    </Form>
  );
}

export function ChangePasswordPage({ onChanged }: { onChanged: () => void }) {
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Typography.Title level={4}>请设置新密码</Typography.Title>
        <Typography.Paragraph type="secondary">您正在使用一次性密码登录，继续之前请设置自己的密码。</Typography.Paragraph>
        <ChangePasswordForm onChanged={onChanged} />
      </Card>
    </main>
  );
}
