import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { officialCalendar } from '../../../src/domain/calendar/index.ts';
import { computeMessageDeadlines, replayMessage, type MessageEvent, type MessageState } from '../../../src/domain/messages/index.ts';

const calendar = officialCalendar();

function state(events: MessageEvent[]): MessageState {
  const r = replayMessage(events, calendar);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('；'));
  return r.value;
}

// A 咨询 received Friday 2025-09-26, before 国庆 (10-01..08 off; Sunday 09-28 and Saturday 10-11 worked).
const consultation: MessageEvent = { type: 'received', date: '2025-09-26', kind: 'consultation', channel: 'online', limitWorkingDays: 5, consentToPublish: true };

describe('message deadlines on the working-day calendar', () => {
  it('counts 5 working days across 国庆 2025 and explains each step', () => {
    const d = computeMessageDeadlines(state([consultation]), calendar, '2025-09-26');
    // 09-28 (make-up Sunday), 09-29, 09-30, then 10-09, 10-10.
    assert.equal(d.replyDue.date, '2025-10-10');
    assert.equal(d.dueSoonFrom, '2025-09-30');
    const labels = d.replyDue.steps.map((s) => s.label);
    assert.ok(labels.includes('收到留言') && labels.includes('依据') && labels.includes('起算'), labels.join(','));
    assert.ok(d.replyDue.steps.some((s) => s.detail.includes('国庆')), 'the holiday is named');
    assert.equal(d.status, 'onTrack');
  });

  it('moves from 正常 to 临期 to 逾期 to red as the clock moves', () => {
    const s = state([consultation, { type: 'accepted', date: '2025-09-26' }]);
    assert.equal(computeMessageDeadlines(s, calendar, '2025-09-29').status, 'onTrack');
    assert.equal(computeMessageDeadlines(s, calendar, '2025-09-30').status, 'dueSoon');
    assert.equal(computeMessageDeadlines(s, calendar, '2025-10-10').status, 'dueSoon');
    const late = computeMessageDeadlines(s, calendar, '2025-10-11');
    assert.equal(late.status, 'overdue');
    assert.equal(late.redAlert, false);
    assert.equal(computeMessageDeadlines(s, calendar, '2025-11-24').redAlert, false, '59 days');
    assert.equal(computeMessageDeadlines(s, calendar, '2025-11-25').redAlert, true, '60 days');
  });

  it('keeps the clock through 转办 and adds an approved extension, across 春节 2026', () => {
    // 2026 春节: 02-15..02-23 off; Saturdays 02-14 and 02-28 worked.
    const received: MessageEvent = { type: 'received', date: '2026-02-10', kind: 'complaint', channel: 'letter', limitWorkingDays: 10, consentToPublish: false };
    const plain = computeMessageDeadlines(state([received]), calendar, '2026-02-10');
    // 02-11, 12, 13, 14 (Sat worked), 24, 25, 26, 27, 28 (Sat worked), 03-02.
    assert.equal(plain.replyDue.date, '2026-03-02');
    const moved = computeMessageDeadlines(
      state([received, { type: 'transferred', date: '2026-02-12', toAgencyId: 9, toAgencyName: '县民政局' }, { type: 'accepted', date: '2026-02-13' }]),
      calendar,
      '2026-02-13',
    );
    assert.equal(moved.replyDue.date, '2026-03-02', 'the transfer does not restart the clock');
    assert.ok(moved.replyDue.steps.some((s) => s.label === '转办' && s.detail.includes('县民政局')));
    const extended = computeMessageDeadlines(
      state([
        received,
        { type: 'accepted', date: '2026-02-10' },
        { type: 'extensionRequested', date: '2026-02-12', workingDays: 5, reason: '需现场核实' },
        { type: 'extensionApproved', date: '2026-02-13', notice: '已电话告知' },
      ]),
      calendar,
      '2026-02-13',
    );
    assert.equal(extended.workingDays, 15);
    assert.equal(extended.replyDue.date, '2026-03-09');
    assert.ok(extended.replyDue.steps.some((s) => s.label === '延期'));
  });

  it('records on-time replies and counts a missing rating as 满意 after 20 working days', () => {
    const replied = state([
      consultation,
      { type: 'accepted', date: '2025-09-26' },
      { type: 'replyDrafted', date: '2025-10-09', by: 1, text: '答复' },
      { type: 'replyReviewed', date: '2025-10-10', by: 2 },
      { type: 'replyApproved', date: '2025-10-10', by: 3 },
    ]);
    const d = computeMessageDeadlines(replied, calendar, '2025-10-10');
    assert.equal(d.status, 'closed');
    assert.equal(d.repliedOnTime, true);
    assert.equal(d.effectiveRating, null);
    // 10-11 (make-up Saturday) counts: the 20th working day is 2025-11-06.
    assert.equal(d.ratingDue?.date, '2025-11-06');
    assert.equal(computeMessageDeadlines(replied, calendar, '2025-11-06').effectiveRating, null);
    assert.equal(computeMessageDeadlines(replied, calendar, '2025-11-07').effectiveRating, 'satisfied');
    assert.equal(computeMessageDeadlines(replied, calendar, '2026-01-01').redAlert, false, 'closed messages raise no alert');
  });
});
