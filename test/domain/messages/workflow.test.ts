import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, officialCalendar } from '../../../src/domain/calendar/index.ts';
import { admits, mayRecordNow, possibleEvents, replay as replayCase } from '../../../src/domain/workflow/engine.ts';
import {
  applyMessageEvent,
  messageEventTypes,
  messageKind,
  rejectionReasons,
  replayMessage,
  type MessageEvent,
  type MessageState,
} from '../../../src/domain/messages/index.ts';
import { rng } from '../../helpers/rng.ts';

const calendar = officialCalendar();
const kind = messageKind(calendar);

/** More variants than the engine's representatives, including the same person taking two reply steps. */
function variants(s: MessageState, type: (typeof messageEventTypes)[number], date: string): MessageEvent[] {
  const extra: MessageEvent[] = [];
  const people = [1, 2, 3, s.draft?.by ?? 1, s.draft?.reviewedBy ?? 2];
  if (type === 'rejected') for (const reason of rejectionReasons) extra.push({ type, date, reason });
  if (type === 'extensionRequested') for (const workingDays of [1, 5, 10, 14]) extra.push({ type, date, workingDays, reason: '需要会商' });
  if (type === 'replyDrafted' || type === 'replyReviewed' || type === 'replyApproved' || type === 'replyReturned') {
    for (const by of people) {
      if (type === 'replyDrafted') extra.push({ type, date, by, text: '答复' });
      else if (type === 'replyReturned') extra.push({ type, date, by, reason: '重写' });
      else extra.push({ type, date, by });
    }
  }
  if (type === 'rated') extra.push({ type, date, rating: 'dissatisfied', comment: '未解决' }, { type, date, rating: 'basicallySatisfied' });
  return [...kind.representatives(s, type, date), ...extra];
}

