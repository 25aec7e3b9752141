/** The requests capability's queries: lists and reminders (from the stored projection), details and public tracking. */
import { possibleEvents } from '../../domain/workflow/engine.ts';
import { requestKind } from '../../domain/requests/workflow.ts';
import { addDays, compareIsoDates, type IsoDate, type WorkingCalendar } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { channelLabels, phaseLabels, type RequestChannel, type RequestEvent, type RequestEventType, type RequestPhase } from '../../domain/requests/lifecycle.ts';
import { statusLabelOf, viewRequest, type RequestView } from '../../domain/requests/view.ts';
import { applicantTypeLabels, outcomeLabels, type ApplicantType, type OutcomeCode } from '../../domain/requests/outcomes.ts';
import { maskName } from '../../domain/scan/index.ts';
import type { RequestRow, Role } from '../../storage/schema.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { getAgency } from '../../services/agencies.ts';
import { availableNotices } from '../../services/notices.ts';
import { allows, scopeFor } from '../../services/policy.ts';
import { agencyOfRequest, attentionRows, normaliseQueryCode, requestByQueryCode, requestEvents, requestPage, requestRow, requestTimeline, trackingSecret } from './sql.ts';
import { applicantOf, personalFieldsOf, recordPersonalDataRead, seesPersonalData } from './personal-data.ts';
import { DUE_SOON_WORKING_DAYS, electronicDeliveries, eventTypeLabels, type ListFilters, type PublicTracking, type RequestPage, type RequestDetail, type RequestSummary, type TimelineEntry } from './contract.ts';

function summarise(row: RequestRow, view: RequestView | null, masked: boolean): RequestSummary {
  const organisation = row.applicant_type !== 'natural_person';
  return {
    id: row.id,
    queryCode: row.query_code,
    channel: row.channel as RequestChannel,
    channelLabel: channelLabels[row.channel as RequestChannel] ?? row.channel,
    applicantType: row.applicant_type,
    applicantTypeLabel: applicantTypeLabels[row.applicant_type as ApplicantType] ?? row.applicant_type,
    // Organisation names are not personal data; people's names are masked in lists.
    applicantName: masked && !organisation ? maskName(row.applicant_name) : row.applicant_name,
    description: row.description.length > 80 ? `${row.description.slice(0, 80)}…` : row.description,
    submittedDate: row.submitted_date,
    receiptDate: row.receipt_date,
    phase: row.phase as RequestPhase,
    statusLabel: view?.statusLabel ?? phaseLabels[row.phase as RequestPhase] ?? row.phase,
    outcome: row.outcome,
    dueDate: view?.dueDate ?? null,
    dueProvisional: view?.dueProvisional ?? false,
    overdue: view?.overdue ?? false,
    workingDaysLeft: view?.workingDaysLeft ?? null,
    lapsed: view?.lapsed ?? null,
    closedDate: row.closed_date,
  };
}

/**
 * A list row from the stored projection: no replay. Only the working days left are computed,
 * for the rows of the page.
 */
function summariseRow(row: RequestRow, calendar: WorkingCalendar, today: IsoDate): RequestSummary {
  const due = row.due_date;
  const overdue = due !== null && compareIsoDates(today, due) > 0;
  const lapsed = row.lapse_due !== null && compareIsoDates(today, row.lapse_due) > 0 ? (row.phase === 'awaitingCorrection' ? 'correction' : 'fee') : null;
  return {
    ...summarise(row, null, true),
    statusLabel: statusLabelOf(row.phase as RequestPhase, row.outcome as OutcomeCode | null, row.extension_status as 'requested' | 'approved' | 'rejected' | null),
    dueDate: due,
    dueProvisional: row.due_provisional === 1,
    overdue,
    workingDaysLeft: due && !overdue ? calendar.countWorkingDays(addDays(today, 1), due) : null,
    lapsed,
  };
}

/** The first day that is no longer "due soon": the (DUE_SOON_WORKING_DAYS + 1)th working day after today. */
const notSoonFrom = (calendar: WorkingCalendar, today: IsoDate): IsoDate => calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS + 1).date;

/** Lists an agency's requests from the stored projection: filters, counts and paging in SQL. */
export async function listRequests(deps: ServiceDeps, actor: Actor, filters: ListFilters): Promise<RequestPage> {
  const scope = await scopeFor(deps.db, actor, filters.agencyId);
  const today = chinaDate(deps.now());
  const calendar = await loadCalendar(deps.db);
  const { total, totalCapped, rows } = await requestPage(
    deps.db,
    scope,
    {
      open: filters.phase === 'open' || filters.due !== undefined,
      phase: filters.phase === 'open' || filters.due ? undefined : filters.phase,
      dueBefore: filters.due === 'overdue' ? today : filters.due === 'soon' ? notSoonFrom(calendar, today) : undefined,
      dueFrom: filters.due === 'soon' ? today : undefined,
      year: filters.year,
      q: filters.q,
      qMatchesApplicant: seesPersonalData(scope),
    },
    filters.page,
    filters.pageSize,
  );
  return { total, totalCapped, items: rows.map((r) => summariseRow(r, calendar, today)) };
}

