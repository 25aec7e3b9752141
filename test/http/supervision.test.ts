import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { officialCalendar } from '../../src/domain/calendar/index.ts';
import { systemActor } from '../../src/services/context.ts';
import { createCategory, createDocument } from '../../src/capabilities/documents/commands.ts';
import type { SupervisionView } from '../../src/capabilities/supervision/contract.ts';

/**
 * The 督办 dashboard over real records on both databases: a new township gets columns, published
 * and unpublished documents, messages and requests built here; each figure is compared with a
 * count the test makes over what it built, as the clock moves so the 首页 and 互动回应 checks
 * fail and then pass. The county office sees the township in its roll-up; another township's
 * clerk does not reach it. The XLSX carries the same figures.
 */
const DAY = 86_400_000;
const age = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);
const calendar = officialCalendar();

for (const dialect of DIALECTS) {
  describe(`督办 dashboard on ${dialect}`, () => {
    let t: TestApp;
    let operator: Client;
    let agencyId: number;
    let countyId: number;
    let today = '';
    const at = (date: string) => {
      today = date;
      // 10:00 in Beijing.
      t.setNow(new Date(`${date}T02:00:00Z`));
    };
    /** Each column's newest publication as the test made it (null: nothing published). */
    const columns = new Map<string, string | null>();
    const drafts: { id: number; formed: string }[] = [];
    const published: { id: number; formed: string; on: string }[] = [];
    const messages: { id: number; received: string; open: boolean }[] = [];
    let mailboxId = 0;

    before(async () => {
      t = await createTestApp(dialect);
      operator = await loginClient(t.app, t.admin.username, t.admin.password);
      countyId = (await operator.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'pingan').id;
      const res = await operator.request('POST', '/api/v1/agencies', { code: 'duban', name: '督办乡', fullName: '督办乡人民政府', level: 'township', parentId: countyId });
      assert.equal(res.statusCode, 201, res.body);
      agencyId = res.json().id;
      at('2026-10-20');
      await createCategory(t.deps, systemActor('test'), agencyId, { code: 'news', name: '工作动态' });
      const mailbox = await operator.request('POST', '/api/v1/mailboxes', { agencyId, name: '乡长信箱' });
      assert.equal(mailbox.statusCode, 201, mailbox.body);
      mailboxId = mailbox.json().id;
    });
    after(async () => t.close());

    const view = async (client: Client = operator, id = agencyId, query = '') => {
      const res = await client.request('GET', `/api/v1/agencies/${id}/supervision${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as SupervisionView;
    };
    const publish = async (categoryCode: string, formed: string, on: string) => {
      const doc = await createDocument(t.deps, systemActor('test'), agencyId, { title: `${categoryCode} 发布于 ${on}`, bodyHtml: '<p>正文</p>', categoryCode, writtenAt: formed }, { status: 'published', publishedAt: `${on}T02:00:00.000Z` });
      const before = columns.get(categoryCode);
      if (!before || before < on) columns.set(categoryCode, on);
      published.push({ id: doc.id, formed, on });
    };
    const draft = async (formed: string) => {
      const doc = await createDocument(t.deps, systemActor('test'), agencyId, { title: `草稿 ${formed}`, bodyHtml: '<p>正文</p>', categoryCode: 'art20-05', writtenAt: formed });
      drafts.push({ id: doc.id, formed });
    };
    const intake = async (received: string) => {
      const res = await operator.request('POST', '/api/v1/messages', {
        agencyId, channel: 'letter', receivedDate: received, mailboxId, kind: 'consultation', title: '村道维修何时开始', body: '请问村道维修何时开始？', name: '王五', phone: '13900002222', consentToPublish: false,
      });
      assert.equal(res.statusCode, 201, res.body);
      messages.push({ id: res.json().id, received, open: true });
    };
    const ids = (xs: { id: number }[]) => xs.map((x) => x.id).sort((a, b) => a - b);
    const check = (v: SupervisionView, key: string) => v.agencies[0]!.checks.find((c) => c.key === key)!.verdict;

    /** The 20th working day after `formed`, walked day by day. */
    const art26Due = (formed: string) => {
      let d = formed;
      for (let n = 0; n < 20; ) {
        d = new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
        if (calendar.isWorkingDay(d)) n++;
      }
      return d;
    };

    /** Every figure of the township against the test's own count. */
    const compare = (v: SupervisionView) => {
      const a = v.agencies[0]!;
      assert.equal(a.name, '督办乡');
      assert.equal(a.columns.length, 16, 'the 15 Art. 20 columns and 工作动态');
      const names = new Map(a.columns.map((c) => [c.name, c]));
      const news = names.get('工作动态')!;
      assert.equal(news.lastPublished, columns.get('news') ?? null);
      const dated = [...columns.entries()].filter(([, d]) => d !== null) as [string, string][];
      const stale = dated.filter(([code, d]) => age(d, today) >= (code === 'news' ? 14 : 183)).length;
      assert.equal(a.figures.staleColumns.length, stale, 'stale columns');
      assert.equal(a.figures.longStaleColumns.length, dated.filter(([, d]) => age(d, today) >= 365).length, 'long stale');
      assert.equal(a.figures.blankColumns.length, 16 - dated.length, 'blank columns');
      const home = dated.map(([, d]) => d).sort().at(-1) ?? null;
      assert.equal(a.home.lastUpdated, home);
      const open = messages.filter((m) => m.open);
      assert.deepEqual(ids(a.figures.messagesOver60), ids(open.filter((m) => age(m.received, today) > 60)));
      assert.deepEqual(ids(a.figures.messagesOver90), ids(open.filter((m) => age(m.received, today) > 90)));
      assert.equal(a.figures.consultationsWithoutFeedback.length, 0, 'no consultation built');
      assert.deepEqual(ids(a.figures.documentsOverdue), ids(drafts.filter((d) => today > art26Due(d.formed))));
      assert.deepEqual(ids(a.figures.documentsPublishedLate), ids(published.filter((d) => d.on.slice(0, 4) === today.slice(0, 4) && d.on > art26Due(d.formed))));
      // No 2025 report: late once the townships' default deadline, 31 March, has passed.
      assert.equal(a.figures.reportsLate.length, today > '2026-03-31' ? 1 : 0);
    };

    it('counts the records built here and moves each check from pass to fail and back', async () => {
      await publish('news', '2026-10-15', '2026-10-15');
      await publish('art20-01', '2026-03-02', '2026-04-01');
      await publish('art20-02', '2025-05-06', '2025-06-02');
      await draft('2026-09-01');
      await draft('2026-10-19');
      await intake('2026-08-01');
      await intake('2026-10-10');

      let v = await view();
      compare(v);
      assert.equal(v.agencies[0]!.figures.documentsOverdue.length, 1, 'the September draft is past its limit');
      assert.equal(v.agencies[0]!.figures.documentsPublishedLate.length, 1, 'published 1 April, formed 2 March');
      assert.equal(check(v, 'homePage'), 'pass');
      assert.equal(check(v, 'unansweredMessages'), 'warn', '80 days');
      assert.equal(check(v, 'blankColumns'), 'fail', '13 blank columns');
      assert.equal(v.agencies[0]!.figures.messagesOver60[0]!.kind, 'message');

      at('2026-11-01');
      v = await view();
      compare(v);
      assert.equal(check(v, 'homePage'), 'fail', '17 days without an update');
      assert.equal(check(v, 'unansweredMessages'), 'fail', 'a message open 92 days');
      assert.equal(v.agencies[0]!.figures.messagesOver90.length, 1);

      await publish('news', '2026-11-01', '2026-11-01');
      const old = messages[0]!;
      const refused = await operator.request('POST', `/api/v1/messages/${old.id}/events`, { type: 'rejected', date: today, reason: 'duplicate' });
      assert.equal(refused.statusCode, 200, refused.body);
      old.open = false;
      v = await view();
      compare(v);
      assert.equal(check(v, 'homePage'), 'pass');
      assert.equal(check(v, 'unansweredMessages'), 'pass');

      at('2026-03-20');
      compare(await view());
    });

    it('rolls the township into the county’s figures, and keeps it from another township’s clerk', async () => {
      at('2026-11-01');
      const county = await view(operator, countyId);
      const row = county.agencies.find((a) => a.agencyId === agencyId)!;
      assert.equal(row.depth, 1);
      assert.ok(county.agencies.length >= 5, 'the county and the townships and department below it');
      for (const [key, total] of Object.entries(county.totals.figures)) {
        assert.equal(total, county.agencies.reduce((s, a) => s + a.figures[key as keyof typeof a.figures].length, 0), key);
      }
      assert.equal(county.totals.checks.blankColumns.fail + county.totals.checks.blankColumns.warn + county.totals.checks.blankColumns.pass, county.agencies.length);
      const alone = await view(operator, countyId, '?subtree=false');
      assert.deepEqual(alone.agencies.map((a) => a.agencyId), [countyId]);

      const changping = (await operator.request('GET', '/api/v1/auth/session')).json().agencies.find((a: { code: string }) => a.code === 'changping').id;
      const res = await operator.request('POST', '/api/v1/users', { username: 'duban.clerk', displayName: '信息员', agencyId: changping, roles: ['clerk'] });
      const clerk = await loginClient(t.app, 'duban.clerk', res.json().oneTimePassword);
      assert.equal((await clerk.request('GET', `/api/v1/agencies/${agencyId}/supervision`)).statusCode, 403);
      assert.equal((await clerk.request('GET', `/api/v1/agencies/${countyId}/supervision`)).statusCode, 403);
      const own = await view(clerk, changping);
      assert.deepEqual(own.agencies.map((a) => a.agencyId), [changping]);
      // The demo's consultations of 常平乡: the figure lists those the consultations list calls 逾期.
      const overdue = await clerk.request('GET', `/api/v1/consultations?agencyId=${changping}&state=overdue`);
      assert.equal(overdue.statusCode, 200, overdue.body);
      assert.deepEqual(ids(own.agencies[0]!.figures.consultationsWithoutFeedback), ids(overdue.json().items));
    });

    it('exports the figures as XLSX', async () => {
      const v = await view(operator, countyId);
      const res = await operator.request('GET', `/api/v1/agencies/${countyId}/supervision?export=xlsx`);
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const summary = wb.getWorksheet('汇总')!;
      const header = (summary.getRow(2).values as unknown[]).slice(1);
      const line = (summary.getRow(2 + 1 + v.agencies.findIndex((a) => a.agencyId === agencyId)).values as unknown[]).slice(1);
      assert.equal(String(line[0]).trim(), '督办乡');
      assert.equal(line[header.indexOf('空白栏目')], v.agencies.find((a) => a.agencyId === agencyId)!.figures.blankColumns.length);
      assert.equal(line[header.indexOf('超过90天未办结留言')], 0);
      const details = wb.getWorksheet('明细')!;
      assert.equal(details.rowCount - 1, v.agencies.reduce((s, a) => s + Object.values(a.figures).reduce((n, r) => n + r.length, 0), 0), 'one line per record behind a figure');
    });
  });
}
