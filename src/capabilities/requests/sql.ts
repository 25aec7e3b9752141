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
import type { PersonalDataAccessTable, RequestEventRow, RequestRow } from '../../storage/schema.ts';
import { notFound } from '../../services/errors.ts';
import { acceptedOrRefused, eventLogRows } from '../../services/case-log.ts';
import type { ServiceDeps, Tx } from '../../services/context.ts';
import type { ApplicantInput, NewRequestInput } from './contract.ts';
import type { AgencyScope } from '../../services/policy.ts';

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
  scope: AgencyScope,
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
        agency_id: scope.agencyId,
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

export async function appendEvents(tx: Tx, deps: ServiceDeps, scope: AgencyScope, requestId: number, existing: RequestEvent[], events: RequestEvent[], actorUserId: number | null, calendar: WorkingCalendar): Promise<void> {
  await requestRow(tx, scope, requestId);
  const all = [...existing, ...events];
  const replayed = replay(all);
  acceptedOrRefused(replayed);
  if (events.length > 0) {
    const rows = eventLogRows(events, existing.length, actorUserId, deps.now().toISOString());
    await tx.insertInto('request_events').values(rows.map((r) => ({ ...r, request_id: requestId }))).execute();
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

/**
 * The agency a request belongs to: the one read that needs no scope, since a caller needs the
 * agency to obtain one (services/policy.ts scopeFor). It reveals nothing else.
 */
export async function agencyOfRequest(tx: Tx, id: number): Promise<number> {
  const row = await tx.selectFrom('requests').select('agency_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('申请');
  return row.agency_id;
}

/** The request's row, within the scope's agency only. */
export async function requestRow(tx: Tx, scope: AgencyScope, id: number): Promise<RequestRow> {
  const row = await tx.selectFrom('requests').selectAll().where('id', '=', id).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  if (!row) throw notFound('申请');
  return row;
}

/** The request's events in order, within the scope's agency only. */
export async function requestEvents(tx: Tx, scope: AgencyScope, requestId: number): Promise<RequestEvent[]> {
  const rows = await tx
    .selectFrom('request_events')
    .innerJoin('requests', 'requests.id', 'request_events.request_id')
    .select('request_events.data_json')
    .where('request_events.request_id', '=', requestId)
    .where('requests.agency_id', '=', scope.agencyId)
    .orderBy('request_events.seq')
    .execute();
  return rows.map((r) => JSON.parse(r.data_json) as RequestEvent);
}

/** The request's events with who recorded each, within the scope's agency only (the staff timeline). */
export async function requestTimeline(tx: Tx, scope: AgencyScope, requestId: number): Promise<(RequestEventRow & { username: string | null })[]> {
  return tx
    .selectFrom('request_events')
    .innerJoin('requests', 'requests.id', 'request_events.request_id')
    .leftJoin('users', 'users.id', 'request_events.actor_user_id')
    .selectAll('request_events')
    .select('users.display_name as username')
    .where('request_events.request_id', '=', requestId)
    .where('requests.agency_id', '=', scope.agencyId)
    .orderBy('request_events.seq')
    .execute();
}

/** The public tracking page's read: by query code, which the applicant holds (no personal data leaves it). */
export async function requestByQueryCode(tx: Tx, code: string): Promise<{ row: RequestRow; events: RequestEvent[] } | null> {
  const row = await tx.selectFrom('requests').selectAll().where('query_code', '=', code).executeTakeFirst();
  if (!row) return null;
  const events = await tx.selectFrom('request_events').select('data_json').where('request_id', '=', row.id).orderBy('seq').execute();
  return { row, events: events.map((e) => JSON.parse(e.data_json) as RequestEvent) };
}

export interface RowFilters {
  phase?: string | undefined;
  open?: boolean | undefined;
  dueBefore?: IsoDate | undefined;
  dueFrom?: IsoDate | undefined;
  year?: number | undefined;
  q?: string | undefined;
  /** Whether `q` also matches the applicant's name: only for readers who see names in full. */
  qMatchesApplicant?: boolean | undefined;
}

/** A page of the scope's requests, newest first, with the total: filters and paging in SQL, on the stored projection. */
/**
 * Counts stop here: a count of every matching row costs as much as reading them all (PostgreSQL
 * has no stored row count), and past this many a clerk refines the filter rather than pages.
 */
export const COUNT_CAP = 10_000;

export async function requestPage(tx: Tx, scope: AgencyScope, f: RowFilters, page: number, pageSize: number): Promise<{ total: number; totalCapped: boolean; rows: RequestRow[] }> {
  let query = tx.selectFrom('requests').where('agency_id', '=', scope.agencyId);
  if (f.open) query = query.where('phase', '!=', 'closed');
  if (f.phase) query = query.where('phase', '=', f.phase);
  if (f.dueBefore) query = query.where('due_date', '<', f.dueBefore);
  if (f.dueFrom) query = query.where('due_date', '>=', f.dueFrom);
  if (f.year) {
    const y = f.year;
    // Everything that counts in that year's report: received in it, or open at its start.
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('submitted_date', '>=', `${y}-01-01`), eb('submitted_date', '<=', `${y}-12-31`)]),
        eb.and([eb('receipt_date', '<', `${y}-01-01`), eb.or([eb('closed_date', 'is', null), eb('closed_date', '>=', `${y}-01-01`)])]),
      ]),
    );
  }
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    // A masked reader must not confirm a name by searching for it (张三丰 → 张*丰).
    query = query.where((eb) => eb.or([eb('query_code', 'like', like), eb('description', 'like', like), ...(f.qMatchesApplicant ? [eb('applicant_name', 'like', like)] : [])]));
  }
  const { n } = await tx
    .selectFrom(query.select('id').limit(COUNT_CAP + 1).as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total: Math.min(Number(n), COUNT_CAP), totalCapped: Number(n) > COUNT_CAP, rows };
}

