/**
 * The pure 督办 figures and the 19号 单项否决 verdicts: the clock moves to make each condition
 * warn, fail and (after the record changes) pass again; every figure equals a count made here
 * directly over records built at random.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { officialCalendar } from '../../src/domain/calendar/index.ts';
import { rollUp, superviseAgency, type CheckKey, type SupervisionInput, type Verdict } from '../../src/domain/supervision/index.ts';
import { rng } from '../helpers/rng.ts';

const calendar = officialCalendar();
const DAY = 86_400_000;
/** Date arithmetic of the test's own, on UTC midnights. */
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const age = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

const BASE = '2026-03-02';
const empty: SupervisionInput = { homeLastUpdated: BASE, columns: [], openMessages: [], openRequests: [], consultations: [], documents: [], report: null };
const verdict = (input: SupervisionInput, today: string, key: CheckKey): Verdict => superviseAgency(input, today, calendar, 3).checks.find((c) => c.key === key)!.verdict;
const columns = (n: number, name: string, last: string | null, from = 1) => Array.from({ length: n }, (_, i) => ({ id: from + i, name: `${name}${i + 1}`, lastPublished: last }));

describe('单项否决 conditions as the clock moves', () => {
  test('last year’s report counts once its deadline passes unpublished, or when published late', () => {
    const late = (publishedDate: string | null, today: string) => superviseAgency({ ...empty, report: { year: 2025, deadline: '2026-03-31', publishedDate } }, today, calendar, 3).figures.reportsLate.length;
    assert.equal(late(null, '2026-03-31'), 0);
    assert.equal(late(null, '2026-04-01'), 1);
    assert.equal(late('2026-03-30', '2026-04-01'), 0);
    assert.equal(late('2026-04-01', '2026-04-01'), 1);
  });

  test('home page: warning after 10 days, failure after 2 weeks, pass once something is published', () => {
    assert.equal(verdict(empty, shift(BASE, 9), 'homePage'), 'pass');
    assert.equal(verdict(empty, shift(BASE, 10), 'homePage'), 'warn');
    assert.equal(verdict(empty, shift(BASE, 13), 'homePage'), 'warn');
    assert.equal(verdict(empty, shift(BASE, 14), 'homePage'), 'fail');
    assert.equal(verdict({ ...empty, homeLastUpdated: shift(BASE, 14) }, shift(BASE, 14), 'homePage'), 'pass');
    assert.equal(verdict({ ...empty, homeLastUpdated: null }, BASE, 'homePage'), 'fail');
  });

  test('five 动态 columns fail after 2 weeks; other columns after 6 months; 3 stale warn', () => {
    const news = { ...empty, columns: columns(5, '工作动态', BASE) };
    assert.equal(verdict(news, shift(BASE, 13), 'staleColumns'), 'pass');
    assert.equal(verdict(news, shift(BASE, 14), 'staleColumns'), 'fail');
    const updated = { ...news, columns: [...columns(3, '工作动态', BASE), ...columns(2, '要闻', shift(BASE, 14), 10)] };
    assert.equal(verdict(updated, shift(BASE, 14), 'staleColumns'), 'warn');
    const policy = { ...empty, columns: columns(5, '通知公告', BASE) };
    assert.equal(verdict(policy, shift(BASE, 182), 'staleColumns'), 'pass');
    assert.equal(verdict(policy, shift(BASE, 183), 'staleColumns'), 'fail');
  });

  test('ten columns long unupdated fail after a year; seven warn', () => {
    const input = { ...empty, columns: columns(10, '政策文件', BASE) };
    assert.equal(verdict(input, shift(BASE, 364), 'longStaleColumns'), 'pass');
    assert.equal(verdict(input, shift(BASE, 365), 'longStaleColumns'), 'fail');
    const fewer = { ...input, columns: [...columns(7, '政策文件', BASE), ...columns(3, '政策文件', shift(BASE, 300), 20)] };
    assert.equal(verdict(fewer, shift(BASE, 365), 'longStaleColumns'), 'warn');
  });

  test('five blank columns fail, three warn, two pass', () => {
    const blank = (n: number) => ({ ...empty, columns: [...columns(n, '专题', null), ...columns(5 - n, '专题', BASE, 10)] });
    assert.equal(verdict(blank(5), BASE, 'blankColumns'), 'fail');
    assert.equal(verdict(blank(3), BASE, 'blankColumns'), 'warn');
    assert.equal(verdict(blank(2), BASE, 'blankColumns'), 'pass');
  });

  test('a message unanswered: warning after 60 days, failure after 3 months, pass once answered', () => {
    const open = { ...empty, openMessages: [{ id: 1, label: 'LY', receivedDate: BASE }] };
    assert.equal(verdict(open, shift(BASE, 60), 'unansweredMessages'), 'pass');
    assert.equal(verdict(open, shift(BASE, 61), 'unansweredMessages'), 'warn');
    assert.equal(verdict(open, shift(BASE, 90), 'unansweredMessages'), 'warn');
    assert.equal(verdict(open, shift(BASE, 91), 'unansweredMessages'), 'fail');
    assert.equal(verdict(empty, shift(BASE, 91), 'unansweredMessages'), 'pass');
  });
});

