import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { officialCalendar } from '../../../src/domain/calendar/index.ts';
import { replay, possibleEvents } from '../../../src/domain/workflow/engine.ts';
import {
  articlesOf,
  consultationKind,
  feedbackTable,
  isFeedbackOverdue,
  periodLength,
  periodProblem,
  type ConsultationEvent,
} from '../../../src/domain/consultations/index.ts';

const calendar = officialCalendar();
const kind = consultationKind(calendar);

describe('consultation periods', () => {
  it('refuses a 20-day 规章 without a published reason, and accepts it with one', () => {
    const p = { kind: 'regulation' as const, concernsBusiness: false, startDate: '2026-03-02', endDate: '2026-03-21' };
    const refused = periodProblem(p, calendar);
    assert.equal(refused?.code, 'CONSULTATION_PERIOD_TOO_SHORT');
    assert.match(refused!.message, /规章征求意见期限一般不少于 30 日/);
    assert.match(refused!.message, /共 20 日/);
    assert.equal(periodProblem({ ...p, shortPeriodReason: '   ' }, calendar)?.code, 'CONSULTATION_PERIOD_TOO_SHORT');
    assert.equal(periodProblem({ ...p, shortPeriodReason: '上位法修改后须在 4 月 1 日前施行' }, calendar), null);
    assert.equal(periodProblem({ ...p, endDate: '2026-03-31' }, calendar), null, '30 days, both ends included');
    assert.equal(periodProblem({ ...p, endDate: '2026-03-30' }, calendar)?.code, 'CONSULTATION_PERIOD_TOO_SHORT', '29 days');
    assert.equal(periodProblem({ ...p, kind: 'majorDecision' }, calendar)?.code, 'CONSULTATION_PERIOD_TOO_SHORT');
  });

  it('counts 7 working days for a 规范性文件 across the 2025 National Day holiday and its make-up days', () => {
    const p = { kind: 'normativeDocument' as const, concernsBusiness: false, startDate: '2025-09-26', endDate: '2025-10-10' };
    // 09-26, 09-28 (Sunday, worked), 09-29, 09-30, 10-09, 10-10: 6 working days in 15 calendar days.
    assert.deepEqual(periodLength(p, calendar), { calendarDays: 15, workingDays: 6 });
    assert.equal(periodProblem(p, calendar)?.code, 'CONSULTATION_PERIOD_TOO_SHORT');
    assert.match(periodProblem(p, calendar)!.message, /不少于 7 个工作日/);
    // Saturday 10-11 is a make-up working day: the 7th.
    assert.equal(periodProblem({ ...p, endDate: '2025-10-11' }, calendar), null);
  });

  it('counts the 2026 Spring Festival: 7 working days need more than two calendar weeks', () => {
    const p = { kind: 'normativeDocument' as const, concernsBusiness: false, startDate: '2026-02-11', endDate: '2026-02-25' };
    const { workingDays } = periodLength(p, calendar);
    // 02-11, 02-12, 02-13, 02-14 (Saturday, worked), 02-24, 02-25: 15 calendar days, 6 working days.
    assert.equal(workingDays, 6);
    assert.equal(periodProblem(p, calendar)?.code, 'CONSULTATION_PERIOD_TOO_SHORT');
    assert.equal(periodProblem({ ...p, endDate: '2026-02-26' }, calendar), null);
  });

  it('needs 30 days for a 规范性文件 closely concerning businesses, with no reason accepted instead', () => {
    const p = { kind: 'normativeDocument' as const, concernsBusiness: true, startDate: '2025-09-26', endDate: '2025-10-24', shortPeriodReason: '急需' };
    assert.equal(periodProblem(p, calendar)?.code, 'CONSULTATION_PERIOD_TOO_SHORT');
    assert.equal(periodProblem({ ...p, endDate: '2025-10-25' }, calendar), null);
  });

  it('refuses an end before the start and accepts any period for 其他', () => {
    assert.equal(periodProblem({ kind: 'other', concernsBusiness: false, startDate: '2026-03-02', endDate: '2026-03-01' }, calendar)?.code, 'INVALID_DATE');
    assert.equal(periodProblem({ kind: 'other', concernsBusiness: false, startDate: '2026-03-02', endDate: '2026-03-02' }, calendar), null);
  });
});

const prepared: ConsultationEvent = { type: 'prepared', date: '2026-03-01', kind: 'normativeDocument', concernsBusiness: false, startDate: '2026-03-02', endDate: '2026-03-13' };

