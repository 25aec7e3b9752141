import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { html } from '../../src/views/html.ts';

describe('portal shell', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('sqlite');
  });
  after(async () => t.close());

  it('serves the agency home in Chinese with the 政府信息公开 column', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<html lang="zh-CN">/);
    assert.match(res.body, /常平乡/);
    for (const label of ['公开指南', '公开制度', '法定主动公开内容', '公开目录', '政府信息公开年报', '依申请公开', '互动交流']) {
      assert.ok(res.body.includes(label), label);
    }
    assert.match(res.body, /name="viewport"/);
  });

  it('serves each column page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/org/changping/open/guide' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>公开指南<\/h1>/);
    assert.match(res.body, /aria-current="page">公开指南/);
  });

  it('answers unknown pages with a Chinese 404 page, and unknown API paths with JSON', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/org/changping/open/nothing' });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /页面不存在/);
    const agency = await t.app.inject({ method: 'GET', url: '/org/nobody/' });
    assert.equal(agency.statusCode, 404);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    assert.equal(api.statusCode, 404);
    assert.deepEqual(api.json(), { error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });

  it('escapes interpolated values by default', () => {
    const evil = '<script>alert("x")</script>';
    assert.equal(html`<p>${evil}</p>`.value, '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    assert.equal(html`<div>${html`<b>${'&'}</b>`}</div>`.value, '<div><b>&amp;</b></div>');
  });
});
