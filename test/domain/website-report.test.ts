/** The website annual report's form and the section 一 draft, pure: 未接入 is null (never 0); the draft states its figures and only them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebsiteReport, computeWebsiteReport, displayValue, type WebsiteReportFacts } from '../../src/domain/website-report/form.ts';
import { overviewDraft, type OverviewFacts } from '../../src/domain/website-report/overview.ts';

const facts: WebsiteReportFacts = {
  agencyName: '常平乡人民政府',
  year: 2026,
  identity: { websiteName: '常平乡人民政府网站', homeUrl: 'https://www.changping.gov.cn', sponsor: '', siteCode: '3412250001', icp: 'x', policeRecord: 'y' },
  published: { total: 9, overview: 1, news: 3, catalogue: 4, other: 1 },
  interpretations: { total: 2, materials: 1, products: 1 },
  messages: { received: 12, replied: 10, averageWorkingDays: 4.5, publishedReplies: 6 },
  channels: { wechat: 2 },
  consultations: null,
  interviews: { sessions: 3, questions: 40, answered: 38 },
};

describe('website annual report form', () => {
  it('fills counted rows, leaves unrecorded ones 未接入, and an interview table once it exists', () => {
    const r = computeWebsiteReport(facts);
    const row = (k: string) => r.rows.find((x) => x.key === k)!;
    assert.equal(row('publishedTotal').value, 9);
    assert.equal(row('messagesAverageDays').unit, '工作日');
    assert.equal(row('surveyRounds').value, null);
    assert.equal(displayValue(row('surveyRounds')), '未接入');
    assert.equal(row('interviewSessions').value, 3);
    assert.equal(new Set(r.rows.map((x) => x.key)).size, r.rows.length);
    assert.equal(r.title, '常平乡人民政府网站2026年政府网站工作年度报表');
  });

  it('refuses a blank identity field as an error and lists 未接入 rows as one warning', () => {
    const findings = checkWebsiteReport(computeWebsiteReport(facts));
    assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.key), ['sponsor']);
    assert.match(findings.find((f) => f.severity === 'warning')!.message, /征集调查：期数/);
  });
});

const overview: OverviewFacts = {
  agencyName: '常平乡',
  year: 2026,
  columns: [{ name: '工作动态', count: 3 }, { name: '通知公告', count: 0 }, { name: '未分栏目', count: 1 }],
  website: 4,
  wechat: 0,
  board: 2,
  reads: 0,
  interpretations: 0,
  trainings: { sessions: 11, attendances: 230 },
  messages: { received: 0, replied: 0 },
  meetings: 3,
  consultations: null,
};

describe('section 一 draft', () => {
  it('states exactly its figures, leaves out empty columns and channels, and names what is not recorded', () => {
    const d = overviewDraft(overview);
    const numbers = [...d.text.replaceAll('2026年', '').matchAll(/\d+/g)].map((m) => Number(m[0]));
    assert.deepEqual(numbers, d.figures.map((f) => f.value));
    assert.deepEqual(d.figures.map((f) => f.key), ['website', 'column:工作动态', 'column:未分栏目', 'board', 'trainings', 'attendances', 'meetings']);
    assert.match(d.text, /本年未发布政策解读/);
    assert.match(d.text, /本年未收到群众留言/);
    assert.doesNotMatch(d.text, /通知公告|微信/);
    assert.deepEqual(d.notConnected, ['意见征集']);
  });
});
