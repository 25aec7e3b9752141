import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Spin } from 'antd';
import { api, ApiError, setCsrfToken, type Session } from './api';
import { LoginPage } from './pages/LoginPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { syncClock } from './clock';

// The signed-in workspace (every page) is its own chunk: the login page loads without it.
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  const adopt = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    if (s) syncClock(s.serverTime);
    setSession(s);
  }, []);

  useEffect(() => {
    api<Session>('GET', '/auth/session')
      .then(adopt)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) adopt(null);
        else adopt(null);
      });
  }, [adopt]);

  const loading = (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin tip="加载中…" size="large">
        <div style={{ width: 80, height: 80 }} />
      </Spin>
    </div>
  );
  if (session === undefined) return loading;
  if (session === null) return <LoginPage onLogin={adopt} />;
  if (session.user.mustChangePassword) {
    return (
      <ChangePasswordPage
        onChanged={() => adopt({ ...session, user: { ...session.user, mustChangePassword: false } })}
      />
    );
  }
  return (
    <Suspense fallback={loading}>
      <Shell session={session} onLogout={() => adopt(null)} />
    </Suspense>
  );
}
