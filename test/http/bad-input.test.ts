import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

interface Operation {
  method: string;
  path: string;
  body?: { required?: string[]; properties?: Record<string, { type?: string }> };
  query: { name: string; required: boolean; type: string | undefined }[];
  pathParams: string[];
}

/** Every API route, read from the OpenAPI document the server publishes. */
function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      const params: any[] = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, type: p.schema?.type })),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
  return ops;
}

const wrongValue = (type: string | undefined): unknown =>
  type === 'string' ? 12345 : type === 'integer' || type === 'number' ? '不是数字' : type === 'boolean' ? 'yes' : type === 'array' ? { not: 'array' } : 42;

function assertClientError(res: LightMyRequestResponse, what: string): void {
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${what}: expected 4xx, got ${res.statusCode} ${res.body}`);
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  assert.equal(typeof body.error?.code, 'string', `${what}: error code`);
  assert.match(String(body.error?.message), /[\u4e00-\u9fff]/, `${what}: Chinese message`);
}

for (const dialect of DIALECTS) {
  describe(`bad input to every API route on ${dialect}`, () => {
    let t: TestApp;
    let client: Client;
    let ops: Operation[];
    before(async () => {
      t = await createTestApp(dialect);
      client = await loginClient(t.app, t.admin.username, t.admin.password);
      ops = operations((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
    });
    after(async () => t.close());

    it('finds the routes to test', () => {
      assert.ok(ops.length >= 10, `found ${ops.length} operations`);
    });

    it('answers 4xx with an error code for malformed, mistyped, incomplete, oversize input', async () => {
      let checked = 0;
      for (const op of ops) {
        const url = (params: Record<string, string>, query = '') =>
          op.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '1') + query;
        const send = (payload: string | undefined, u = url({}), contentType = 'application/json') =>
          t.app.inject({
            method: op.method as 'POST',
            url: u,
            headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...(payload === undefined ? {} : { 'content-type': contentType }) },
            ...(payload === undefined ? {} : { payload }),
          });
        const label = `${op.method} ${op.path}`;
        for (const name of op.pathParams) {
          assertClientError(await send(op.body ? '{}' : undefined, url({ [name]: 'abc' })), `${label} path ${name}=abc`);
          assertClientError(await send(op.body ? '{}' : undefined, url({ [name]: '-5' })), `${label} path ${name}=-5`);
          checked++;
        }
        const requiredQuery = op.query.filter((q) => q.required);
        if (requiredQuery.length > 0) {
          assertClientError(await send(undefined, url({})), `${label} missing query`);
          const typed = requiredQuery.filter((q) => q.type === 'integer' || q.type === 'number');
          if (typed.length > 0) {
            const bad = requiredQuery.map((q) => `${q.name}=${typed.includes(q) ? 'abc' : '1'}`).join('&');
            assertClientError(await send(undefined, url({}, `?${bad}`)), `${label} mistyped query`);
          }
          checked++;
        }
        if (!['POST', 'PUT', 'PATCH'].includes(op.method)) continue;
        // Checked before any handler runs, so routes without a body (logout) are safe to probe too.
        assertClientError(await send('{"unterminated": '), `${label} malformed JSON`);
        assertClientError(await send('x'.repeat(2 * 1024 * 1024)), `${label} oversize body`);
        assertClientError(await send('<xml/>', url({}), 'application/xml'), `${label} wrong content type`);
        if (op.body) {
          assertClientError(await send('[1,2,3]'), `${label} array body`);
          assertClientError(await send('"text"'), `${label} string body`);
          const props = op.body.properties ?? {};
          if ((op.body.required ?? []).length > 0) assertClientError(await send('{}'), `${label} missing fields`);
          for (const [name, schema] of Object.entries(props)) {
            const payload = JSON.stringify({ [name]: wrongValue(schema.type) });
            assertClientError(await send(payload), `${label} wrong type for ${name}`);
          }
          assertClientError(await send(JSON.stringify({ 意外字段: 1 })), `${label} unknown field`);
        }
        checked++;
      }
      assert.ok(checked >= ops.length - 4);
    });

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: client.cookie },
        payload: { username: 'nocsrf', displayName: '无令牌', agencyId: 1, roles: ['clerk'] },
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'CSRF_TOKEN_INVALID');
    });
  });
}
