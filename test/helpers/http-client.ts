/** A signed-in API client over real HTTP (for tests against a running server). */
export interface HttpClient {
  request<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
}

export async function httpLogin(baseUrl: string, username: string, password: string): Promise<HttpClient> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    async request(method, path, body) {
      const r = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, json: text ? JSON.parse(text) : null };
    },
  };
}
