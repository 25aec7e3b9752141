/**
 * Report submission (报送) over HTTP on both databases: the county office sees each subordinate's
 * 2025 report as 未开始, 草稿, 已检查, 已发布 or 逾期 against the deadline of its kind as the
 * (pinned, then moved) clock passes it — 31 January for departments, the township date the county
 * sets (default 31 March) for townships — with publications after the deadline marked; reminders
 * (催报) are recorded with who, when and to whom, shown in the list and to the subordinate; an
 * office outside the reach is refused.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, loginClient, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { systemActor } from '../../src/services/context.ts';
import { createAgency } from '../../src/capabilities/agencies/commands.ts';
import { advanceReport, saveNarrative } from '../../src/capabilities/reports/commands.ts';
import { processingFeeStatement } from '../../src/domain/report/index.ts';
import type { ReportReminder, SubmissionView } from '../../src/capabilities/reports/submission-contract.ts';

const actor = systemActor('test');
const narrative = {
  overview: '（一）主动公开：及时公开政策文件。\n（二）依申请公开：依法办理。\n（三）政府信息管理：落实保密审查。\n（四）平台建设：依托县政府门户网站。\n（五）监督保障：纳入年度考核。',
  problems: '存在问题：公开内容有待丰富。改进情况：加强培训。',
  other: processingFeeStatement(2025, 0),
};
/** Noon in Beijing on a date. */
const beijingNoon = (date: string) => new Date(`${date}T04:00:00Z`);