describe('consultation lifecycle', () => {
  it('moderates, closes from the last day with every shown comment answered, publishes, links the document', () => {
    const events: ConsultationEvent[] = [
      prepared,
      { type: 'opened', date: '2026-03-02' },
      { type: 'commentReceived', date: '2026-03-03', commentId: 11 },
      { type: 'commentReceived', date: '2026-03-12', commentId: 12 },
      { type: 'commentReceived', date: '2026-03-12', commentId: 13 },
      { type: 'commentModerated', date: '2026-03-12', commentId: 11, decision: 'shown' },
      { type: 'commentModerated', date: '2026-03-12', commentId: 12, decision: 'hidden', reason: '与草案无关的广告' },
    ];
    let s = replay(kind, events);
    assert.ok(s.ok);
    assert.deepEqual(s.value.comments.map((c) => c.status), ['shown', 'hidden', 'pending']);
    // A comment on the last day is taken, one after it is refused.
    assert.equal(replay(kind, [...events, { type: 'commentReceived', date: '2026-03-13', commentId: 14 }]).ok, true);
    assert.equal(replay(kind, [...events, { type: 'commentReceived', date: '2026-03-14', commentId: 14 }]).ok, false);
    // A letter that arrived on the last day, entered on the next, is taken; one that arrived late is not.
    assert.equal(replay(kind, [...events, { type: 'commentReceived', date: '2026-03-16', commentId: 14, receivedDate: '2026-03-13' }]).ok, true);
    assert.equal(replay(kind, [...events, { type: 'commentReceived', date: '2026-03-16', commentId: 14, receivedDate: '2026-03-16' }]).ok, false);
    const close: ConsultationEvent = { type: 'closed', date: '2026-03-16', feedback: [{ commentId: 11, adoption: 'notAdopted', reason: '与上位法不符' }] };
    const pending = replay(kind, [...events, close]);
    assert.ok(!pending.ok);
    assert.match(pending.errors[0]!, /还有 1 条意见未审核/);
    const moderated: ConsultationEvent[] = [...events, { type: 'commentModerated', date: '2026-03-12', commentId: 13, decision: 'shown' }];
    s = replay(kind, moderated);
    assert.ok(s.ok);
    // Closing is offered from the period's last day on, not before.
    assert.ok(possibleEvents(kind, s.value, ['clerk'], '2026-03-12').every((p) => p.type !== 'closed'));
    assert.ok(possibleEvents(kind, s.value, ['clerk'], '2026-03-13').some((p) => p.type === 'closed' && p.allowed));
    const early = replay(kind, [...moderated, { ...close, date: '2026-03-12' }]);
    assert.ok(!early.ok && /期限届满前不能结束/.test(early.errors[0]!));
    const missing = replay(kind, [...moderated, close]);
    assert.ok(!missing.ok && /还有 1 条未填写/.test(missing.errors[0]!));
    const noReason = replay(kind, [...moderated, { ...close, feedback: [...close.feedback, { commentId: 13, adoption: 'partlyAdopted', reason: '' }] }]);
    assert.ok(!noReason.ok && /须写明理由/.test(noReason.errors[0]!));
    const hiddenAnswered = replay(kind, [...moderated, { ...close, feedback: [...close.feedback, { commentId: 13, adoption: 'adopted', reason: '' }, { commentId: 12, adoption: 'adopted', reason: '' }] }]);
    assert.ok(!hiddenAnswered.ok && /只能针对通过审核的意见/.test(hiddenAnswered.errors[0]!));
    const closed = [...moderated, { ...close, feedback: [...close.feedback, { commentId: 13, adoption: 'adopted', reason: '' }] }];
    s = replay(kind, closed);
    assert.ok(s.ok);
    assert.equal(s.value.phase, 'closed');
    assert.equal(isFeedbackOverdue(s.value, '2026-03-13'), false);
    assert.equal(isFeedbackOverdue(s.value, '2026-03-14'), true, 'the end passed without published feedback');
    // Only the head or the admin publishes.
    const offered = possibleEvents(kind, s.value, ['clerk'], '2026-03-20').find((p) => p.type === 'feedbackPublished');
    assert.equal(offered?.allowed, false);
    assert.equal(possibleEvents(kind, s.value, ['head'], '2026-03-20').find((p) => p.type === 'feedbackPublished')?.allowed, true);
    const done = replay(kind, [...closed, { type: 'feedbackPublished', date: '2026-03-20' }, { type: 'documentLinked', date: '2026-04-01', documentId: 5, documentTitle: '常平乡村规民约' }]);
    assert.ok(done.ok);
    assert.equal(done.value.phase, 'feedbackPublished');
    assert.equal(isFeedbackOverdue(done.value, '2027-01-01'), false);
    assert.deepEqual(done.value.document, { id: 5, title: '常平乡村规民约' });
  });

  it('refuses a draft whose period is too short, and an opening after the first day', () => {
    const short = replay(kind, [{ type: 'prepared', date: '2026-03-01', kind: 'regulation', concernsBusiness: false, startDate: '2026-03-02', endDate: '2026-03-21' }]);
    assert.ok(!short.ok && /不少于 30 日/.test(short.errors[0]!));
    const late = replay(kind, [prepared, { type: 'opened', date: '2026-03-03' }]);
    assert.ok(!late.ok && /或之前发布/.test(late.errors[0]!));
    const open = replay(kind, [prepared, { type: 'opened', date: '2026-03-02' }]);
    assert.ok(open.ok);
    assert.equal(isFeedbackOverdue(open.value, '2026-03-14'), true, 'an open consultation past its end is overdue too');
  });
});

describe('feedback table and articles', () => {
  it('numbers the answered comments in order and masks the commenters', () => {
    const rows = feedbackTable(
      [
        { id: 1, name: '朱建军', article: '第三条', body: '建议把补助标准提高。' },
        { id: 2, name: '广告', article: null, body: '广告' },
        { id: 3, name: '李明', article: null, body: '建议增加公示环节。' },
      ],
      [{ commentId: 3, adoption: 'adopted', reason: '' }, { commentId: 1, adoption: 'notAdopted', reason: '补助标准由县级统一确定' }],
    );
    assert.deepEqual(
      rows.map((r) => [r.seq, r.commenter, r.article, r.content, r.adoption, r.reason]),
      [
        [1, '朱**', '第三条', '建议把补助标准提高。', '不予采纳', '补助标准由县级统一确定'],
        [2, '李*', null, '建议增加公示环节。', '采纳', ''],
      ],
    );
  });

  it('finds the articles of a draft', () => {
    assert.deepEqual(articlesOf('第一条 为了规范……\n　第二条 本办法适用于……\n提到第一条的句子\n第十二条 附则\n第3条 其他'), ['第一条', '第二条', '第十二条', '第3条']);
  });
});
