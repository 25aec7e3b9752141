import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { checkPublishedReport } from '../../src/domain/report/index.ts';
import { readReportFile } from '../../src/exports/report/index.ts';

// Issue 18, item 6: publication only after the year, the opening paragraph from the agency's
// contacts, corrections as new versions with a reason, and the portal's page of a report.
for (const dialect of DIALECTS) {
  describe(`the annual report's life on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let department: number;
    const narrative = {
      overview: '本机关严格按照规定程序办理政府信息公开申请。',
      problems: '存在问题：无。',
      other: '依据《政府信息公开信息处理费管理办法》规定，2025年度本机关共收取政府信息公开信息处理费1100元。',
    };
    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const agencies = (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      department = agencies.find((a) => a.code === 'pingan-mzj')!.id;
    });
    after(async () => t.close());

    it('builds the standard opening from the agency’s contacts, and the checker names what is missing', async () => {
      await admin.request('PUT', '/api/v1/reports/2025/narrative', { agencyId: department, ...narrative });
      const before = (await admin.request('GET', `/api/v1/reports/2025?agencyId=${department}`)).json();
      assert.match(before.report.preamble, /统计期限自2025年1月1日起至2025年12月31日止/);
      const flagged = before.findings.filter((f: { rule: string }) => f.rule === 'preamble.incomplete');
      assert.equal(flagged.length, 1);
      assert.match(flagged[0].message, /网址.*联系方式/);
      assert.equal(flagged[0].severity, 'warning');

      const bad = await admin.request('PUT', '/api/v1/report-contacts', { agencyId: department, websiteName: '平安县人民政府网', websiteUrl: 'www.example', office: '', address: '', postcode: '', phone: '', email: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'INVALID_REPORT_CONTACTS');
      assert.deepEqual(bad.json().error.details.fields.map((f: { field: string }) => f.field).sort(), ['email', 'websiteUrl']);

      const contacts = { agencyId: department, websiteName: '平安县人民政府网', websiteUrl: 'https://www.pingan.gov.cn', office: '平安县民政局办公室', address: '平安县人民路1号', postcode: '100000', phone: '010-12345678', email: 'mzj@pingan.gov.cn' };
      assert.equal((await admin.request('PUT', '/api/v1/report-contacts', contacts)).statusCode, 200);
      assert.equal((await admin.request('GET', `/api/v1/report-contacts?agencyId=${department}`)).json().office, '平安县民政局办公室');
      const after = (await admin.request('GET', `/api/v1/reports/2025?agencyId=${department}`)).json();
      assert.match(after.report.preamble, /（https:\/\/www\.pingan\.gov\.cn）查阅或下载/);
      assert.match(after.report.preamble, /请与平安县民政局办公室联系（地址：平安县人民路1号；邮编：100000；电话：010-12345678；电子邮箱：mzj@pingan\.gov\.cn）/);
      assert.deepEqual(after.findings, []);

      // The export ends with the agency's full name and the date; the checker reads it back clean.
      const res = await admin.request('GET', `/api/v1/reports/2025/export?agencyId=${department}&format=html`);
      assert.match(res.body, /<p class="signature">平安县民政局<\/p>\n<p class="signature">2026年11月26日<\/p>/);
      const read = await readReportFile(res.rawPayload, 'r.html');
      assert.ok(read.ok);
      if (!read.ok) return;
      const checked = checkPublishedReport(read.input);
      assert.ok(checked.ok && checked.findings.length === 0, JSON.stringify(checked.ok && checked.findings));
    });

    it('refuses to publish before the report’s year has ended (Beijing date)', async () => {
      await admin.request('PUT', '/api/v1/reports/2026/narrative', { agencyId: department, ...narrative, other: '2026年度本机关未收取政府信息公开信息处理费。' });
      const view = (await admin.request('GET', `/api/v1/reports/2026?agencyId=${department}`)).json();
      assert.equal(view.publishableFrom, '2027-01-01');
      const early = await admin.request('POST', '/api/v1/reports/2026/publish', { agencyId: department });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'REPORT_YEAR_NOT_ENDED');
      assert.match(early.json().error.message, /2026年尚未结束.*最早可于2027年1月1日发布/);
      // 2026-12-31T16:30Z is 00:30 on 1 January 2027 in Beijing: the year has ended there.
      try {
        t.setNow(new Date('2026-12-31T15:59:00Z'));
        const head = await loginClient(t.app, t.admin.username, t.admin.password);
        assert.equal((await head.request('POST', '/api/v1/reports/2026/publish', { agencyId: department })).json().error.code, 'REPORT_YEAR_NOT_ENDED');
        t.setNow(new Date('2026-12-31T16:30:00Z'));
        const notChecked = await head.request('POST', '/api/v1/reports/2026/publish', { agencyId: department });
        assert.equal(notChecked.json().error.code, 'REPORT_NOT_CHECKED', 'past the year, only the usual rules apply');
      } finally {
        t.setNow(new Date('2026-11-26T02:00:00Z'));
      }
    });

    it('corrects a published report as a new version with a reason; the portal keeps the earlier one', async () => {
      await admin.request('POST', '/api/v1/reports/2025/check', { agencyId: department });
      const published = (await admin.request('POST', '/api/v1/reports/2025/publish', { agencyId: department })).json();
      assert.equal(published.status, 'published');
      assert.equal(published.version, 1);
      assert.equal((await admin.request('PUT', '/api/v1/reports/2025/narrative', { agencyId: department, ...narrative })).statusCode, 409);

      const user = (await admin.request('POST', '/api/v1/users', { username: 'clerk.correct', displayName: '更正员', agencyId: department, roles: ['clerk'] })).json();
      const clerk = await loginClient(t.app, 'clerk.correct', user.oneTimePassword);
      const corrected = { agencyId: department, ...narrative, problems: '存在问题：个别申请的答复书送达记录不完整。改进情况：已补齐记录。' };
      assert.equal((await clerk.request('POST', '/api/v1/reports/2025/correct', { ...corrected, reason: '补充第五部分的问题说明。' })).statusCode, 403);
      const noReason = await admin.request('POST', '/api/v1/reports/2025/correct', { ...corrected, reason: '  ' });
      assert.equal(noReason.json().error.code, 'INVALID_CORRECTION');
      const contradicting = await admin.request('POST', '/api/v1/reports/2025/correct', { ...corrected, overview: '本年度，未收到政府信息公开申请。', reason: '更正总体情况。' });
      assert.equal(contradicting.json().error.code, 'REPORT_HAS_ERRORS', 'a correction is checked like a first publication');

      t.setNow(new Date('2026-11-27T02:00:00Z'));
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const v2 = (await admin.request('POST', '/api/v1/reports/2025/correct', { ...corrected, reason: '补充第五部分的问题说明。' })).json();
      assert.equal(v2.version, 2, JSON.stringify(v2));
      assert.equal(v2.status, 'published');
      assert.equal(v2.correction.reason, '补充第五部分的问题说明。');
      assert.equal(v2.earlierVersions.length, 1);
      assert.equal(v2.earlierVersions[0].version, 1);
      assert.match(v2.report.sections.find((s: { key: string }) => s.key === 'problems').text, /送达记录不完整/);

      const page = await t.app.inject({ method: 'GET', url: '/org/pingan-mzj/annual-reports/2025' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<header class="site-header">/);
      assert.match(page.body, /aria-current="page">政府信息公开年报/);
      assert.match(page.body, /<h2 id="correction-title">更正说明<\/h2>\n<p>本报告于2026年11月27日更正，现为第2版。补充第五部分的问题说明。<\/p>/);
      assert.match(page.body, /href="\/org\/pingan-mzj\/annual-reports\/2025\.docx"/);
      assert.match(page.body, /送达记录不完整/);
      assert.match(page.body, /<a href="\/org\/pingan-mzj\/annual-reports\/2025-v1">第1版<\/a>，2026年11月26日发布（已更正）/);
      assert.match(page.body, /<p class="signature">平安县民政局<\/p>\n<p class="signature">2026年11月27日<\/p>/);

      const old = await t.app.inject({ method: 'GET', url: '/org/pingan-mzj/annual-reports/2025-v1' });
      assert.equal(old.statusCode, 200);
      assert.match(old.body, /这是本报告更正前的第1版（2026年11月26日发布），已被更正。<a href="\/org\/pingan-mzj\/annual-reports\/2025">查看现行版本（第2版）<\/a>/);
      assert.doesNotMatch(old.body, /送达记录不完整/);
      const oldDocx = await t.app.inject({ method: 'GET', url: '/org/pingan-mzj/annual-reports/2025-v1.docx' });
      assert.equal(oldDocx.statusCode, 200);
      assert.match(decodeURIComponent(String(oldDocx.headers['content-disposition'])), /（第1版，已更正）\.docx$/);
      const redirect = await t.app.inject({ method: 'GET', url: '/org/pingan-mzj/annual-reports/2025-v2' });
      assert.equal(redirect.statusCode, 302);
      assert.equal(redirect.headers.location, '/org/pingan-mzj/annual-reports/2025');
      assert.equal((await t.app.inject({ method: 'GET', url: '/org/pingan-mzj/annual-reports/2025-v3' })).statusCode, 404);
      // The print version stays the bare A4 document.
      const print = await t.app.inject({ method: 'GET', url: '/org/pingan-mzj/annual-reports/2025.html' });
      assert.doesNotMatch(print.body, /site-header/);
      assert.match(print.body, /送达记录不完整/);
    });
  });
}
