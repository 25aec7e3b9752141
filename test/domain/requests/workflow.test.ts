import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../../src/domain/calendar/index.ts';
import { admits, mayRecordNow, possibleEvents, replay as replayCase } from '../../../src/domain/workflow/engine.ts';
import { requestEventTypes, requestKind } from '../../../src/domain/requests/workflow.ts';
import { applyEvent, replay, type RequestEvent, type RequestState } from '../../../src/domain/requests/lifecycle.ts';
import { OUTCOME_CODES } from '../../../src/domain/report/taxonomy.ts';
import { rng } from '../../helpers/rng.ts';

/** Every payload variant worth trying for a type: more than the representatives the engine uses. */
function variants(s: RequestState, type: (typeof requestEventTypes)[number], date: string): RequestEvent[] {
  const extra: RequestEvent[] = [];
  if (type === 'replied') for (const outcome of OUTCOME_CODES) extra.push({ type, date, outcome, reasons: '依据条例作出答复' });
  if (type === 'receiptConfirmed') extra.push({ type, date, method: 'confirmed' }, { type, date, method: 'signedFor' });
  if (type === 'consultationStarted') extra.push({ type, date, kind: 'otherAgency', party: '某局' });
  if (type === 'consultationEnded') extra.push({ type, date, opinion: 'objection' }, { type, date, opinion: 'noReply' });
  if (type === 'feeNoticeSent') extra.push({ type, date, method: 'perRequest', quantity: 1, amountYuan: 100 });
  if (type === 'extensionRequested') extra.push({ type, date, workingDays: 5, reason: '需要会商' });
  return [...requestKind.representatives(s, type, date), ...extra];
}

describe('the request kind on the workflow engine', () => {
  it('offers exactly the events that recording accepts, over random histories', () => {
    const channels = ['online', 'inPerson', 'mail', 'fax', 'email', 'other'] as const;
    let states = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const next = rng(seed);
      const channel = channels[Math.floor(next() * channels.length)]!;
      let date = addDays('2025-03-03', Math.floor(next() * 200));
      const events: RequestEvent[] = [{ type: 'submitted', date, channel }];
      let state = applyEvent(null, events[0]!);
      assert.ok(state.ok);
      for (let step = 0; step < 12 && state.ok; step++) {
        const s = state.value;
        states++;
        for (const type of requestEventTypes) {
          const offered = admits(requestKind, s, type, date);
          const accepted = variants(s, type, date).some((e) => applyEvent(s, e).ok);
          assert.equal(offered, accepted, `seed ${seed}, step ${step}, ${type}: offered ${offered}, accepted ${accepted} (phase ${s.phase})`);
        }
        const possible = possibleEvents(requestKind, s, ['clerk', 'head'], date).filter((p) => p.allowed);
        if (possible.length === 0) break;
        const type = possible[Math.floor(next() * possible.length)]!.type;
        date = addDays(date, 1 + Math.floor(next() * 10));
        const candidates = variants(s, type as (typeof requestEventTypes)[number], date).filter((e) => applyEvent(s, e).ok);
        assert.ok(candidates.length > 0, `seed ${seed}: ${type} was offered but nothing of it is accepted`);
        const event = candidates[Math.floor(next() * candidates.length)]!;
        events.push(event);
        state = applyEvent(s, event);
        assert.ok(state.ok);
      }
      // The engine's replay is the lifecycle's fold.
      assert.deepEqual(replayCase(requestKind, events), replay(events));
    }
    assert.ok(states > 500, `walked ${states} states`);
  });

  it('refuses by role and by state through one call', () => {
    const s = applyEvent(null, { type: 'submitted', date: '2025-03-03', channel: 'inPerson' });
    assert.ok(s.ok);
    if (!s.ok) return;
    const asked = applyEvent(s.value, { type: 'extensionRequested', date: '2025-03-04', workingDays: 10, reason: '需调取档案' });
    assert.ok(asked.ok);
    if (!asked.ok) return;
    const approve = { type: 'extensionApproved', date: '2025-03-05' } as const;
    assert.deepEqual(mayRecordNow(requestKind, asked.value, approve, ['clerk']), { ok: false, byRole: true, errors: ['您的角色不能执行此操作'] });
    assert.equal(mayRecordNow(requestKind, asked.value, approve, ['head']).ok, true);
    const offered = possibleEvents(requestKind, asked.value, ['clerk'], '2025-03-05');
    assert.deepEqual(offered.find((p) => p.type === 'extensionApproved'), { type: 'extensionApproved', allowed: false, reason: '您的角色不能执行此操作' });
    const closed = applyEvent(s.value, { type: 'replied', date: '2025-03-05', outcome: 'disclosed', reasons: '予以公开' });
    assert.ok(closed.ok);
    if (closed.ok) assert.deepEqual(possibleEvents(requestKind, closed.value, ['clerk', 'head'], '2025-03-06'), [{ type: 'note', allowed: true }], 'a closed request takes notes only');
  });
});
