import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';

/**
 * Issue 18 item 3: a form's errors name its fields in Chinese, never by their API names. Every
 * property of every JSON request body in the OpenAPI document carries its Chinese label as
 * `title` (the error handler names fields by it), so a route added without labels fails here.
 * The schemas are the same on both databases; the walk runs once, on SQLite.
 */
interface Schema {
  title?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

function unlabelled(schema: Schema, path: string): string[] {
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const inner = [...alternatives.flatMap((s) => unlabelled(s, path)), ...(schema.items ? unlabelled(schema.items, path) : [])];
  const own = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    const labelled = child.title !== undefined || (child.anyOf ?? []).some((s) => s.title !== undefined);
    return [...(labelled ? [] : [at]), ...unlabelled(child, at)];
  });
  return [...inner, ...own];
}

describe('every API field has a Chinese label', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await createTestApp('sqlite');
    admin = await loginClient(t.app, t.admin.username, t.admin.password);
  });
  after(async () => t.close());

  it('labels every property of every JSON request body', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
    };
    const missing: string[] = [];
    let bodies = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        bodies += 1;
        missing.push(...[...new Set(unlabelled(schema, ''))].map((field) => `${method.toUpperCase()} ${path}: ${field}`));
      }
    }
    assert.ok(bodies > 30, `the walk saw the API's bodies (${bodies})`);
    assert.deepEqual(missing, [], 'fields without a Chinese label');
  });

  it('names a staff request form’s invalid fields by their labels, nested ones included', async () => {
    const agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    const res = await admin.request('POST', '/api/v1/requests', {
      agencyId,
      channel: 'mail',
      submittedDate: '2026-02-30x',
      applicant: { type: 'natural_person', name: '' },
      description: '',
      requestedForm: 'paper',
      delivery: 'pigeon',
    });
    assert.equal(res.statusCode, 400);
    const { message, details } = res.json().error;
    const byField = Object.fromEntries(details.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    assert.match(byField.submittedDate, /^“提交日期”应为 1949 年至 2100 年之间的日期/);
    assert.equal(byField['applicant.name'], '请填写“姓名或名称”');
    assert.equal(byField.description, '请填写“所需信息的名称、文号或特征描述”');
    assert.equal(byField.delivery, '“获取方式”的取值不在允许范围内');
    assert.doesNotMatch(message, /submittedDate|applicant|description|delivery|字段/);
  });

  it('names an event’s fields by their labels', async () => {
    const agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    const created = await admin.request('POST', '/api/v1/requests', {
      agencyId,
      channel: 'inPerson',
      submittedDate: '2026-11-16',
      applicant: { type: 'natural_person', name: '王某', phone: '13800138000' },
      description: '常平乡2025年道路硬化工程的验收报告',
      requestedForm: 'paper',
      delivery: 'pickup',
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const res = await admin.request('POST', `/api/v1/requests/${id}/events`, { type: 'extensionRequested', date: '2026-11-20', workingDays: 40, reason: '' });
    assert.equal(res.statusCode, 400);
    const byField = Object.fromEntries(res.json().error.details.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
    assert.equal(byField.workingDays, '“延长的工作日数”不能大于 20');
    assert.equal(byField.reason, '请填写“理由”');
  });
});
