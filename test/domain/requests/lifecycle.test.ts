import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { officialCalendar } from '../../../src/domain/calendar/index.ts';
import { applyEvent, replay, roleMayRecord, type RequestEvent } from '../../../src/domain/requests/lifecycle.ts';
import { checkAgainstClock, viewRequest, yearStatus } from '../../../src/domain/requests/view.ts';
import { outcomeCodes } from '../../../src/domain/requests/outcomes.ts';

const calendar = officialCalendar();

function view(events: RequestEvent[], today: string) {
  const v = viewRequest(events, calendar, today);
  if (!v.ok) throw new Error(v.errors.join('\n'));
  return v.value;
}

function rejects(events: RequestEvent[], pattern: RegExp) {
  const r = replay(events);
  assert.equal(r.ok, false, 'expected the sequence to be refused');
  if (!r.ok) assert.match(r.errors.join('\n'), pattern);
}

const inPerson = (date: string): RequestEvent => ({ type: 'submitted', date, channel: 'inPerson' });

describe('request lifecycle', () => {
  it('an in-person request is received the day it is handed in; the reply is due 20 working days later', () => {
    const v = view([inPerson('2025-01-20')], '2025-01-21');
    assert.equal(v.state.receiptDate, '2025-01-20');
    assert.equal(v.dueDate, '2025-02-21');
    assert.equal(v.statusLabel, '办理中');
    assert.equal(v.overdue, false);
  });

  it('an online request is not on the clock until both sides confirm receipt', () => {
    const submitted: RequestEvent = { type: 'submitted', date: '2025-09-26', channel: 'online' };
    const waiting = view([submitted], '2025-09-26');
    assert.equal(waiting.state.phase, 'awaitingReceipt');
    assert.equal(waiting.dueDate, null);
    const confirmed = view([submitted, { type: 'receiptConfirmed', date: '2025-09-26', method: 'confirmed' }], '2025-09-29');
    assert.equal(confirmed.dueDate, '2025-10-30', 'National Day 2025 skipped, make-up days counted');
    rejects([submitted, { type: 'correctionRequested', date: '2025-09-27', periodWorkingDays: 15, items: ['x'] }], /须先确认收到申请/);
  });

  it('registered mail is received the day it is signed for; only letters can be signed for', () => {
    const v = view([{ type: 'submitted', date: '2025-12-19', channel: 'mail' }, { type: 'receiptConfirmed', date: '2025-12-22', method: 'signedFor' }], '2025-12-23');
    assert.equal(v.dueDate, '2026-01-20');
    rejects([{ type: 'submitted', date: '2025-12-19', channel: 'email' }, { type: 'receiptConfirmed', date: '2025-12-22', method: 'signedFor' }], /只有信函/);
  });

  it('a 补正 stops the clock, may be sent once, and restarts the clock from the supplement', () => {
    const events: RequestEvent[] = [
      inPerson('2025-01-20'),
      { type: 'correctionRequested', date: '2025-01-22', periodWorkingDays: 15, items: ['请明确所需信息的文号或名称'] },
    ];
    const waiting = view(events, '2025-01-23');
    assert.equal(waiting.state.phase, 'awaitingCorrection');
    assert.equal(waiting.dueDate, null);
    rejects([...events, { type: 'correctionRequested', date: '2025-01-23', periodWorkingDays: 15, items: ['再次'] }], /一次性/);
    const supplemented = view([...events, { type: 'correctionReceived', date: '2025-02-10' }], '2025-02-11');
    // 20 working days from the next day after 2025-02-10
    assert.equal(supplemented.dueDate, '2025-03-10');
  });

  it('the lapsed-补正 outcome is allowed only after the period has run out', () => {
    const events: RequestEvent[] = [
      inPerson('2025-01-20'),
      { type: 'correctionRequested', date: '2025-01-22', periodWorkingDays: 15, items: ['请明确所需信息'] },
    ];
    const early: RequestEvent = { type: 'replied', date: '2025-02-10', outcome: 'other.correction_not_supplemented', reasons: '逾期未补正' };
    const earlyView = view(events, '2025-02-10');
    assert.match(checkAgainstClock(earlyView, early).join(''), /尚未届满/);
    const due = earlyView.deadlines!.correctionPeriodDue!.date!;
    const late: RequestEvent = { ...early, date: '2025-03-03' };
    const lateView = view(events, '2025-03-03');
    assert.ok(due < '2025-03-03');
    assert.equal(lateView.lapsed, 'correction');
    assert.deepEqual(checkAgainstClock(lateView, late), []);
    assert.equal(view([...events, late], '2025-03-03').state.outcome, 'other.correction_not_supplemented');
    rejects([inPerson('2025-01-20'), early], /只有发出补正告知/);
  });

  it('third-party consultation is excluded from the clock and must end before the reply', () => {
    const events: RequestEvent[] = [
      inPerson('2025-01-20'),
      { type: 'consultationStarted', date: '2025-01-21', kind: 'thirdParty', party: '某某公司', deliveredDate: '2025-01-22' },
    ];
    rejects([...events, { type: 'replied', date: '2025-02-10', outcome: 'disclosed', reasons: '' }], /征求意见尚未结束/);
    const ended = view([...events, { type: 'consultationEnded', date: '2025-02-12', opinion: 'objection' }], '2025-02-13');
    // counted: 01-21 (1); excluded 01-22..02-12 (the day after sending through the reply day);
    // then 02-13, 02-14, 02-17..21, 02-24..28, 03-03..07, 03-10, 03-11 → the 20th working day.
    const plain = view([inPerson('2025-01-20')], '2025-01-21').dueDate!;
    assert.equal(plain, '2025-02-21');
    assert.ok(ended.dueDate! > plain);
    assert.equal(ended.deadlines!.pauses.length, 1);
    assert.equal(ended.dueDate, '2025-03-11');
  });

  it('an extension needs a request and the head’s approval, at most 20 working days, once', () => {
    const base: RequestEvent[] = [inPerson('2025-01-20'), { type: 'extensionRequested', date: '2025-02-18', workingDays: 20, reason: '需调取档案' }];
    const pending = view(base, '2025-02-19');
    assert.equal(pending.dueDate, '2025-02-21', 'not extended until approved');
    assert.match(pending.statusLabel, /延期待审批/);
    const approved = view([...base, { type: 'extensionApproved', date: '2025-02-19' }], '2025-02-20');
    assert.equal(approved.dueDate, '2025-03-21');
    rejects([inPerson('2025-01-20'), { type: 'extensionApproved', date: '2025-02-19' }], /没有待审批的延期/);
    rejects([inPerson('2025-01-20'), { type: 'extensionRequested', date: '2025-02-18', workingDays: 21, reason: 'x' }], /最长不得超过 20/);
    rejects([...base, { type: 'extensionApproved', date: '2025-02-19' }, { type: 'extensionRequested', date: '2025-02-20', workingDays: 5, reason: '再延' }], /只能延长一次/);
    assert.equal(roleMayRecord('extensionApproved', ['clerk', 'reviewer']), false);
    assert.equal(roleMayRecord('extensionApproved', ['head']), true);
    assert.equal(roleMayRecord('replied', ['clerk']), true);
    assert.equal(roleMayRecord('replied', ['reviewer']), false);
  });

  it('a fee notice pauses the clock until payment; non-payment closes only after 20 working days', () => {
    const events: RequestEvent[] = [
      inPerson('2025-03-03'),
      { type: 'feeNoticeSent', date: '2025-03-10', receivedDate: '2025-03-11', method: 'perPage', quantity: 250, amountYuan: 4700 },
    ];
    rejects([...events, { type: 'feePaid', date: '2025-03-12', amountYuan: 100 }], /4700/);
    const paid = view([...events, { type: 'feePaid', date: '2025-03-14', amountYuan: 4700 }], '2025-03-17');
    assert.equal(paid.state.phase, 'processing');
    const unpaidView = view(events, '2025-04-15');
    const payBy = unpaidView.deadlines!.paymentDue!.date!;
    assert.equal(payBy, '2025-04-09', '20 working days from the day after 2025-03-11, 清明 2025-04-04 skipped');
    const lapse: RequestEvent = { type: 'replied', date: '2025-04-15', outcome: 'other.fee_not_paid', reasons: '逾期未缴费' };
    assert.deepEqual(checkAgainstClock(unpaidView, lapse), []);
    assert.match(checkAgainstClock(view(events, '2025-04-01'), { ...lapse, date: '2025-04-01' }).join(''), /尚未届满/);
    rejects([...events, { type: 'replied', date: '2025-04-15', outcome: 'disclosed', reasons: '' }], /缴费期间不能/);
  });

  it('accepts every outcome of the taxonomy and nothing else', () => {
    for (const outcome of outcomeCodes) {
      if (outcome.startsWith('other.correction') || outcome.startsWith('other.fee') || outcome === 'unable.unclear_after_correction' || outcome === 'not_processed.excessive') continue;
      const details = {
        notHeldBasis: 'nonexistent' as const,
        specialMatter: '不动产登记资料查询',
        specialLaw: '《不动产登记暂行条例》',
        previousReplyDate: '2025-04-01',
        whereToObtain: '县图书馆',
      };
      const r = replay([inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome, reasons: '依法答复', details }]);
      assert.ok(r.ok, outcome);
    }
    rejects([inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome: '同意' as never, reasons: 'x' }], /不在年度报告的分类中/);
    rejects([inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome: 'unable.not_held', reasons: 'x' }], /须写明情形/);
    rejects([inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome: 'not_processed.duplicate', reasons: 'x' }], /此前作出答复的日期/);
    rejects([inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome: 'unable.unclear_after_correction', reasons: 'x' }], /须先经过补正/);
    rejects([inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome: 'not_processed.excessive', reasons: 'x' }], /说明理由/);
    const ok = replay([
      inPerson('2025-05-06'),
      { type: 'excessiveReasonsRequested', date: '2025-05-07' },
      { type: 'replied', date: '2025-05-20', outcome: 'not_processed.excessive', reasons: '理由不合理' },
    ]);
    assert.ok(ok.ok);
  });

  it('nothing happens after the reply except notes', () => {
    const closed: RequestEvent[] = [inPerson('2025-05-06'), { type: 'replied', date: '2025-05-08', outcome: 'disclosed', reasons: '' }];
    rejects([...closed, { type: 'extensionRequested', date: '2025-05-09', workingDays: 5, reason: 'x' }], /已办结/);
    assert.ok(replay([...closed, { type: 'note', date: '2025-05-09', text: '申请人来电致谢' }]).ok);
    assert.equal(applyEvent(null, { type: 'note', date: '2025-05-09', text: 'x' }).ok, false);
  });

  it('marks a request overdue the day after its due date', () => {
    const v = view([inPerson('2025-01-20')], '2025-02-24');
    assert.equal(v.overdue, true);
    const onTheDay = view([inPerson('2025-01-20')], '2025-02-21');
    assert.equal(onTheDay.overdue, false);
    assert.equal(onTheDay.workingDaysLeft, 0);
    assert.equal(view([inPerson('2025-01-20')], '2025-02-18').workingDaysLeft, 3);
  });

  it('counts carry-over by year', () => {
    const open = replay([inPerson('2025-12-22')]);
    assert.ok(open.ok);
    assert.deepEqual(yearStatus(open.value, 2025), { newInYear: true, carriedIn: false, outcomeInYear: null, carriedOut: true });
    const closed = replay([inPerson('2025-12-22'), { type: 'replied', date: '2026-01-15', outcome: 'partially_disclosed', reasons: '部分涉及个人隐私' }]);
    assert.ok(closed.ok);
    assert.deepEqual(yearStatus(closed.value, 2025), { newInYear: true, carriedIn: false, outcomeInYear: null, carriedOut: true });
    assert.deepEqual(yearStatus(closed.value, 2026), { newInYear: false, carriedIn: true, outcomeInYear: 'partially_disclosed', carriedOut: false });
    assert.deepEqual(yearStatus(closed.value, 2027), { newInYear: false, carriedIn: false, outcomeInYear: null, carriedOut: false });
    assert.deepEqual(yearStatus(closed.value, 2024), { newInYear: false, carriedIn: false, outcomeInYear: null, carriedOut: false });
  });
});
