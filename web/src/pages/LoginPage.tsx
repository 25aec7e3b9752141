import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, ApiError, type Session } from '../api';

interface Captcha {
  token: string;
  question: string;
}

/** After repeated failed sign-ins the server asks a question (text, read aloud by screen readers). */
const captchaOf = (err: ApiError): Captcha | null => (err.details as { captcha?: Captcha } | undefined)?.captcha ?? null;

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [form] = Form.useForm();

  const submit = async (values: { username: string; password: string; captchaAnswer?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const body = { username: values.username, password: values.password, ...(captcha ? { captchaToken: captcha.token, captchaAnswer: values.captchaAnswer } : {}) };
      onLogin(await api<Session>('POST', '/auth/login', body));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '网络错误，请稍后重试');
      if (err instanceof ApiError) {
        // Each question is answered once: a new one comes with every refusal that needs it.
        setCaptcha(captchaOf(err));
        form.setFieldValue('captchaAnswer', '');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 'min(380px, calc(100vw - 32px))' }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          政务公开工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          Gongkai 公开 · 工作人员登录
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {captcha && (
            <Form.Item label={`验证题：${captcha.question}`} name="captchaAnswer" rules={[{ required: true, message: '请回答验证题' }]}>
              <Input inputMode="numeric" autoComplete="off" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
