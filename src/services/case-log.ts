/**
 * How every kind of case (request, message, consultation, survey) stores what the one workflow
 * engine accepted: the engine's refusal becomes one 409, and the new events continue the log's
 * sequence. Each kind keeps its own table and projection; only this step is shared.
 */
import type { CaseEvent, Result } from '../domain/workflow/engine.ts';
import { AppError } from './errors.ts';

/** The replayed state, or a 409 listing why (the engine numbers events; one step needs none). */
export function acceptedOrRefused<S>(replayed: Result<S>): S {
  if (replayed.ok) return replayed.value;
  throw new AppError('TRANSITION_REFUSED', replayed.errors.map((e) => e.replace(/^第 \d+ 个事件：/, '')).join('；'), 409);
}

/** The rows of `events` appended after `existing` events, for one multi-row insert. */
export function eventLogRows(events: readonly CaseEvent[], existing: number, actorUserId: number | null, recordedAt: string) {
  return events.map((event, i) => ({
    seq: existing + i + 1,
    type: event.type,
    date: event.date,
    data_json: JSON.stringify(event),
    actor_user_id: actorUserId,
    recorded_at: recordedAt,
  }));
}
