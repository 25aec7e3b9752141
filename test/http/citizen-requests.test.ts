/**
 * The citizen's side of a request (issue 18, items 2 and 3), through HTTP on both databases: the
 * online form tells every problem in one round next to its field, a wrong captcha included;
 * tracking is a POST (an old GET link only asks again); during 补正 the tracking page says what and
 * by when and takes the supplement (text and files) as 收到补正; once closed with electronic
 * delivery it gives the 答复书, on record; staff record the clarified text; a letter with a name
 * and a postal address is accepted.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const applicant = { type: 'natural_person', name: '钱七', idType: 'resident_id', idNumber: '11010519491231002X', phone: '13911112222' };

/** A multipart body as a browser sends it: text fields and files. */
function multipart(fields: Record<string, string>, files: { name: string; data: Buffer }[] = []): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gongkai-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The attributes of the control with this id. */
const control = (body: string, id: string): string => new RegExp(`<(?:input|textarea|select) id="${id}"[^>]*>`).exec(body)?.[0] ?? '';

for (const dialect of DIALECTS) {
  describe(`the citizen's side of a request on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let own: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      own = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    const formPage = async () => {
      const form = await t.app.inject({ method: 'GET', url: '/org/changping/open/request' });
      return { question: /<label for="f-captcha">([^<]+)</.exec(form.body)![1]!, token: /name="captchaToken" value="([^"]+)"/.exec(form.body)![1]!, body: form.body };
    };
    const trackPage = (code: string, secret: string) =>
      t.app.inject({ method: 'POST', url: '/org/changping/open/request/track', payload: new URLSearchParams({ code, secret }).toString(), headers: FORM });
    const intake = async (overrides: object = {}) => {
      const res = await admin.request('POST', '/api/v1/requests', { agencyId: own, channel: 'inPerson', submittedDate: '2026-11-26', applicant, description: '2025年村级财务公开情况', requestedForm: 'electronic', delivery: 'email', ...overrides });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: number; queryCode: string };
    };
    const event = async (id: number, body: object) => {
      const res = await admin.request('POST', `/api/v1/requests/${id}/events`, body);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };

    it('tells every problem of the form in one round, each next to its field, a wrong captcha too', async () => {
      const { token, body: blank } = await formPage();
      // Every field that takes text says how much it takes.
      for (const [id, max] of [['f-applicantName', 100], ['f-idNumber', 40], ['f-phone', 30], ['f-description', 5000], ['f-purpose', 1000]] as const) {
        assert.match(control(blank, id), new RegExp(`maxlength="${max}"`), id);
        assert.match(control(blank, id), new RegExp(`aria-describedby="[^"]*${id}-count`), id);
      }
      const longName = '王'.repeat(101);
      const res = await t.app.inject({
        method: 'POST',
        url: '/org/changping/open/request',
        headers: FORM,
        remoteAddress: '10.7.7.1',
        payload: new URLSearchParams({ applicantType: 'natural_person', applicantName: longName, idType: 'resident_id', idNumber: '110105194912310', phone: '2345678', description: '', requestedForm: 'electronic', delivery: 'email', captchaToken: token, captchaAnswer: '99' }).toString(),
      });
      assert.equal(res.statusCode, 400);
      const expected: [string, RegExp][] = [
        ['f-applicantName', /申请人姓名或名称不能超过 100 字（现为 101 字）/],
        ['f-idNumber', /居民身份证号码应为18位，现为15位/],
        ['f-phone', /联系电话缺少区号/],
        ['f-description', /请写明所需政府信息/],
        ['f-captcha', /验证码错误/],
      ];
      for (const [id, message] of expected) {
        const attrs = control(res.body, id);
        assert.match(attrs, /aria-invalid="true"/, `${id} is marked`);
        assert.match(attrs, new RegExp(`aria-describedby="${id}-error`), `${id} is described by its problem`);
        const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(res.body)?.[1] ?? '';
        assert.match(error, message, `${id}: ${error}`);
        assert.ok(res.body.includes(`<a href="#${id}">`), `the summary links to ${id}`);
      }
      assert.doesNotMatch(control(res.body, 'f-email'), /aria-invalid/, 'a good field is not marked');
      assert.ok(res.body.includes(`value="${longName}"`), 'the over-long text is shown again whole, not cut');

      // The API tells the same problems together: the first one's code, every field in details.
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json();
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/requests',
        remoteAddress: '10.7.7.2',
        payload: { applicant: { ...applicant, phone: '2345678' }, description: '某文件', requestedForm: 'electronic', delivery: 'email', captchaToken: captcha.token, captchaAnswer: '99' },
      });
      assert.equal(api.statusCode, 400);
      assert.equal(api.json().error.code, 'INVALID_APPLICANT');
      assert.deepEqual(
        api.json().error.details.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`),
        ['phone:INVALID_APPLICANT', 'captchaAnswer:CAPTCHA_INVALID'],
      );
    });

    it('tracks by POST only: an old GET link asks again, and the API refuses GET', async () => {
      const { queryCode } = await intake();
      const old = await t.app.inject({ method: 'GET', url: `/org/changping/open/request/track?code=${queryCode}&secret=2222` });
      assert.equal(old.statusCode, 200);
      assert.ok(!old.body.includes('data-testid="tracking-status"'), 'no result from a URL');
      assert.match(control(old.body, 't-code'), new RegExp(`value="${queryCode}"`), 'the query code is filled in');
      assert.doesNotMatch(old.body, /2222/, 'the secret is not read from the URL');
      assert.match(old.body, /<form class="request-form track-form" method="post"/);

      const page = await trackPage(queryCode, '2222');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-testid="tracking-status">办理中</);
      assert.equal((await trackPage(queryCode, '0000')).statusCode, 404);

      const api = await t.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { code: queryCode, secret: '2222' } });
      assert.equal(api.json().statusLabel, '办理中');
      const get = await t.app.inject({ method: 'GET', url: `/api/v1/public/requests/track?code=${queryCode}&secret=2222` });
      assert.deepEqual([get.statusCode, get.json().error.code], [405, 'TRACKING_USES_POST']);
    });

    it('shows the rate limit as the page, not as JSON', async () => {
      const guess = () => t.app.inject({ method: 'POST', url: '/org/changping/open/request/track', payload: 'code=AAAA-BBBB-CCCC&secret=1234', headers: FORM, remoteAddress: '10.7.7.9' });
      let last = await guess();
      for (let i = 0; i < 40 && last.statusCode !== 429; i++) last = await guess();
      assert.equal(last.statusCode, 429);
      assert.match(String(last.headers['content-type']), /^text\/html/);
      assert.match(last.body, /<div class="errors" role="alert"><p>请求过于频繁，请稍后再试<\/p>/);
    });

    it('during 补正 shows what and by when, and takes the supplement online as 收到补正', async () => {
      const { id, queryCode } = await intake();
      await event(id, { type: 'correctionRequested', date: '2026-11-26', periodWorkingDays: 10, items: ['请写明所需信息的年份', '请提供村名'] });
      let page = await trackPage(queryCode, '2222');
      assert.match(page.body, /data-testid="tracking-status">待申请人补正</);
      assert.match(page.body, /<li>请写明所需信息的年份<\/li><li>请提供村名<\/li>/);
      assert.match(page.body, /data-testid="correction-due">请于 2026-12-10 前/);
      assert.match(page.body, /action="\/org\/changping\/open\/request\/supplement" enctype="multipart\/form-data"/);

      // One round: a program disguised as a picture is refused with the reason, next to the field.
      const bad = await t.app.inject({ method: 'POST', url: '/org/changping/open/request/supplement', ...multipart({ code: queryCode, secret: '2222', text: '2025年，青石村' }, [{ name: '身份证.png', data: Buffer.from('MZ\x90\x00 not a picture') }]) });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(control(bad.body, 'f-files'), /aria-invalid="true"/);
      assert.match(bad.body, /<textarea id="f-text"[^>]*>2025年，青石村<\/textarea>/, 'the text is kept');

      const picture = await QRCode.toBuffer('补正材料', { type: 'png', scale: 8 });
      const ok = await t.app.inject({ method: 'POST', url: '/org/changping/open/request/supplement', ...multipart({ code: queryCode, secret: '2222', text: '2025年，青石村' }, [{ name: '村名.png', data: picture }]) });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.match(ok.body, /data-testid="supplement-done"><p>补正已提交，收到补正之日为 2026-11-26/);
      assert.match(ok.body, /data-testid="tracking-status">办理中</);
      assert.match(ok.body, /2026-11-26<\/time> 收到补正材料/);

      const detail = (await admin.request('GET', `/api/v1/requests/${id}`)).json();
      const received = detail.timeline.find((e: { type: string }) => e.type === 'correctionReceived');
      assert.match(received.detail, /申请人在线提交；补正内容：2025年，青石村；材料：村名\.png/);
      const file = await admin.request('GET', received.files[0].url);
      assert.equal(file.statusCode, 200);
      assert.ok(file.rawPayload.equals(picture), 'staff download the very file');
      assert.match(String(file.headers['content-disposition']), /^attachment;/);

      page = await trackPage(queryCode, '2222');
      assert.ok(!page.body.includes('data-testid="correction"'), 'no 补正 form once received');
      const again = await t.app.inject({ method: 'POST', url: '/org/changping/open/request/supplement', ...multipart({ code: queryCode, secret: '2222', text: '再补充' }) });
      assert.equal(again.statusCode, 409);
      const wrong = await t.app.inject({ method: 'POST', url: '/org/changping/open/request/supplement', ...multipart({ code: queryCode, secret: '0000', text: '冒充' }) });
      assert.equal(wrong.statusCode, 404);
    });

    it('refuses a supplement once the period ran out', async () => {
      const { id, queryCode } = await intake();
      await event(id, { type: 'correctionRequested', date: '2026-11-26', periodWorkingDays: 1, items: ['请写明年份'] });
      t.setNow(new Date('2026-11-30T02:00:00Z'));
      try {
        const page = await trackPage(queryCode, '2222');
        assert.ok(!page.body.includes('/open/request/supplement'), 'no form after the period');
        const late = await t.app.inject({ method: 'POST', url: '/org/changping/open/request/supplement', ...multipart({ code: queryCode, secret: '2222', text: '2025年' }) });
        assert.equal(late.statusCode, 409);
        assert.match(late.body, /补正期限已于 2026-11-27 届满/);
      } finally {
        t.setNow(new Date('2026-11-26T02:00:00Z'));
      }
    });

    it('lets staff record the clarified text with 收到补正', async () => {
      const { id } = await intake();
      await event(id, { type: 'correctionRequested', date: '2026-11-26', periodWorkingDays: 10, items: ['请写明年份'] });
      const detail = await event(id, { type: 'correctionReceived', date: '2026-11-26', text: '申请人来电说明：2025年度' });
      assert.match(detail.timeline.at(-1).detail, /补正内容：申请人来电说明：2025年度/);
    });

    it('offers the 答复书 of a closed request to an applicant who chose electronic delivery, on record', async () => {
      const byEmail = await intake();
      await event(byEmail.id, { type: 'replied', date: '2026-11-26', outcome: 'disclosed', reasons: '' });
      const page = await trackPage(byEmail.queryCode, '2222');
      assert.match(page.body, /data-testid="reply"/);
      assert.ok(!page.body.includes('期限计算说明'), 'a closed request has no deadline explanation');
      assert.ok(!page.body.includes('暂定'));
      const reply = (format: string, code = byEmail.queryCode) =>
        t.app.inject({ method: 'POST', url: '/org/changping/open/request/reply', payload: new URLSearchParams({ code, secret: '2222', format }).toString(), headers: FORM });
      const docx = await reply('docx');
      assert.equal(docx.statusCode, 200, docx.body.slice(0, 300));
      assert.match(String(docx.headers['content-type']), /wordprocessingml/);
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      const html = await reply('html');
      assert.match(html.body, /钱七/, 'the applicant reads their own name');
      const reads = (await admin.request('GET', `/api/v1/requests/${byEmail.id}/personal-data-access`)).json().items as { via: string; viaLabel: string; userId: number | null }[];
      assert.deepEqual(
        reads.filter((r) => r.via === 'applicant.notice').map((r) => [r.viaLabel, r.userId]),
        [['申请人凭查询码下载：答复书', null], ['申请人凭查询码下载：答复书', null]],
      );

      const byPost = await intake({ delivery: 'post', requestedForm: 'paper' });
      await event(byPost.id, { type: 'replied', date: '2026-11-26', outcome: 'disclosed', reasons: '' });
      assert.ok(!(await trackPage(byPost.queryCode, '2222')).body.includes('data-testid="reply"'));
      const refused = await reply('docx', byPost.queryCode);
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /答复书将按您选择的方式送达/);
    });

    it('accepts a letter with a name and a postal address only (条例第二十九条)', async () => {
      const res = await admin.request('POST', '/api/v1/requests', {
        agencyId: own,
        channel: 'mail',
        submittedDate: '2026-11-24',
        receipt: { date: '2026-11-26', method: 'signedFor' },
        applicant: { type: 'natural_person', name: '孙八', address: '平安县常平乡青石村12号' },
        description: '村道修缮资金使用情况',
        requestedForm: 'paper',
        delivery: 'post',
      });
      assert.equal(res.statusCode, 201, res.body);
      const none = await admin.request('POST', '/api/v1/requests', { agencyId: own, channel: 'mail', submittedDate: '2026-11-24', applicant: { type: 'natural_person', name: '孙八' }, description: '村道修缮资金', requestedForm: 'paper', delivery: 'post' });
      assert.equal(none.statusCode, 400);
      assert.match(none.json().error.message, /须至少填写一种联系方式/);
    });
  });
}
