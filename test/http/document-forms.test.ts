import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeZip } from '../fixtures/attachments/generate.ts';
import { DOC_ID, legacyDoc, makeCompound, makeOfd } from '../fixtures/attachments/legacy.ts';

/** Issue 18, items 3 and 7: the document form's errors name fields in Chinese, field by field; dates, publication prerequisites and the older attachment formats. */
const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };

for (const dialect of DIALECTS) {
  describe(`document form errors and publication rules on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    const post = (body: object) => admin.request('POST', '/api/v1/documents', { agencyId, ...body });
    const move = (id: number, body: object) => admin.request('POST', `/api/v1/documents/${id}/transitions`, body);

    it('names every invalid field by its Chinese label, all in one answer, never by its API name', async () => {
      const res = await post({ title: '', writtenAt: '2026-13-01', validity: 'someday' });
      assert.equal(res.statusCode, 400);
      const { code, message, details } = res.json().error;
      assert.equal(code, 'VALIDATION_FAILED');
      assert.deepEqual(
        details.fields.map((f: { field: string }) => f.field).sort(),
        ['bodyHtml', 'title', 'validity', 'writtenAt'],
      );
      const byField = Object.fromEntries(details.fields.map((f: { field: string; message: string }) => [f.field, f.message]));
      assert.equal(byField.bodyHtml, '请填写“正文”');
      assert.equal(byField.title, '请填写“标题”');
      assert.match(byField.writtenAt, /^“成文日期”应为 1949 年至 2100 年之间的日期/);
      assert.equal(byField.validity, '“有效性”的取值不在允许范围内');
      assert.doesNotMatch(message, /bodyHtml|writtenAt|validity|请求体/);
      assert.match(message, /^提交的内容有误：/);
    });

    it('refuses a 成文日期 after today and a 失效日期 before the 成文日期, on their fields', async () => {
      const future = await post({ title: '明天的文件', bodyHtml: '<p>正文</p>', writtenAt: '2026-11-27' });
      assert.equal(future.statusCode, 400);
      assert.equal(future.json().error.code, 'INVALID_DOCUMENT');
      assert.deepEqual(future.json().error.details.fields, [{ field: 'writtenAt', message: '成文日期不能晚于今天（2026-11-26）' }]);
      const today = await post({ title: '今天的文件', bodyHtml: '<p>正文</p>', writtenAt: '2026-11-26', categoryCode: 'art20-11' });
      assert.equal(today.statusCode, 201, 'today is allowed (Beijing date, while UTC is still the day before)');

      const early = await post({ title: '先失效的文件', bodyHtml: '<p>正文</p>', writtenAt: '2025-03-01', validity: 'expired', invalidFrom: '2025-02-28' });
      assert.equal(early.statusCode, 400);
      assert.deepEqual(early.json().error.details.fields, [{ field: 'invalidFrom', message: '失效日期不能早于成文日期（2025-03-01）' }]);
      const update = await admin.request('PUT', `/api/v1/documents/${today.json().id}`, { title: '今天的文件', bodyHtml: '<p>正文</p>', writtenAt: '2026-12-01' });
      assert.equal(update.statusCode, 400, 'an edit is checked the same way');
      assert.match(update.json().error.message, /成文日期不能晚于今天/);
    });

    it('needs a catalogue column and a 形成日期 before submission and publication; the buttons say 批准 and 立即发布', async () => {
      const bare = (await post({ title: '无栏目文件', bodyHtml: '<p>正文</p>' })).json();
      const submit = bare.actions.find((a: { action: string }) => a.action === 'submit');
      assert.deepEqual([submit.allowed, submit.reason], [false, '发布前须填写公开目录类别和形成或变更日期']);
      const refused = await move(bare.id, { action: 'submit' });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /公开目录类别和形成或变更日期/);

      const filled = await admin.request('PUT', `/api/v1/documents/${bare.id}`, { title: '无栏目文件', bodyHtml: '<p>正文</p>', categoryCode: 'art20-11', formedAt: '2026-11-20' });
      assert.equal(filled.statusCode, 200, filled.body);
      for (const body of [{ action: 'submit' }, { action: 'review', checklist }]) assert.equal((await move(bare.id, body)).statusCode, 200);
      const reviewed = (await admin.request('GET', `/api/v1/documents/${bare.id}`)).json();
      assert.deepEqual(reviewed.actions.map((a: { label: string }) => a.label), ['退回修改', '批准']);
      const approved = (await move(bare.id, { action: 'approve' })).json();
      assert.deepEqual(approved.actions.map((a: { label: string }) => a.label), ['退回修改', '立即发布', '定时发布']);

      // A document stored before the rule (or changed underneath) still cannot go out without them.
      await t.handle.db.updateTable('documents').set({ category_id: null }).where('id', '=', bare.id).execute();
      const publish = await move(bare.id, { action: 'publish' });
      assert.equal(publish.statusCode, 409);
      assert.match(publish.json().error.message, /发布前须填写公开目录类别/);
    });

    it('takes .doc, .wps, .xls, .ofd and .zip attachments: a .doc is scanned, what cannot be read is listed with a warning', async () => {
      const doc = (await post({ title: '附件格式', bodyHtml: '<p>见附件</p>', categoryCode: 'art20-11', writtenAt: '2026-11-20' })).json();
      const upload = (name: string, data: Buffer) =>
        t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/attachments?name=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: data });
      const files: [string, Buffer, string, boolean][] = [
        ['救助通知.doc', legacyDoc(), 'doc', false],
        ['救助通知.wps', legacyDoc(), 'wps', false],
        ['花名册.xls', makeCompound({ Workbook: Buffer.alloc(6000, 1) }), 'xls', true],
        ['防汛通知.ofd', makeOfd(), 'ofd', false],
        ['申报材料.zip', makeZip({ '申请表.pdf': 'x' }), 'zip', true],
      ];
      for (const [name, data, kind, warned] of files) {
        const res = await upload(name, data);
        assert.equal(res.statusCode, 201, `${name}: ${res.body}`);
        assert.deepEqual([res.json().kind, res.json().warning !== null], [kind, warned], name);
      }
      const detail = (await admin.request('GET', `/api/v1/documents/${doc.id}`)).json();
      assert.deepEqual(detail.attachments.map((a: { name: string }) => a.name), files.map(([name]) => name));
      const sources = detail.scanHits.map((h: { source: string }) => h.source);
      assert.ok(sources.includes('附件：救助通知.doc') && sources.includes('附件：防汛通知.ofd'), sources.join('、'));
      assert.ok(!JSON.stringify(detail).includes(DOC_ID), 'findings are masked');
    });
  });
}