/** Requests needing attention: awaiting receipt, overdue, due within 3 working days, or with a lapsed period. */
export async function reminders(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<RequestSummary[]> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const today = chinaDate(deps.now());
  const calendar = await loadCalendar(deps.db);
  const rows = await attentionRows(deps.db, scope, notSoonFrom(calendar, today), today);
  return rows.map((r) => summariseRow(r, calendar, today)).sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
}

export function describeEvent(e: RequestEvent): string {
  switch (e.type) {
    case 'submitted':
      return `渠道：${channelLabels[e.channel]}`;
    case 'receiptConfirmed':
      return e.method === 'signedFor' ? '已签收' : '双方已确认';
    case 'correctionRequested':
      return `补正事项：${e.items.join('；')}；补正期限 ${e.periodWorkingDays} 个工作日`;
    case 'correctionReceived':
      return [e.via === 'applicant' ? '申请人在线提交' : '', e.text ? `补正内容：${e.text}` : '', e.files?.length ? `材料：${e.files.map((f) => f.name).join('、')}` : '', e.note ?? '']
        .filter(Boolean)
        .join('；');
    case 'consultationStarted':
      return `${e.kind === 'thirdParty' ? '征求第三方意见' : '征求其他机关意见'}：${e.party}`;
    case 'consultationEnded':
      return { consent: '同意公开', objection: '不同意公开', noReply: '逾期未答复' }[e.opinion] + (e.summary ? `；${e.summary}` : '');
    case 'feeNoticeSent':
      return `${e.method === 'perPage' ? '按量计收' : '按件计收'}，${e.amountYuan} 元`;
    case 'feePaid':
      return `已缴 ${e.amountYuan} 元`;
    case 'extensionRequested':
      return `延长 ${e.workingDays} 个工作日；理由：${e.reason}`;
    case 'extensionRejected':
      return `理由：${e.reason}`;
    case 'excessiveDeadlineSet':
      return `答复期限另定为 ${e.dueDate}；理由：${e.reason}`;
    case 'replied':
      return `${outcomeLabels[e.outcome].group}（${outcomeLabels[e.outcome].leaf}）${e.reasons ? `；${e.reasons}` : ''}`;
    case 'note':
      return e.text;
    default:
      return '';
  }
}

/** What may be recorded now: the request kind's own rules through the workflow engine, for these roles. */
function allowedActions(view: RequestView | null, roles: readonly Role[], today: IsoDate): RequestEventType[] {
  if (!view) return [];
  return possibleEvents(requestKind, view.state, roles, today)
    .filter((p) => p.allowed)
    .map((p) => p.type);
}

const supplementLinks = (requestId: number, e: RequestEvent): Pick<TimelineEntry, 'files'> =>
  e.type === 'correctionReceived' && e.files?.length ? { files: e.files.map((f) => ({ name: f.name, size: f.size, url: `/api/v1/requests/${requestId}/supplement-files/${f.key}` })) } : {};

export async function getRequest(deps: ServiceDeps, actor: Actor, id: number): Promise<RequestDetail> {
  const scope = await scopeFor(deps.db, actor, await agencyOfRequest(deps.db, id));
  const roles = scope.roles;
  const row = await requestRow(deps.db, scope, id);
  const eventRows = await requestTimeline(deps.db, scope, id);
  const events = eventRows.map((e) => JSON.parse(e.data_json) as RequestEvent);
  const calendar = await loadCalendar(deps.db);
  const v = viewRequest(events, calendar, chinaDate(deps.now()));
  const view = v.ok ? v.value : null;
  // Handlers see the applicant in full, and the read is on record; anyone else sees masked values.
  const full = seesPersonalData(scope);
  if (full) await recordPersonalDataRead(deps.db, deps, scope, row, 'request.detail', personalFieldsOf(row));
  return {
    ...summarise(row, view, !full),
    agencyId: row.agency_id,
    applicant: applicantOf(row, !full),
    fullDescription: row.description,
    purpose: row.purpose,
    requestedForm: row.requested_form,
    delivery: row.delivery,
    outcomeLabel: row.outcome ? outcomeLabels[row.outcome as keyof typeof outcomeLabels]?.leaf ?? row.outcome : null,
    view,
    timeline: eventRows.map((e, i) => ({
      seq: e.seq,
      type: e.type as RequestEventType,
      label: eventTypeLabels[e.type as RequestEventType] ?? e.type,
      date: e.date,
      detail: describeEvent(events[i]!),
      recordedAt: e.recorded_at,
      actor: e.username,
      ...supplementLinks(id, events[i]!),
    })),
    allowedActions: allowedActions(view, roles, chinaDate(deps.now())),
    notices: availableNotices(events),
    personalData: full ? 'full' : 'masked',
    mayListPersonalDataReads: allows(scope, 'requests.personalDataAccess'),
  };
}

