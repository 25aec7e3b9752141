/**
 * The website annual report (政府网站工作年度报表) and the section 一 draft over HTTP on both
 * databases, with the demo county's documents and messages: every figure of every demo agency's
 * report equals a count the test makes itself in SQL; what the platform keeps no records of is
 * 未接入 (null), never 0; the draft's numbers are exactly the records' counts; the report goes
 * draft → checked → published by the statutory report's flow (identity missing is an error; the
 * 负责人 publishes after the year ends) and is frozen when published; HTML, XLSX and JSON export.
 * The demo has no consultations, surveys or interviews: their rows are compared with the test's
 * counts but those are 0 here (the supervision and interaction tests cover their own records).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, loginClient, permanentPassword, type Client, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { systemActor } from '../../src/services/context.ts';
import { seedDemoDocuments } from '../../src/services/demo-documents.ts';
import { seedDemoMessages } from '../../src/services/demo/messages.ts';
import { createDocument } from '../../src/capabilities/documents/commands.ts';
import type { OverviewDraftView, WebsiteReportView } from '../../src/capabilities/website-report/contract.ts';

const YEAR = 2026;
// China's year 2026 as stored instants, written out rather than computed by the code under test.
const FROM = '2025-12-31T16:00:00.000Z';
const TO = '2026-12-31T16:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`website annual report on ${dialect}`, () => {
    let t: TestApp;
    let admin: Client;
    let clerk: Client;
    let head: Client;
    const ids: Record<string, number> = {};
    const passwords: Record<string, string> = {};

    before(async () => {
      t = await createTestApp(dialect);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      for (const a of (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[]) ids[a.code] = a.id;
      await seedDemoDocuments(t.deps, ids.changping!);
      await seedDemoMessages(t.deps);
      const make = async (username: string, role: string) => {
        const res = await admin.request('POST', '/api/v1/users', { username, displayName: `${username}（姓名）`, agencyId: ids.changping, roles: [role] });
        assert.equal(res.statusCode, 201, res.body);
        passwords[username] = permanentPassword(res.json().oneTimePassword);
        return loginClient(t.app, username, res.json().oneTimePassword);
      };
      clerk = await make('web.clerk', 'clerk');
      head = await make('web.head', 'head');
      // Records the demo lacks: 解读 (one text, one 图解), documents on both sides of China's new
      // year, planned channel posts (one without a document, which is no post), training.
      const system = systemActor('test');
      const policy = await t.deps.db.selectFrom('documents').select('id').where('agency_id', '=', ids.changping!).orderBy('id').executeTakeFirstOrThrow();
      const doc = (title: string, publishedAt: string, extra: object = {}) =>
        createDocument(t.deps, system, ids.changping!, { title, bodyHtml: '<p>一、制定背景：为做好临时救助兜底保障工作，结合本乡实际制定本细则。</p>', ...extra }, { status: 'published', publishedAt });
      await doc('政策解读（文字）', '2026-03-01T02:00:00.000Z', { interpretsId: policy.id, interpretationForm: 'text', interpretationText: '本解读说明临时救助的对象、标准和申请程序，便于群众了解政策。' });
      await doc('政策解读（图解）', '2026-03-02T02:00:00.000Z', { interpretsId: policy.id, interpretationForm: 'graphic', interpretationText: '图解说明临时救助的对象、标准和申请程序，便于群众了解政策。', interpretationMediaUrl: 'https://example.gov.cn/tu.png' });
      await doc('新年第一天（北京时间）的通知', '2025-12-31T17:00:00.000Z');
      await doc('去年最后一天（北京时间）的通知', '2025-12-31T15:00:00.000Z');
      for (const [channel, documentId] of [['wechat', policy.id], ['wechat', policy.id], ['board', policy.id], ['wechat', undefined]] as const) {
        const res = await clerk.request('POST', '/api/v1/publishing-plan', { agencyId: ids.changping, channel, plannedDate: '2026-04-01', title: '发布计划条目', ...(documentId ? { documentId } : {}) });
        assert.equal(res.statusCode < 300, true, res.body);
      }
      for (const heldOn of ['2026-05-20', '2025-12-20']) {
        const res = await clerk.request('POST', `/api/v1/agencies/${ids.changping}/meetings`, { kind: 'symposium', heldOn, title: '政务公开座谈会', participantCount: 15, participantKinds: ['群众代表'], topics: '政务公开', minutes: '会议纪要', followUps: [] });
        assert.equal(res.statusCode, 201, res.body);
      }
      for (const [heldOn, n] of [['2026-03-12', 12], ['2026-06-01', 7], ['2025-11-03', 20]] as const) {
        const res = await clerk.request('POST', `/api/v1/agencies/${ids.changping}/training`, { heldOn, topic: '政府信息公开业务培训', trainer: '县政务公开办', attendeeCount: n, attendeeNames: '', materials: '' });
        assert.equal(res.statusCode, 201, res.body);
      }
    });
    after(async () => t.close());

    /** The test's own counts over the records, in SQL of its own. */
    async function counted(agencyId: number) {
      const db = t.deps.db;
      const docs = await db.selectFrom('documents').leftJoin('document_categories as c', 'c.id', 'documents.category_id').leftJoin('document_categories as p', 'p.id', 'c.parent_id')
        .select(['documents.interprets_id', 'documents.interpretation_form', 'documents.view_count', 'c.code', 'c.name', 'p.code as pcode', 'p.name as pname'])
        .where('documents.agency_id', '=', agencyId).where('documents.status', '=', 'published').where('documents.published_at', '>=', FROM).where('documents.published_at', '<', TO).execute();
      const plain = docs.filter((d) => d.interprets_id === null);
      const topCode = (d: (typeof docs)[number]) => d.pcode ?? d.code ?? '';
      const topName = (d: (typeof docs)[number]) => d.pname ?? d.name ?? '';
      const msgs = await db.selectFrom('messages').select(['received_date', 'closed_date', 'phase', 'published_date']).where('agency_id', '=', agencyId).execute();
      const inYear = (d: string | null) => !!d && d >= '2026-01-01' && d <= '2026-12-31';
      const plan = await db.selectFrom('publishing_plan').innerJoin('documents', 'documents.id', 'publishing_plan.document_id').select('publishing_plan.channel').where('publishing_plan.agency_id', '=', agencyId).where('documents.status', '=', 'published').execute();
      // Rows fetched whole and filtered here: the year's dates start with '2026'.
      const c = async (table: 'consultations' | 'surveys' | 'consultation_comments' | 'survey_responses', column: string) =>
        (await db.selectFrom(table).select(sql.ref<string | null>(column).as('d')).where('agency_id', '=', agencyId).execute()).filter((r) => r.d?.startsWith('2026')).length;
      const interviews = (await db.selectFrom('interviews').select(['id', 'starts_at', 'deleted_at']).where('agency_id', '=', agencyId).execute()).filter((i) => !i.deleted_at && i.starts_at.startsWith('2026') && i.starts_at <= '2026-11-26 10:00');
      const questions = interviews.length ? await db.selectFrom('interview_questions').select('status').where('interview_id', 'in', interviews.map((i) => i.id)).execute() : [];
      const openedSurveys = (await db.selectFrom('surveys').select(['status', 'start_date']).where('agency_id', '=', agencyId).execute()).filter((x) => x.status !== 'draft' && x.start_date.startsWith('2026')).length;
      return {
        surveyRounds: (await c('consultations', 'opened_date')) + openedSurveys,
        surveyOpinions: (await c('consultation_comments', 'received_date')) + (await c('survey_responses', 'submitted_date')),
        surveyResults: (await c('consultations', 'feedback_published_date')) + (await c('surveys', 'published_date')),
        interviewSessions: interviews.length,
        interviewQuestions: questions.length,
        interviewAnswered: questions.filter((q) => q.status === 'answered').length,
        consultationsOpened: await c('consultations', 'opened_date'),
        meetings: (await db.selectFrom('meetings').select(['held_on', 'deleted_at']).where('agency_id', '=', agencyId).execute()).filter((m) => !m.deleted_at && m.held_on.startsWith('2026')).length,
        publishedTotal: plain.length,
        publishedOverview: plain.filter((d) => topCode(d) === 'art20-02').length,
        publishedCatalogue: plain.filter((d) => topCode(d).startsWith('art20-') && topCode(d) !== 'art20-02').length,
        publishedNews: plain.filter((d) => !topCode(d).startsWith('art20-') && /动态|要闻|新闻/.test(topName(d))).length,
        interpretationTotal: docs.length - plain.length,
        interpretationMaterials: docs.filter((d) => d.interprets_id !== null && d.interpretation_form === 'text').length,
        interpretationProducts: docs.filter((d) => d.interprets_id !== null && d.interpretation_form !== 'text').length,
        messagesReceived: msgs.filter((m) => inYear(m.received_date)).length,
        messagesReplied: msgs.filter((m) => m.phase === 'replied' && inYear(m.closed_date)).length,
        messagesPublished: msgs.filter((m) => inYear(m.published_date)).length,
        wechatPosts: plan.filter((p) => p.channel === 'wechat').length,
        boardPosts: plan.filter((p) => p.channel === 'board').length,
        reads: plain.reduce((s, d) => s + d.view_count, 0),
        columns: plain,
      };
    }

    const report = async (agencyId: number) => {
      const res = await admin.request('GET', `/api/v1/website-reports/${YEAR}?agencyId=${agencyId}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as WebsiteReportView;
    };

    it('equals the records’ counts for every agency of the demo county; what is not recorded is 未接入, not 0', async () => {
      const agencies = (await admin.request('GET', '/api/v1/auth/session')).json().agencies as { id: number; code: string }[];
      assert.ok(agencies.length >= 4);
      for (const a of agencies) {
        const view = await report(a.id);
        const value = (key: string) => view.report.rows.find((r) => r.key === key)!.value;
        const want = await counted(a.id);
        for (const key of ['publishedTotal', 'publishedOverview', 'publishedCatalogue', 'publishedNews', 'interpretationTotal', 'interpretationMaterials', 'interpretationProducts', 'messagesReceived', 'messagesReplied', 'messagesPublished', 'wechatPosts', 'surveyRounds', 'surveyOpinions', 'surveyResults', 'interviewSessions', 'interviewQuestions', 'interviewAnswered'] as const) {
          assert.equal(value(key), want[key], `${a.code} ${key}`);
        }
        for (const key of ['totalVisits', 'specialsMaintained', 'weiboPosts', 'wechatSubscribers']) assert.equal(value(key), null, `${a.code} ${key} 未接入`);
        assert.ok(view.report.rows.every((r) => r.verified === false), 'no field is confirmed against the official form yet');
        assert.equal(view.deadline.date, '2027-01-31');
      }
      // The township's figures are not all empty: the comparison above compared real counts.
      const town = await counted(ids.changping!);
      assert.ok(town.publishedTotal >= 9 && town.messagesReceived > 0 && town.messagesReplied > 0 && town.interpretationTotal === 2 && town.wechatPosts === 2, JSON.stringify(town));
    });

    it('writes section 一 from the records: every number in the draft is a count the test makes itself', async () => {
      const res = await clerk.request('GET', `/api/v1/reports/${YEAR}/overview-draft?agencyId=${ids.changping}`);
      assert.equal(res.statusCode, 200, res.body);
      const draft = res.json() as OverviewDraftView;
      const want = await counted(ids.changping!);
      const trainings = await t.deps.db.selectFrom('training_records').select(['attendee_count']).where('agency_id', '=', ids.changping!).where('deleted_at', 'is', null).where('held_on', '>=', '2026-01-01').where('held_on', '<=', '2026-12-31').execute();
      const byColumn = new Map<string, number>();
      for (const d of want.columns) byColumn.set(d.pname ?? d.name ?? '未分栏目', (byColumn.get(d.pname ?? d.name ?? '未分栏目') ?? 0) + 1);
      const expected: Record<string, number> = {
        website: want.publishedTotal,
        wechat: want.wechatPosts,
        board: want.boardPosts,
        interpretations: want.interpretationTotal,
        messagesReceived: want.messagesReceived,
        messagesReplied: (await t.deps.db.selectFrom('messages').select('id').where('agency_id', '=', ids.changping!).where('phase', '=', 'replied').where('closed_date', '>=', '2026-01-01').where('closed_date', '<=', '2026-12-31').execute()).length,
        trainings: trainings.length,
        attendances: trainings.reduce((s, r) => s + r.attendee_count, 0),
        ...Object.fromEntries([...byColumn].map(([name, n]) => [`column:${name}`, n])),
        ...(want.reads > 0 ? { reads: want.reads } : {}),
        ...(want.consultationsOpened > 0 ? { consultations: want.consultationsOpened } : {}),
        ...(want.meetings > 0 ? { meetings: want.meetings } : {}),
      };
      assert.deepEqual(Object.fromEntries(draft.figures.map((f) => [f.key, f.value])), expected);
      // The text states those numbers and no others (the year aside), in the order of the figures.
      const numbers = [...draft.text.replaceAll(`${YEAR}年`, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
      assert.deepEqual(numbers, draft.figures.map((f) => f.value));
      assert.deepEqual([expected.trainings, expected.attendances], [2, 19]);
      assert.match(draft.text, new RegExp(`组织开展政府信息公开业务培训2次，参训19人次`));
      assert.equal(want.meetings, 1);
      assert.match(draft.text, /召开政务公开工作会议1次/);
      assert.deepEqual(draft.notConnected, []);
      // Staff edit it, and it becomes the statutory report's section 一.
      const edited = `${draft.text}\n（五）其他。专人负责政务公开工作。`;
      const saved = await clerk.request('PUT', `/api/v1/reports/${YEAR}/narrative`, { agencyId: ids.changping, overview: edited, problems: '无', other: '本年度未收取信息处理费。' });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().narrative.overview, edited);
    });

    it('goes draft → checked → published by the statutory flow, frozen once published, exported as HTML, XLSX and JSON', async () => {
      const agencyId = ids.changping!;
      const url = (action: string) => `/api/v1/website-reports/${YEAR}/${action}`;
      const refused = await clerk.request('POST', url('check'), { agencyId });
      assert.equal(refused.json().error.code, 'REPORT_HAS_ERRORS', refused.body);
      assert.match(refused.json().error.message, /请先填写“主办单位”/);
      assert.equal((await admin.request('PUT', `/api/v1/agencies/${agencyId}/site-settings`, { sponsor: '常平乡人民政府', siteCode: '3412250001', icp: '皖ICP备12345678号', policeRecord: '皖公网安备 34122502000001号' })).statusCode, 200);
      const contacts = { agencyId, websiteName: '常平乡人民政府网站', websiteUrl: 'https://www.changping.gov.cn', office: '党政办', address: '常平乡', postcode: '236600', phone: '0558-1234567', email: 'gk@changping.gov.cn' };
      assert.equal((await clerk.request('PUT', '/api/v1/report-contacts', contacts)).statusCode, 200);
      const checked = await clerk.request('POST', url('check'), { agencyId });
      assert.equal(checked.statusCode, 200, checked.body);
      assert.equal(checked.json().status, 'checked');
      assert.equal((await clerk.request('POST', url('publish'), { agencyId })).statusCode, 403);
      assert.equal((await head.request('POST', url('publish'), { agencyId })).json().error.code, 'REPORT_YEAR_NOT_ENDED');
      t.setNow(new Date('2027-01-20T02:00:00Z'));
      // Sessions do not last two months: sign in again on the new date.
      head = await loginClient(t.app, 'web.head', passwords['web.head']!);
      admin = await loginClient(t.app, t.admin.username, t.admin.password);
      const published = await head.request('POST', url('publish'), { agencyId });
      assert.equal(published.statusCode, 200, published.body);
      const view = published.json() as WebsiteReportView;
      assert.equal(view.status, 'published');
      assert.equal(view.deadline.overdue, false);
      const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity', '=', 'website_report').orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['websiteReport.check', 'websiteReport.publish']);
      // A document published into 2026 afterwards changes the records, not the published report.
      await createDocument(t.deps, systemActor('test'), agencyId, { title: '补录的通知', bodyHtml: '<p>补录。</p>' }, { status: 'published', publishedAt: '2026-12-30T02:00:00.000Z' });
      const after = await report(agencyId);
      assert.deepEqual(after.report, view.report);
      assert.equal((await counted(agencyId)).publishedTotal, (view.report.rows.find((r) => r.key === 'publishedTotal')!.value as number) + 1);
      assert.equal((await head.request('POST', url('check'), { agencyId })).json().error.code, 'REPORT_PUBLISHED');

      const exp = (format: string) => admin.request('GET', `/api/v1/website-reports/${YEAR}/export?agencyId=${agencyId}&format=${format}`);
      const htmlRes = await exp('html');
      assert.equal(htmlRes.statusCode, 200);
      assert.match(htmlRes.body, /常平乡人民政府网站2026年政府网站工作年度报表/);
      assert.match(htmlRes.body, /<td>微博：信息发布量<\/td><td class="n">未接入<\/td>/);
      assert.match(htmlRes.body, /<td>在线访谈：期数<\/td><td class="n">0<\/td><td>期<\/td>/);
      assert.match(htmlRes.body, /填报日期：2027-01-20/);
      const json = (await exp('json')).json() as WebsiteReportView['report'];
      assert.deepEqual(json, view.report);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await exp('xlsx')).rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('年度报表')!;
      const cells = new Map<string, unknown>();
      sheet.eachRow((row) => cells.set(String(row.getCell(2).value), row.getCell(3).value));
      assert.equal(cells.get('信息发布总数'), view.report.rows.find((r) => r.key === 'publishedTotal')!.value);
      assert.equal(cells.get('微博：信息发布量'), '未接入');
      assert.equal(cells.get('在线访谈：期数'), 0);
      assert.equal((await exp('pdf')).statusCode, 400);
      t.setNow(new Date('2026-11-26T02:00:00Z'));
    });
  });
}