/** The 20th working day after `formed`, walked day by day. */
function art26Due(formed: string): string {
  let d = formed;
  for (let n = 0; n < 20; ) {
    d = shift(d, 1);
    if (calendar.isWorkingDay(d)) n++;
  }
  return d;
}

describe('figures equal direct counts', () => {
  for (const seed of [1, 7, 42]) {
    test(`random records, seed ${seed}`, () => {
      const r = rng(seed);
      const today = shift('2026-06-01', Math.floor(r() * 150));
      const past = (max: number) => shift(today, -Math.floor(r() * max));
      const input: SupervisionInput = {
        homeLastUpdated: past(30),
        columns: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: r() < 0.4 ? `动态${i}` : `公告${i}`, lastPublished: r() < 0.2 ? null : past(500) })),
        openMessages: Array.from({ length: 40 }, (_, i) => ({ id: i + 1, label: `LY${i}`, receivedDate: past(150) })),
        openRequests: Array.from({ length: 40 }, (_, i) => ({ id: i + 1, label: `R${i}`, dueDate: shift(today, Math.floor(r() * 30) - 15) })),
        consultations: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, label: `C${i}`, endDate: shift(today, Math.floor(r() * 40) - 20), feedbackPublished: r() < 0.3 })),
        documents: Array.from({ length: 60 }, (_, i) => {
          const formed = past(120);
          const published = shift(formed, Math.floor(r() * 60));
          return { id: i + 1, label: `D${i}`, formedDate: formed, publishedDate: r() < 0.5 ? null : published > today ? today : published };
        }),
        report: { year: 2025, deadline: '2026-03-31', publishedDate: r() < 0.5 ? null : '2026-04-02' },
      };
      const out = superviseAgency(input, today, calendar, 3);
      const ids = (k: keyof typeof out.figures) => out.figures[k].map((x) => x.id).sort((a, b) => a - b);
      const expect = (xs: { id: number }[]) => xs.map((x) => x.id).sort((a, b) => a - b);

      const dated = input.columns.filter((c) => c.lastPublished !== null);
      assert.deepEqual(ids('blankColumns'), expect(input.columns.filter((c) => c.lastPublished === null)));
      assert.deepEqual(ids('staleColumns'), expect(dated.filter((c) => age(c.lastPublished!, today) >= (c.name.startsWith('动态') ? 14 : 183))));
      assert.deepEqual(ids('longStaleColumns'), expect(dated.filter((c) => age(c.lastPublished!, today) >= 365)));
      assert.deepEqual(ids('messagesOver60'), expect(input.openMessages.filter((m) => age(m.receivedDate, today) > 60)));
      assert.deepEqual(ids('messagesOver90'), expect(input.openMessages.filter((m) => age(m.receivedDate, today) > 90)));
      assert.deepEqual(ids('consultationsWithoutFeedback'), expect(input.consultations.filter((c) => !c.feedbackPublished && c.endDate < today)));
      assert.deepEqual(ids('requestsOverdue'), expect(input.openRequests.filter((q) => q.dueDate < today)));
      // Due soon: today up to the third working day after it.
      const soon = [today];
      for (let d = today, n = 0; n < 3; ) {
        d = shift(d, 1);
        soon.push(d);
        if (calendar.isWorkingDay(d)) n++;
      }
      assert.deepEqual(ids('requestsDueSoon'), expect(input.openRequests.filter((q) => soon.includes(q.dueDate))));
      assert.deepEqual(ids('documentsOverdue'), expect(input.documents.filter((d) => d.publishedDate === null && today > art26Due(d.formedDate))));
      assert.deepEqual(
        ids('documentsPublishedLate'),
        expect(input.documents.filter((d) => d.publishedDate !== null && d.publishedDate.slice(0, 4) === today.slice(0, 4) && d.publishedDate > art26Due(d.formedDate))),
      );
      assert.equal(out.figures.reportsLate.length, today > '2026-03-31' || input.report!.publishedDate ? 1 : 0);
      const oldest = Math.max(...input.openMessages.map((m) => age(m.receivedDate, today)));
      assert.equal(out.checks.find((c) => c.key === 'unansweredMessages')!.verdict, oldest > 90 ? 'fail' : oldest > 60 ? 'warn' : 'pass');

      const sum = rollUp([out, out]);
      assert.equal(sum.figures.documentsOverdue, 2 * out.figures.documentsOverdue.length);
      assert.equal(sum.checks.homePage.pass + sum.checks.homePage.warn + sum.checks.homePage.fail, 2);
    });
  }
});