/** Open requests of the scope awaiting receipt, due before `dueBefore`, or whose period lapsed before `today`. */
export async function attentionRows(tx: Tx, scope: AgencyScope, dueBefore: IsoDate, today: IsoDate): Promise<RequestRow[]> {
  return tx
    .selectFrom('requests')
    .selectAll()
    .where('agency_id', '=', scope.agencyId)
    .where('phase', '!=', 'closed')
    .where((eb) => eb.or([eb('phase', '=', 'awaitingReceipt'), eb('due_date', '<', dueBefore), eb('lapse_due', '<', today)]))
    .orderBy('id')
    .limit(500)
    .execute();
}

/** The applicant's requests to the scope's agency received in the month of `row`, up to and including it (the nth-request fee). */
export async function sameApplicantInMonth(tx: Tx, scope: AgencyScope, row: RequestRow): Promise<number> {
  const month = (row.receipt_date ?? row.submitted_date).slice(0, 7);
  const same = await tx
    .selectFrom('requests')
    .select(['id'])
    .where('agency_id', '=', scope.agencyId)
    .where('applicant_name', '=', row.applicant_name)
    .where('receipt_date', '>=', `${month}-01`)
    .where('receipt_date', '<=', `${month}-31`)
    .where('id', '<=', row.id)
    .execute();
  return same.length;
}

/** Who recorded the request's latest extension request (the four-eyes rule), within the scope. */
export async function extensionRequester(tx: Tx, scope: AgencyScope, requestId: number): Promise<number | null> {
  const row = await tx
    .selectFrom('request_events')
    .innerJoin('requests', 'requests.id', 'request_events.request_id')
    .select('request_events.actor_user_id')
    .where('request_events.request_id', '=', requestId)
    .where('requests.agency_id', '=', scope.agencyId)
    .where('request_events.type', '=', 'extensionRequested')
    .orderBy('request_events.seq', 'desc')
    .executeTakeFirst();
  return row?.actor_user_id ?? null;
}

export interface PersonalDataAccessInput {
  requestId: number;
  userId: number | null;
  at: string;
  via: string;
  noticeKind: string | null;
  fields: readonly string[];
}

/** Records one read of a request's personal data, in the scope's agency (the request must be in it). */
export async function insertPersonalDataAccess(tx: Tx, scope: AgencyScope, r: PersonalDataAccessInput): Promise<void> {
  await requestRow(tx, scope, r.requestId);
  await tx
    .insertInto('personal_data_access')
    .values({ agency_id: scope.agencyId, request_id: r.requestId, user_id: r.userId, at: r.at, via: r.via, notice_kind: r.noticeKind, fields: r.fields.join(',') })
    .execute();
}

export type PersonalDataAccessRow = Omit<PersonalDataAccessTable, 'id'> & { id: number; display_name: string | null; username: string | null };

/** A page of a request's personal data reads, newest first, within the scope's agency only. */
export async function personalDataAccessPage(tx: Tx, scope: AgencyScope, requestId: number, page: number, pageSize: number): Promise<{ total: number; rows: PersonalDataAccessRow[] }> {
  const base = tx.selectFrom('personal_data_access').where('personal_data_access.request_id', '=', requestId).where('personal_data_access.agency_id', '=', scope.agencyId);
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('users', 'users.id', 'personal_data_access.user_id')
    .selectAll('personal_data_access')
    .select(['users.display_name', 'users.username'])
    .orderBy('personal_data_access.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(n), rows };
}
