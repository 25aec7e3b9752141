import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { idNumberCheckChar } from '../../src/domain/scan/index.ts';

const plantedId = (() => {
  const first17 = '11010519800101123';
  return first17 + idNumberCheckChar(first17);
})();

const checklist = { noStateSecret: true, noPrivacy: true, noSecurityRisk: true, inScope: true, opinion: '同意公开' };

for (const dialect of DIALECTS) {
  describe(`documents on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    const create = async (title: string, bodyHtml: string, extra: object = {}) => {
      const res = await admin.request('POST', '/api/v1/documents', { agencyId, title, bodyHtml, categoryCode: 'art20-11', writtenAt: '2025-03-01', ...extra });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const move = (id: number, body: object) => admin.request('POST', `/api/v1/documents/${id}/transitions`, body);

    it('catches a planted ID number, blocks review and publication until the leak is removed', async () => {
      const doc = await create('关于2025年低保对象的公示', `<p>低保对象：张某，身份证号 ${plantedId}，家庭人口 3 人。</p><script>alert(1)</script>`);
      assert.ok(!doc.bodyHtml.includes('<script'), 'the body is sanitised');
      assert.match(doc.indexNo, /^changping\/2025-\d{5}$/);
      assert.equal(doc.scanHits.length, 1);
      assert.equal(doc.scanHits[0].kind, 'id_number');
      assert.ok(!JSON.stringify(doc.scanHits).includes(plantedId), 'the finding is shown masked');
      assert.equal((await move(doc.id, { action: 'submit' })).statusCode, 200);
      const review = await move(doc.id, { action: 'review', checklist });
      assert.equal(review.statusCode, 409);
      assert.match(review.json().error.message, /1 处疑似敏感信息/);
      assert.equal((await move(doc.id, { action: 'publish' })).statusCode, 409);
      assert.equal((await move(doc.id, { action: 'reject', reason: '请删除身份证号' })).statusCode, 200);
      const fixed = await admin.request('PUT', `/api/v1/documents/${doc.id}`, { title: doc.title, categoryCode: 'art20-11', writtenAt: '2025-03-01', bodyHtml: '<p>低保对象：张某，家庭人口 3 人。</p>' });
      assert.equal(fixed.json().unresolvedHits, 0);
      assert.equal((await move(doc.id, { action: 'submit' })).statusCode, 200);
      assert.equal((await move(doc.id, { action: 'review', checklist: { ...checklist, noPrivacy: false } })).statusCode, 400, 'every checklist item must be confirmed');
      assert.equal((await move(doc.id, { action: 'review', checklist })).statusCode, 200);
      assert.equal((await move(doc.id, { action: 'approve' })).statusCode, 200);
      const published = await move(doc.id, { action: 'publish' });
      assert.equal(published.json().status, 'published');
      const page = await t.app.inject({ method: 'GET', url: `/org/changping/documents/${doc.id}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /关于2025年低保对象的公示/);
      assert.match(page.body, /索引号/);
      const search = (await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('低保')}&agency=changping` })).json();
      assert.deepEqual(search.items.map((i: { docId: number }) => i.docId), [doc.id]);
      assert.equal((await move(doc.id, { action: 'withdraw' })).statusCode, 400, 'a withdrawal needs a reason');
      assert.equal((await move(doc.id, { action: 'withdraw', reason: '内容更新' })).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: `/org/changping/documents/${doc.id}` })).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('低保')}&agency=changping` })).json().total, 0);
      const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'document').where('entity_id', '=', String(doc.id)).execute();
      assert.deepEqual(audit.map((a) => a.action), ['document.create', 'document.submit', 'document.reject', 'document.update', 'document.submit', 'document.review', 'document.approve', 'document.publish', 'document.withdraw']);
    });

    it('lets a reviewer resolve a false positive, with a note', async () => {
      const doc = await create('村务公开栏', '<p>举报电话：13912345678</p>');
      assert.equal(doc.scanHits[0].kind, 'mobile');
      await move(doc.id, { action: 'submit' });
      const res = await admin.request('POST', `/api/v1/scan-hits/${doc.scanHits[0].id}/resolve`, { resolution: '为公开的举报电话，经审查同意公开' });
      assert.equal(res.statusCode, 200);
      assert.equal((await move(doc.id, { action: 'review', checklist })).statusCode, 200);
    });

    it('finds exact Chinese terms of every length and ANDs space-separated terms', async () => {
      const docs = [
        ['关于做好2025年城乡低保提标工作的通知', '各村：为保障困难群众基本生活，提高城乡低保标准。'],
        ['常平乡扶贫项目资金公示', '2025年扶贫项目资金使用情况如下。'],
        ['医疗救助政策解读', '城乡医疗救助对象包括低保对象和特困人员。'],
        ['农村饮水安全工程建设进度', '饮水工程已完成管网铺设。'],
      ];
      const ids: number[] = [];
      for (const [title, body] of docs) {
        const d = await create(title!, `<p>${body}</p>`);
        for (const action of ['submit']) await move(d.id, { action });
        await move(d.id, { action: 'review', checklist });
        await move(d.id, { action: 'approve' });
        await move(d.id, { action: 'publish' });
        ids.push(d.id);
      }
      const hits = async (q: string) =>
        ((await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}&agency=changping` })).json().items as { docId: number }[]).map((i) => i.docId).sort((a, b) => a - b);
      assert.deepEqual(await hits('贫'), [ids[1]]);
      assert.deepEqual(await hits('低保'), [ids[0], ids[2]]);
      assert.deepEqual(await hits('扶贫'), [ids[1]]);
      assert.deepEqual(await hits('饮水工'), [ids[3]]);
      assert.deepEqual(await hits('医疗救助'), [ids[2]]);
      assert.deepEqual(await hits('低保 医疗'), [ids[2]]);
      assert.deepEqual(await hits('城乡 低保'), [ids[0], ids[2]]);
      assert.deepEqual(await hits('保救'), []);
      const page = await t.app.inject({ method: 'GET', url: `/org/changping/search?q=${encodeURIComponent('低保')}` });
      assert.match(page.body, /<mark>低保<\/mark>/);
    });
  });
}

describe('attachments', () => {
  it('checks the type by content, extracts the text and scans it', async () => {
    const { makeDocx, DOCX_BODY_ID } = await import('../fixtures/attachments/generate.ts');
    const t = await createTestApp('sqlite');
    try {
      const admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const doc = (await admin.request('POST', '/api/v1/documents', { agencyId: 1, title: '附件测试', bodyHtml: '<p>见附件</p>' })).json();
      const upload = (name: string, data: Buffer) =>
        t.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/attachments?name=${encodeURIComponent(name)}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' }, payload: data });
      const exe = await upload('通知.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
      assert.equal(exe.statusCode, 400);
      assert.match(exe.json().error.code, /^ATTACHMENT_/);
      const ok = await upload('名单.docx', await makeDocx());
      assert.equal(ok.statusCode, 201, ok.body);
      const detail = (await admin.request('GET', `/api/v1/documents/${doc.id}`)).json();
      assert.equal(detail.attachments.length, 1);
      assert.ok(detail.scanHits.some((h: { source: string; kind: string }) => h.source.startsWith('附件') && h.kind === 'id_number'));
      assert.ok(!JSON.stringify(detail).includes(DOCX_BODY_ID));
    } finally {
      await t.close();
    }
  });
});