const TRACK_FAILED = (): AppError => new AppError('TRACKING_NOT_FOUND', '查询码或验证信息不正确', 404);

/**
 * The request whose query code and secret (the last four digits of the applicant's phone, or of
 * the ID number) the citizen gave; the same answer for an unknown code and a wrong secret.
 */
export async function requestOfApplicant(deps: ServiceDeps, rawCode: string, secret: string): Promise<{ row: RequestRow; events: RequestEvent[] }> {
  const found = await requestByQueryCode(deps.db, normaliseQueryCode(rawCode));
  const expected = found ? trackingSecret(found.row) : '';
  if (!found || !expected || !secret || expected !== secret.trim().toUpperCase()) throw TRACK_FAILED();
  return found;
}

/** Whether the applicant chose to receive the answer electronically. */
export const deliversElectronically = (row: Pick<RequestRow, 'delivery'>): boolean => (electronicDeliveries as readonly string[]).includes(row.delivery);

/**
 * The public tracking page: query code plus the last four digits of the applicant's phone
 * (or ID number). Shows state and dates only — no personal data, no staff names.
 */
export async function trackRequest(deps: ServiceDeps, rawCode: string, secret: string): Promise<PublicTracking> {
  const { row, events } = await requestOfApplicant(deps, rawCode, secret);
  const agency = await getAgency(deps.db, row.agency_id);
  const today = chinaDate(deps.now());
  const v = viewRequest(events, await loadCalendar(deps.db), today);
  const view = v.ok ? v.value : null;
  const closed = row.phase === 'closed';
  // Once closed, the deadline and how it was counted (with its provisional-calendar caveat) no longer matter.
  const explanation = view?.deadlines && !closed ? view.deadlines.finalReplyDue.steps : [];
  const c = view?.state.phase === 'awaitingCorrection' ? view.state.correction : null;
  const correctionDue = c ? (view?.deadlines?.correctionPeriodDue?.date ?? null) : null;
  return {
    queryCode: row.query_code,
    agencyName: agency.name,
    submittedDate: row.submitted_date,
    receiptDate: row.receipt_date,
    statusLabel: view?.statusLabel ?? phaseLabels[row.phase as RequestPhase],
    dueDate: closed ? null : (view?.dueDate ?? null),
    dueProvisional: !closed && (view?.dueProvisional ?? false),
    explanation: explanation.map((s) => ({ label: s.label, date: s.date, detail: s.detail })),
    timeline: events.filter((e) => e.type !== 'note').map((e) => ({ label: eventTypeLabels[e.type], date: e.date })),
    closedDate: row.closed_date,
    outcomeLabel: row.outcome ? outcomeLabels[row.outcome as keyof typeof outcomeLabels]?.leaf ?? null : null,
    correction: c ? { items: c.items, servedDate: c.servedDate, periodWorkingDays: c.periodWorkingDays, dueDate: correctionDue } : null,
    supplementOpen: c !== null && (correctionDue === null || compareIsoDates(today, correctionDue) <= 0),
    replyAvailable: closed && deliversElectronically(row) && events.some((e) => e.type === 'replied'),
  };
}

/**
 * A file the applicant sent with a 补正 online, for those who handle requests (it may hold the
 * applicant's documents, as a notice holds the name): found among the request's own events only.
 */
export async function supplementFile(deps: ServiceDeps, actor: Actor, requestId: number, key: string): Promise<{ name: string; mime: string; data: Buffer }> {
  const scope = await scopeFor(deps.db, actor, await agencyOfRequest(deps.db, requestId), 'requests.personalData');
  const events = await requestEvents(deps.db, scope, requestId);
  const file = events.flatMap((e) => (e.type === 'correctionReceived' ? (e.files ?? []) : [])).find((f) => f.key === key);
  if (!file) throw new AppError('SUPPLEMENT_FILE_NOT_FOUND', '该申请没有这份补正材料', 404);
  return { name: file.name, mime: file.mime, data: await deps.files.get(file.key) };
}