for (const dialect of DIALECTS) {
  describe(`report submission on ${dialect}`, () => {
    let t: TestApp;
    const ids: Record<string, number> = {};
    const users: Record<string, Client> = {};

    before(async () => {
      t = await createTestApp(dialect);
      const operator = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await operator.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
      ids['pingan-jyj'] = (await createAgency(t.deps, actor, { code: 'pingan-jyj', name: '平安县教育局', level: 'department', parentId: ids.pingan! })).id;
      const make = async (username: string, agencyId: number, roles: string[], scope: 'agency' | 'subtree') => {
        const created = await operator.request('POST', '/api/v1/users', { username, displayName: `${username}（姓名）`, agencyId, roles: [roles[0]] });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal((await operator.request('PUT', `/api/v1/users/${created.json().user.id}/roles`, { agencyId, roles, scope })).statusCode, 200);
        users[username] = await loginClient(t.app, username, created.json().oneTimePassword);
      };
      await make('county.office', ids.pingan!, ['clerk', 'head'], 'subtree');
      await make('town.admin', ids.changping!, ['admin'], 'agency');
      await make('liuhe.clerk', ids.liuhe!, ['clerk'], 'agency');
      // 教育局 has written and checked its report but not published it.
      await saveNarrative(t.deps, actor, ids['pingan-jyj']!, 2025, narrative);
      await advanceReport(t.deps, actor, ids['pingan-jyj']!, 2025, 'check');
    });
    after(async () => t.close());

    const status = async (who = 'county.office') => {
      const res = await users[who]!.request('GET', `/api/v1/agencies/${ids.pingan}/report-submission?year=2025`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as SubmissionView;
    };
    const row = (view: SubmissionView, name: string) => view.lines.find((l) => l.name === name)!;

    it('lists every subordinate in tree order with its status and deadline before any deadline has passed', async () => {
      t.setNow(beijingNoon('2026-01-20'));
      const view = await status();
      assert.equal(view.today, '2026-01-20');
      assert.deepEqual(view.lines.map((l) => [l.name, l.depth, l.statusLabel, l.deadline]), [
        ['常平乡', 1, '已发布', '2026-03-31'],
        ['平安县民政局', 1, '草稿', '2026-01-31'],
        ['青石镇', 1, '未开始', '2026-03-31'],
        ['柳河乡', 1, '未开始', '2026-03-31'],
        ['平安县教育局', 1, '已检查', '2026-01-31'],
      ]);
      assert.equal(row(view, '青石镇').deadlineLocal, true);
      assert.equal(row(view, '平安县民政局').deadlineLocal, false);
      assert.ok(row(view, '常平乡').publishedAt);
      assert.equal(view.summary.overdue, 0);
    });

    it('shows a department late from 1 February, and a report published after its deadline as published late', async () => {
      t.setNow(beijingNoon('2026-02-02'));
      let view = await status();
      assert.deepEqual(view.lines.map((l) => l.statusLabel), ['已发布', '逾期', '未开始', '未开始', '逾期']);
      t.setNow(beijingNoon('2026-02-10'));
      await advanceReport(t.deps, actor, ids['pingan-jyj']!, 2025, 'publish');
      view = await status();
      const jyj = row(view, '平安县教育局');
      assert.deepEqual([jyj.statusLabel, jyj.publishedLate], ['已发布', true]);
      assert.equal(view.summary.overdue, 1);
    });

    it('judges townships by the date the county sets', async () => {
      const set = await users['county.office']!.request('PUT', `/api/v1/agencies/${ids.pingan}/report-submission/township-deadline`, { townshipDeadline: '02-28' });
      assert.equal(set.statusCode, 200, set.body);
      const bad = await users['county.office']!.request('PUT', `/api/v1/agencies/${ids.pingan}/report-submission/township-deadline`, { townshipDeadline: '02-30' });
      assert.deepEqual([bad.statusCode, bad.json().error.code], [400, 'INVALID_DEADLINE']);
      t.setNow(beijingNoon('2026-02-20'));
      await saveNarrative(t.deps, actor, ids.qingshi!, 2025, narrative);
      await advanceReport(t.deps, actor, ids.qingshi!, 2025, 'check');
      await advanceReport(t.deps, actor, ids.qingshi!, 2025, 'publish');
      t.setNow(beijingNoon('2026-03-01'));
      const view = await status();
      assert.equal(view.townshipDeadline, '02-28');
      assert.equal(row(view, '柳河乡').deadline, '2026-02-28');
      assert.deepEqual([row(view, '柳河乡').statusLabel, row(view, '青石镇').statusLabel, row(view, '青石镇').publishedLate], ['逾期', '已发布', false]);
    });

    it('records a reminder with who, when and to whom, shown in the list and to the subordinate', async () => {
      const res = await users['county.office']!.request('POST', `/api/v1/agencies/${ids.pingan}/report-submission/reminders`, { agencyId: ids.liuhe, year: 2025, note: '请于3月5日前发布' });
      assert.equal(res.statusCode, 201, res.body);
      const sent = res.json() as ReportReminder;
      assert.deepEqual([sent.agencyName, sent.fromAgencyName, sent.sentBy, sent.note, sent.sentAt], ['柳河乡', '平安县', 'county.office（姓名）', '请于3月5日前发布', beijingNoon('2026-03-01').toISOString()]);
      const line = row(await status(), '柳河乡');
      assert.equal(line.reminders, 1);
      assert.equal(line.lastReminder?.id, sent.id);
      const mine = await users['liuhe.clerk']!.request('GET', `/api/v1/agencies/${ids.liuhe}/report-reminders?year=2025`);
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual((mine.json().items as ReportReminder[]).map((r) => [r.id, r.fromAgencyName, r.note]), [[sent.id, '平安县', '请于3月5日前发布']]);
      const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'report.remind').execute();
      assert.deepEqual(audit.map((a) => [a.action, String(a.entity_id)]), [['report.remind', `${ids.liuhe}-2025`]]);
      const published = await users['county.office']!.request('POST', `/api/v1/agencies/${ids.pingan}/report-submission/reminders`, { agencyId: ids.qingshi, year: 2025 });
      assert.deepEqual([published.statusCode, published.json().error.code], [409, 'REPORT_ALREADY_PUBLISHED']);
    });

    it('refuses an office outside the reach', async () => {
      assert.equal((await users['town.admin']!.request('GET', `/api/v1/agencies/${ids.pingan}/report-submission?year=2025`)).statusCode, 403);
      assert.equal((await users['town.admin']!.request('POST', `/api/v1/agencies/${ids.pingan}/report-submission/reminders`, { agencyId: ids.liuhe, year: 2025 })).statusCode, 403);
      const notBelow = await users['town.admin']!.request('POST', `/api/v1/agencies/${ids.changping}/report-submission/reminders`, { agencyId: ids.liuhe, year: 2025 });
      assert.deepEqual([notBelow.statusCode, notBelow.json().error.code], [400, 'NOT_A_SUBORDINATE']);
      assert.equal((await users['liuhe.clerk']!.request('GET', `/api/v1/agencies/${ids.qingshi}/report-reminders`)).statusCode, 403);
      assert.equal((await users['town.admin']!.request('PUT', `/api/v1/agencies/${ids.pingan}/report-submission/township-deadline`, { townshipDeadline: '01-31' })).statusCode, 403);
    });
  });
}
