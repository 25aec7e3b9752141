/**
 * Phone numbers and ID numbers on the request forms (issue 18, item 3): a 7-digit phone is
 * refused, and an ID number of the wrong length says so rather than "校验位不符" — on the
 * portal's form, the public API and the staff intake alike.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { solveCaptcha } from '../helpers/captcha.ts';

const ID = '11010519491231002X';

for (const dialect of DIALECTS) {
  describe(`applicant phone and ID checks on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let agencyId: number;
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      agencyId = (await admin.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
    });
    after(async () => t.close());

    const intake = (applicant: object) =>
      admin.request('POST', '/api/v1/requests', {
        agencyId,
        channel: 'inPerson',
        submittedDate: '2026-11-20',
        applicant: { type: 'natural_person', name: '李四', ...applicant },
        description: '某文件',
        requestedForm: 'paper',
        delivery: 'pickup',
      });

    /** The public API's form, with the captcha answered. */
    const submitOnline = async (applicant: { idNumber: string; phone: string }) => {
      const captcha = (await t.app.inject({ method: 'GET', url: '/api/v1/public/captcha' })).json();
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/public/agencies/changping/requests',
        payload: {
          applicant: { type: 'natural_person', name: '王五', idType: 'resident_id', ...applicant },
          description: '某文件',
          requestedForm: 'electronic',
          delivery: 'email',
          captchaToken: captcha.token,
          captchaAnswer: solveCaptcha(captcha.question),
        },
      });
    };

    it('staff intake: a 7-digit phone is refused with the reason, a landline with its area code is taken', async () => {
      const local = await intake({ phone: '2345678' });
      assert.equal(local.statusCode, 400, local.body);
      assert.equal(local.json().error.code, 'INVALID_APPLICANT');
      assert.deepEqual(local.json().error.message.split('；'), ['联系电话缺少区号：固定电话请连同区号填写，如 0712-2345678']);
      const short = await intake({ phone: '1391234567' });
      assert.deepEqual(short.json().error.message.split('；'), ['联系电话手机号码应为11位，现为10位']);
      assert.equal((await intake({ phone: '0712-2345678' })).statusCode, 201);
      assert.equal((await intake({ phone: '(0551) 1234567' })).statusCode, 201);
    });

    it('staff intake: an ID of the wrong length says so; a wrong check character says that', async () => {
      const short = await intake({ phone: '13900001111', idType: 'resident_id', idNumber: ID.slice(0, 17) });
      assert.equal(short.statusCode, 400, short.body);
      assert.deepEqual(short.json().error.message.split('；'), ['居民身份证号码应为18位，现为17位']);
      const wrong = await intake({ phone: '13900001111', idType: 'resident_id', idNumber: `${ID.slice(0, 17)}1` });
      assert.deepEqual(wrong.json().error.message.split('；'), ['居民身份证号码校验位不符']);
      // Other kinds of papers have other lengths: only a resident ID is held to 18 characters.
      assert.equal((await intake({ phone: '13900001111', idType: 'passport', idNumber: 'E12345678' })).statusCode, 201);
    });

    it('a full-width mobile number is stored as digits, so tracking by its last four works', async () => {
      const submitted = await submitOnline({ idNumber: ID, phone: '１３９ ８７６５ ４３２１' });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const tracked = await t.app.inject({ method: 'POST', url: '/api/v1/public/requests/track', payload: { code: submitted.json().queryCode, secret: '4321' } });
      assert.equal(tracked.statusCode, 200, tracked.body);
    });

    it('the public API refuses a 7-digit phone and a short ID in one answer', async () => {
      const res = await submitOnline({ idNumber: ID.slice(0, 15), phone: '2345678' });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.json().error.message.split('；'), ['联系电话缺少区号：固定电话请连同区号填写，如 0712-2345678', '居民身份证号码应为18位，现为15位']);
    });

    it('the portal form shows both reasons on the page', async () => {
      const form = await t.app.inject({ method: 'GET', url: '/org/changping/open/request' });
      const question = /<label for="f-captcha">([^<]+)</.exec(form.body)![1]!;
      const token = /name="captchaToken" value="([^"]+)"/.exec(form.body)![1]!;
      const body = new URLSearchParams({
        applicantType: 'natural_person',
        applicantName: '王五',
        idType: 'resident_id',
        idNumber: ID.slice(0, 17),
        phone: '234-5678',
        description: '某文件',
        requestedForm: 'electronic',
        delivery: 'email',
        captchaToken: token,
        captchaAnswer: solveCaptcha(question),
      });
      const res = await t.app.inject({ method: 'POST', url: '/org/changping/open/request', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString(), remoteAddress: '10.9.9.9' });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.body.includes('联系电话缺少区号'), res.body);
      assert.ok(res.body.includes('居民身份证号码应为18位，现为17位'), res.body);
      assert.ok(!res.body.includes('校验位不符'));
    });
  });
}
