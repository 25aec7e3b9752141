import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Client, TestApp } from '../helpers/app.ts';
import { checklist, interpretationsApp } from './interpretations-setup.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makePng } from '../fixtures/attachments/generate.ts';
import { publishDueDocuments } from '../../src/services/documents.ts';

const ALT = '图解说明：本办法明确了补助对象、补助标准和申请流程，申请人可到乡便民服务中心办理。';

for (const dialect of DIALECTS) {
  describe(`政策解读 and the 三同步 gate on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let clerk: Client;
    let reviewer: Client;
    let agencyId: number;
    before(async () => {
      ({ t, admin, clerk, reviewer, agencyId } = await interpretationsApp(dialect, { clerk: ['i.clerk', '王信息员'], reviewer: ['i.reviewer', '李审核'] }));
    });
    after(async () => t.close());

    const create = async (who: Client, title: string, extra: object = {}) => {
      const res = await who.request('POST', '/api/v1/documents', { agencyId, title, bodyHtml: `<p>${title}正文。</p>`, categoryCode: 'art20-01', writtenAt: '2026-11-01', ...extra });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const move = (id: number, body: object) => admin.request('POST', `/api/v1/documents/${id}/transitions`, body);
    const approve = async (id: number) => {
      for (const body of [{ action: 'submit' }, { action: 'review', checklist }, { action: 'approve' }]) assert.equal((await move(id, body)).statusCode, 200, `${JSON.stringify(body)}`);
    };
    const detail = async (id: number) => (await admin.request('GET', `/api/v1/documents/${id}`)).json();
    const portal = (id: number) => t.app.inject({ method: 'GET', url: `/org/changping/documents/${id}` });

    it('refuses to publish a 行政规范性文件 without a 解读, and lists it as missing one', async () => {
      const policy = await create(admin, '常平乡农村危房改造补助办法', { docKind: 'normative' });
      assert.equal(policy.interpretationGate.required, true);
      assert.equal(policy.interpretationGate.blocked.code, 'INTERPRETATION_REQUIRED');
      await approve(policy.id);
      const shown = await detail(policy.id);
      const publish = shown.actions.find((a: { action: string }) => a.action === 'publish');
      assert.equal(publish.allowed, false, 'the workspace disables 发布');
      assert.match(publish.reason, /三同步/);
      const res = await move(policy.id, { action: 'publish' });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'INTERPRETATION_REQUIRED');
      assert.match(res.json().error.message, /规章和行政规范性文件须与政策解读同步发布/);
      assert.equal((await move(policy.id, { action: 'schedule', scheduledAt: '2026-12-01T00:00:00Z' })).json().error.code, 'INTERPRETATION_REQUIRED');
      assert.equal((await detail(policy.id)).status, 'approved');
      assert.equal((await portal(policy.id)).statusCode, 404);
      // An ordinary document needs none.
      const plain = await create(admin, '常平乡秋收工作动态');
      const missing = (await admin.request('GET', `/api/v1/documents?agencyId=${agencyId}&missingInterpretation=true&pageSize=200`)).json();
      const ids = missing.items.map((d: { id: number }) => d.id);
      assert.ok(ids.includes(policy.id));
      assert.ok(!ids.includes(plain.id));
      assert.equal(missing.items.find((d: { id: number }) => d.id === policy.id).lacksInterpretation, true);
      // Independent count: every 规章/规范性文件 of the agency, not withdrawn, without exemption or live 解读.
      const all = await t.handle.db.selectFrom('documents').selectAll().where('agency_id', '=', agencyId).execute();
      const expected = all.filter((d) => (d.doc_kind === 'rule' || d.doc_kind === 'normative') && d.status !== 'withdrawn' && d.exemption_reason === null && !all.some((i) => i.interprets_id === d.id && i.status !== 'withdrawn'));
      assert.deepEqual([...ids].sort(), expected.map((d) => d.id).sort());
    });

    it('publishes a policy and its approved 解读 together, cross-linked and searchable', async () => {
      const policy = await create(admin, '常平乡困难群众临时救助实施细则', { docKind: 'normative' });
      const draftInterp = await create(admin, '《常平乡困难群众临时救助实施细则》政策解读', { interpretsId: policy.id, interpretationForm: 'text', bodyHtml: '<p>一、制定背景：临时救助兜底保障。</p>' });
      assert.equal(draftInterp.interpretation.policy.id, policy.id);
      assert.equal((await detail(policy.id)).interpretations.length, 1);
      assert.ok(!(await admin.request('GET', `/api/v1/documents?agencyId=${agencyId}&missingInterpretation=true&pageSize=200`)).json().items.some((d: { id: number }) => d.id === policy.id), 'a linked 解读 takes it off the list');
      await approve(policy.id);
      // The 解读 is still a draft: not ready to go out with the policy.
      const notReady = await move(policy.id, { action: 'publish' });
      assert.equal(notReady.json().error.code, 'INTERPRETATION_NOT_READY');
      await approve(draftInterp.id);
      const waiting = (await detail(draftInterp.id)).actions.find((a: { action: string }) => a.action === 'publish');
      assert.deepEqual({ allowed: waiting.allowed, waits: /同步发布/.test(waiting.reason) }, { allowed: false, waits: true }, 'the workspace disables publishing a 解读 alone');
      const alone = await move(draftInterp.id, { action: 'publish' });
      assert.equal(alone.statusCode, 409);
      assert.equal(alone.json().error.code, 'INTERPRETATION_WAITS_FOR_POLICY');
      const published = await move(policy.id, { action: 'publish' });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal((await detail(draftInterp.id)).status, 'published', 'the 解读 went out with the policy');
      const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity', '=', 'document').where('entity_id', '=', String(draftInterp.id)).where('action', '=', 'document.publish').execute();
      assert.equal(audit.length, 1);
      const policyPage = await portal(policy.id);
      assert.match(policyPage.body, /政策解读/);
      assert.ok(policyPage.body.includes(`/org/changping/documents/${draftInterp.id}`), 'the policy page links its 解读');
      const interpPage = await portal(draftInterp.id);
      assert.equal(interpPage.statusCode, 200);
      assert.ok(interpPage.body.includes(`/org/changping/documents/${policy.id}`), 'the 解读 page links its policy');
      assert.match(interpPage.body, /解读的政策文件：<a[^>]*>《常平乡困难群众临时救助实施细则》/);
      // The home page's 最新公开 shows the 解读 beside its policy, and the 解读 names its policy.
      const home = (await t.app.inject({ method: 'GET', url: '/org/changping/' })).body;
      const latest = home.slice(home.indexOf('id="latest-title"'), home.indexOf('</section>', home.indexOf('id="latest-title"')));
      assert.match(latest, new RegExp(`<a href="/org/changping/documents/${policy.id}">常平乡困难群众临时救助实施细则</a> <a class="interp-link" href="/org/changping/documents/${draftInterp.id}"[^>]*>【文字解读】</a>`));
      assert.match(latest, new RegExp(`<a href="/org/changping/documents/${draftInterp.id}">《常平乡困难群众临时救助实施细则》政策解读</a><span class="doc-meta">解读：<a href="/org/changping/documents/${policy.id}">`));
      const search = (await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('制定背景')}&agency=changping` })).json();
      assert.deepEqual(search.items.map((i: { docId: number }) => i.docId), [draftInterp.id], 'the site search finds the 解读');
      // Withdrawing the policy takes its 解读 off the portal too.
      assert.equal((await move(policy.id, { action: 'withdraw', reason: '上级文件调整' })).statusCode, 200);
      assert.equal((await detail(draftInterp.id)).status, 'withdrawn');
      assert.equal((await portal(draftInterp.id)).statusCode, 404);
    });

    it('leaves the policy unpublished when its 解读 cannot be published in the same transaction', async () => {
      const policy = await create(admin, '常平乡村级公益事业一事一议筹资办法', { docKind: 'rule' });
      const interp = await create(admin, '一事一议筹资办法解读', { interpretsId: policy.id, interpretationForm: 'text' });
      await approve(policy.id);
      await approve(interp.id);
      // A finding raised after approval (as a reviewer reopening a scan would) blocks the 解读's publication.
      await t.handle.db.insertInto('document_scan_hits').values({ document_id: interp.id, source: '正文', kind: 'mobile', masked: '139****5678', context: '电话 139****5678', message: '疑似手机号码', resolution: null, resolved_by: null, resolved_at: null }).execute();
      const res = await move(policy.id, { action: 'publish' });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'INTERPRETATION_PUBLISH_FAILED');
      assert.match(res.json().error.message, /解读《一事一议筹资办法解读》不能随政策文件发布.*政策文件未发布/);
      const row = await t.handle.db.selectFrom('documents').select(['status', 'published_at']).where('id', '=', policy.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'approved', published_at: null });
      assert.equal((await portal(policy.id)).statusCode, 404);
      const audit = await t.handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'document').where('entity_id', '=', String(policy.id)).where('action', '=', 'document.publish').execute();
      assert.equal(audit.length, 0, 'no audit entry survives the rolled-back publication');
    });

    it('publishes a scheduled policy and its approved 解读 together when their time comes', async () => {
      const policy = await create(admin, '常平乡村庄保洁管理办法', { docKind: 'normative' });
      const interp = await create(admin, '村庄保洁管理办法解读', { interpretsId: policy.id, interpretationForm: 'text' });
      await approve(policy.id);
      await approve(interp.id);
      const at = new Date(t.deps.now().getTime() + 3600_000);
      assert.equal((await move(policy.id, { action: 'schedule', scheduledAt: at.toISOString() })).statusCode, 200);
      assert.equal((await detail(interp.id)).status, 'approved', 'nothing goes out before the time');
      const before = t.deps.now();
      t.setNow(new Date(at.getTime() + 60_000));
      try {
        assert.ok((await publishDueDocuments(t.deps)) >= 1);
      } finally {
        t.setNow(before);
      }
      assert.deepEqual([(await detail(policy.id)).status, (await detail(interp.id)).status], ['published', 'published']);
    });

    it('publishes with a recorded exemption: who, when and why, audited', async () => {
      const policy = await create(clerk, '常平乡关于调整村级组织办公经费标准的通知', { docKind: 'normative' });
      const short = await clerk.request('PUT', `/api/v1/documents/${policy.id}/interpretation-exemption`, { reason: '无' });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().error.code, 'EXEMPTION_REASON_REQUIRED');
      assert.equal((await reviewer.request('PUT', `/api/v1/documents/${policy.id}/interpretation-exemption`, { reason: '仅调整内部经费标准，不涉及群众权益' })).statusCode, 403);
      const plain = await create(admin, '常平乡环境整治简报');
      assert.equal((await admin.request('PUT', `/api/v1/documents/${plain.id}/interpretation-exemption`, { reason: '普通文件不需要解读的理由' })).json().error.code, 'EXEMPTION_NOT_APPLICABLE');
      const ok = await clerk.request('PUT', `/api/v1/documents/${policy.id}/interpretation-exemption`, { reason: '仅调整内部经费标准，不涉及群众权益' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual({ reason: ok.json().exemption.reason, by: ok.json().exemption.by }, { reason: '仅调整内部经费标准，不涉及群众权益', by: '王信息员' });
      assert.equal(ok.json().exemption.at, t.deps.now().toISOString());
      assert.equal(ok.json().interpretationGate.blocked, null);
      assert.ok(!(await admin.request('GET', `/api/v1/documents?agencyId=${agencyId}&missingInterpretation=true&pageSize=200`)).json().items.some((d: { id: number }) => d.id === policy.id));
      await approve(policy.id);
      assert.equal((await move(policy.id, { action: 'publish' })).statusCode, 200);
      assert.equal((await admin.request('DELETE', `/api/v1/documents/${policy.id}/interpretation-exemption`)).statusCode, 409, 'kept once published');
      const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'after_json']).where('entity', '=', 'document').where('entity_id', '=', String(policy.id)).where('action', '=', 'document.interpretation-exemption').execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.after_json ?? '', /不涉及群众权益/);
    });

    it('requires a 图解 its picture and text alternative, and shows them on the portal', async () => {
      const policy = await create(admin, '常平乡高龄津贴发放办法', { docKind: 'normative' });
      const graphic = await create(admin, '一图读懂高龄津贴发放办法', { interpretsId: policy.id, interpretationForm: 'graphic', interpretationText: '太短' });
      const submit = await move(graphic.id, { action: 'submit' });
      assert.equal(submit.statusCode, 409);
      assert.match(submit.json().error.message, /图解图片.*图解的文字说明/);
      const png = await t.app.inject({ method: 'POST', url: `/api/v1/documents/${graphic.id}/attachments?name=${encodeURIComponent('图解.png')}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/octet-stream' }, payload: makePng() });
      assert.equal(png.statusCode, 201, png.body);
      const put = await admin.request('PUT', `/api/v1/documents/${graphic.id}`, { title: graphic.title, bodyHtml: '<p>图解</p>', categoryCode: 'art20-01', writtenAt: '2026-11-01', interpretsId: policy.id, interpretationForm: 'graphic', interpretationText: ALT });
      assert.equal(put.statusCode, 200, put.body);
      const badVideo = await admin.request('POST', '/api/v1/documents', { agencyId, title: '视频解读高龄津贴', bodyHtml: '<p>视频</p>', interpretsId: policy.id, interpretationForm: 'video', interpretationMediaUrl: 'http://example.com/v' });
      assert.equal(badVideo.statusCode, 400);
      assert.equal(badVideo.json().error.details.fields[0].field, 'interpretationMediaUrl');
      await approve(policy.id);
      await approve(graphic.id);
      assert.equal((await move(policy.id, { action: 'publish' })).statusCode, 200);
      const page = (await portal(graphic.id)).body;
      assert.match(page, /<img src="\/org\/changping\/documents\/\d+\/attachments\/\d+" alt="[^"]+" aria-describedby="alt-text-body"/);
      assert.ok(page.includes(ALT), 'the text alternative is on the page');
      assert.match((await portal(policy.id)).body, /一图读懂高龄津贴发放办法<\/a>（图解）/);
      // A later 解读 of a published policy goes out on its own: a video, linked, with its 文字稿.
      const transcript = '字幕：高龄津贴面向八十周岁以上老人，按月发放，本人或家属携身份证到村委会登记即可。';
      const video = await create(admin, '视频解读：高龄津贴怎么领', { interpretsId: policy.id, interpretationForm: 'video', interpretationMediaUrl: 'https://video.example.cn/gaoling', interpretationText: transcript });
      await approve(video.id);
      assert.equal((await move(video.id, { action: 'publish' })).statusCode, 200);
      const videoPage = (await portal(video.id)).body;
      assert.ok(videoPage.includes('href="https://video.example.cn/gaoling"'));
      assert.ok(videoPage.includes(transcript));
      assert.match((await portal(policy.id)).body, /视频解读：高龄津贴怎么领<\/a>（视频解读）/, 'the policy page lists the later 解读');
    });
  });
}