describe('the message kind on the workflow engine', () => {
  it('offers exactly the events that recording accepts, over random histories', () => {
    let states = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const next = rng(seed);
      let date = addDays('2025-01-02', Math.floor(next() * 500));
      const first: MessageEvent = {
        type: 'received',
        date,
        kind: (['consultation', 'suggestion', 'complaint', 'help'] as const)[Math.floor(next() * 4)]!,
        channel: 'online',
        limitWorkingDays: 1 + Math.floor(next() * 15),
        consentToPublish: next() < 0.5,
      };
      const events: MessageEvent[] = [first];
      let state = applyMessageEvent(null, first, calendar);
      assert.ok(state.ok);
      for (let step = 0; step < 12 && state.ok; step++) {
        const s = state.value;
        states++;
        for (const type of messageEventTypes) {
          const offered = admits(kind, s, type, date);
          const accepted = variants(s, type, date).some((e) => applyMessageEvent(s, e, calendar).ok);
          assert.equal(offered, accepted, `seed ${seed}, step ${step}, ${type}: offered ${offered}, accepted ${accepted} (phase ${s.phase})`);
        }
        const possible = possibleEvents(kind, s, ['clerk', 'head', 'reviewer'], date).filter((p) => p.allowed && p.type !== 'note');
        if (possible.length === 0) break;
        const type = possible[Math.floor(next() * possible.length)]!.type;
        date = addDays(date, 1 + Math.floor(next() * 6));
        const candidates = variants(s, type as (typeof messageEventTypes)[number], date).filter((e) => applyMessageEvent(s, e, calendar).ok);
        assert.ok(candidates.length > 0, `seed ${seed}: ${type} was offered but nothing of it is accepted`);
        const event = candidates[Math.floor(next() * candidates.length)]!;
        events.push(event);
        state = applyMessageEvent(s, event, calendar);
        assert.ok(state.ok);
      }
      assert.deepEqual(replayCase(kind, events), replayMessage(events, calendar));
    }
    assert.ok(states > 500, `walked ${states} states`);
  });

  it('keeps the three reply steps with three different people', () => {
    const h = replayMessage(
      [
        { type: 'received', date: '2025-03-03', kind: 'consultation', channel: 'online', limitWorkingDays: 5, consentToPublish: true },
        { type: 'accepted', date: '2025-03-03' },
        { type: 'replyDrafted', date: '2025-03-04', by: 7, text: '答复' },
      ],
      calendar,
    );
    assert.ok(h.ok);
    if (!h.ok) return;
    const own = mayRecordNow(kind, h.value, { type: 'replyReviewed', date: '2025-03-04', by: 7 }, ['reviewer']);
    assert.deepEqual(own, { ok: false, byRole: false, errors: ['起草人不能审核本人起草的答复'] });
    const reviewed = mayRecordNow(kind, h.value, { type: 'replyReviewed', date: '2025-03-04', by: 8 }, ['reviewer']);
    assert.ok(reviewed.ok);
    if (!reviewed.ok) return;
    assert.equal(mayRecordNow(kind, reviewed.state, { type: 'replyApproved', date: '2025-03-05', by: 9 }, ['reviewer']).ok, false, 'a reviewer does not approve');
    assert.deepEqual(applyMessageEvent(reviewed.state, { type: 'replyApproved', date: '2025-03-05', by: 8 }, calendar), { ok: false, errors: ['审核人不能再批准同一答复，须由另一人批准'] });
    const approved = mayRecordNow(kind, reviewed.state, { type: 'replyApproved', date: '2025-03-05', by: 9 }, ['head']);
    assert.ok(approved.ok);
    if (approved.ok) assert.deepEqual(approved.state.reply, { text: '答复', date: '2025-03-05', draftedBy: 7, reviewedBy: 8, approvedBy: 9 });
  });

  it('publishes only with consent, refuses only for a listed reason, extends once within 15 days, rates within 20 working days', () => {
    const base = (consent: boolean): MessageEvent[] => [
      { type: 'received', date: '2025-09-26', kind: 'suggestion', channel: 'online', limitWorkingDays: 10, consentToPublish: consent },
      { type: 'accepted', date: '2025-09-26' },
      { type: 'replyDrafted', date: '2025-09-29', by: 1, text: '答复' },
      { type: 'replyReviewed', date: '2025-09-29', by: 2 },
      { type: 'replyApproved', date: '2025-09-30', by: 3 },
    ];
    const pub: MessageEvent = { type: 'published', date: '2025-09-30' };
    assert.equal(replayMessage([...base(true), pub], calendar).ok, true);
    assert.deepEqual(replayMessage([...base(false), pub], calendar), { ok: false, errors: ['第 6 个事件：留言人未同意公开，不能公开答复'] });
    // 20 working days from 2025-09-30 skip 国庆 (10-01..08) and count the make-up Saturday 10-11: the last day is 2025-11-04.
    assert.equal(replayMessage([...base(true), { type: 'rated', date: '2025-11-04', rating: 'dissatisfied' }], calendar).ok, true);
    assert.equal(replayMessage([...base(true), { type: 'rated', date: '2025-11-05', rating: 'dissatisfied' }], calendar).ok, false);

    const received: MessageEvent = { type: 'received', date: '2025-03-03', kind: 'complaint', channel: 'letter', limitWorkingDays: 10, consentToPublish: false };
    for (const reason of rejectionReasons) assert.equal(replayMessage([received, { type: 'rejected', date: '2025-03-04', reason }], calendar).ok, true, reason);
    assert.equal(replayMessage([received, { type: 'rejected', date: '2025-03-04', reason: 'tooLong' as never }], calendar).ok, false);
    const accepted: MessageEvent = { type: 'accepted', date: '2025-03-03' };
    assert.deepEqual(replayMessage([received, accepted, { type: 'extensionRequested', date: '2025-03-05', workingDays: 6, reason: '调查' }], calendar), {
      ok: false,
      errors: ['第 3 个事件：答复时限连同延期不得超过 15 个工作日（本留言时限 10 个工作日，最多可延 5 个）'],
    });
    const asked: MessageEvent = { type: 'extensionRequested', date: '2025-03-05', workingDays: 5, reason: '调查' };
    const granted: MessageEvent = { type: 'extensionApproved', date: '2025-03-05', notice: '答复日期延至3月24日' };
    assert.equal(replayMessage([received, accepted, asked, granted], calendar).ok, true);
    assert.equal(replayMessage([received, accepted, asked, granted, { ...asked, workingDays: 1 }], calendar).ok, false, 'once only');
  });
});
