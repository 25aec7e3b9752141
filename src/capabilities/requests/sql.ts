/**
 * The requests capability's storage: rows, the append-only event log, and the status projection
 * stored beside each request (phase, outcome, due date, lapse, extension), kept current on every
 * append so lists and reminders page in SQL without replaying events.
 */
import { randomInt } from 'node:crypto';
import type { IsoDate, WorkingCalendar } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { replay, type RequestChannel, type RequestEvent } from '../../domain/requests/lifecycle.ts';
import { projectRequest, viewRequest } from '../../domain/requests/view.ts';
import type { RequestRow } from '../../storage/schema.ts';
import { AppError, notFound } from '../../services/errors.ts';
import type { ServiceDeps, Tx } from '../../services/context.ts';
import type { ApplicantInput, NewRequestInput } from './contract.ts';

const QUERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Normalises what people type into a query code (case, spaces, missing dashes). */
export function normaliseQueryCode(raw: string): string {
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s;
}

/** The secret the applicant proves on the tracking page: last 4 digits of the phone, else of the ID. */
export function trackingSecret(row: Pick<RequestRow, 'applicant_phone' | 'applicant_id_number'>): string {
  return (row.applicant_phone ?? row.applicant_id_number ?? '').slice(-4).toUpperCase();
}

export async function insertRequest(
  tx: Tx,
  deps: ServiceDeps,
  agencyId: number,
  channel: RequestChannel,
  input: NewRequestInput,
  applicant: ApplicantInput,
  submittedDate: IsoDate,
  createdBy: number | null,
): Promise<{ id: number; queryCode: string }> {
  for (let attempt = 0; ; attempt++) {
    const queryCode = newQueryCode();
    const clash = await tx.selectFrom('requests').select('id').where('query_code', '=', queryCode).executeTakeFirst();
    if (clash && attempt < 5) continue;
    const { id } = await tx
      .insertInto('requests')
      .values({
        agency_id: agencyId,
        query_code: queryCode,
        channel,
        applicant_type: applicant.type,
        applicant_name: applicant.name,
        applicant_id_type: applicant.idType ?? null,
        applicant_id_number: applicant.idNumber ?? null,
        applicant_phone: applicant.phone ?? null,
        applicant_email: applicant.email ?? null,
        applicant_address: applicant.address ?? null,
        contact_person: applicant.contactPerson ?? null,
        description: input.description.trim(),
        purpose: input.purpose?.trim() || null,
        requested_form: input.requestedForm,
        delivery: input.delivery,
        created_by: createdBy,
        created_at: deps.now().toISOString(),
        phase: 'awaitingReceipt',
        outcome: null,
        submitted_date: submittedDate,
        receipt_date: null,
        closed_date: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, queryCode };
  }
}

export async function appendEvents(tx: Tx, deps: ServiceDeps, requestId: number, existing: RequestEvent[], events: RequestEvent[], actorUserId: number | null, calendar: WorkingCalendar): Promise<void> {
  const all = [...existing, ...events];
  const replayed = replay(all);
  if (!replayed.ok) throw new AppError('TRANSITION_REFUSED', replayed.errors.map((e) => e.replace(/^第 \d+ 个事件：/, '')).join('；'), 409);
  let seq = existing.length;
  for (const event of events) {
    seq++;
    await tx
      .insertInto('request_events')
      .values({ request_id: requestId, seq, type: event.type, date: event.date, data_json: JSON.stringify(event), actor_user_id: actorUserId, recorded_at: deps.now().toISOString() })
      .execute();
  }
  await storeProjection(tx, deps, requestId, all, calendar);
}

/** Recomputes and stores one request's projection from its events and the calendar. */
export async function storeProjection(tx: Tx, deps: ServiceDeps, requestId: number, events: readonly RequestEvent[], calendar: WorkingCalendar): Promise<void> {
  const view = viewRequest(events, calendar, chinaDate(deps.now()));
  if (!view.ok) {
    // Stored history that no longer replays (a rule tightened since): keep the row listable.
    const replayed = replay(events);
    if (replayed.ok) {
      const s = replayed.value;
      await tx.updateTable('requests').set({ phase: s.phase, outcome: s.outcome, receipt_date: s.receiptDate, closed_date: s.closedDate, due_date: null, due_provisional: 0, lapse_due: null, extension_status: s.extension?.status ?? null, projected_at: deps.now().toISOString() }).where('id', '=', requestId).execute();
    }
    return;
  }
  const p = projectRequest(view.value);
  await tx
    .updateTable('requests')
    .set({
      phase: p.phase,
      outcome: p.outcome,
      receipt_date: p.receiptDate,
      closed_date: p.closedDate,
      due_date: p.dueDate,
      due_provisional: p.dueProvisional ? 1 : 0,
      lapse_due: p.lapseDue,
      extension_status: p.extensionStatus,
      projected_at: deps.now().toISOString(),
    })
    .where('id', '=', requestId)
    .execute();
}

/**
 * Recomputes the projection of every open request (after a calendar change moves their due
 * dates), or of every request not projected yet (after the migration that added it).
 */
export async function refreshProjections(tx: Tx, deps: ServiceDeps, which: 'open' | 'unprojected', calendar: WorkingCalendar): Promise<number> {
  const ids = (await (which === 'open' ? tx.selectFrom('requests').select('id').where('phase', '!=', 'closed') : tx.selectFrom('requests').select('id').where('projected_at', 'is', null)).orderBy('id').execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rows = await tx.selectFrom('request_events').select(['request_id', 'data_json']).where('request_id', 'in', batch).orderBy('request_id').orderBy('seq').execute();
    const byRequest = new Map<number, RequestEvent[]>();
    for (const r of rows) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), JSON.parse(r.data_json) as RequestEvent]);
    for (const id of batch) await storeProjection(tx, deps, id, byRequest.get(id) ?? [], calendar);
  }
  return ids.length;
}

export async function eventsOf(tx: Tx, requestId: number): Promise<RequestEvent[]> {
  const rows = await tx.selectFrom('request_events').select('data_json').where('request_id', '=', requestId).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.data_json) as RequestEvent);
}

export async function getRequestRow(tx: Tx, id: number): Promise<RequestRow> {
  const row = await tx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('申请');
  return row;
}
