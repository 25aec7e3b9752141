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
import { agencyOfRequest, attentionRows, normaliseQueryCode, requestByQueryCode, requestPage, requestRow, requestTimeline, trackingSecret } from './sql.ts';
import { applicantOf, personalFieldsOf, recordPersonalDataRead, seesPersonalData } from './personal-data.ts';
import { DUE_SOON_WORKING_DAYS, eventTypeLabels, type ListFilters, type PublicTracking, type RequestPage, type RequestDetail, type RequestSummary } from './contract.ts';

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
    })),
    allowedActions: allowedActions(view, roles, chinaDate(deps.now())),
    notices: availableNotices(events),
    personalData: full ? 'full' : 'masked',
    mayListPersonalDataReads: allows(scope, 'requests.personalDataAccess'),
  };
}

const TRACK_FAILED = (): AppError => new AppError('TRACKING_NOT_FOUND', '查询码或验证信息不正确', 404);

/**
 * The public tracking page: query code plus the last four digits of the applicant's phone
 * (or ID number). Shows state and dates only — no personal data, no staff names.
 */
export async function trackRequest(deps: ServiceDeps, rawCode: string, secret: string): Promise<PublicTracking> {
  const code = normaliseQueryCode(rawCode);
  const found = await requestByQueryCode(deps.db, code);
  if (!found || !secret || trackingSecret(found.row) !== secret.trim().toUpperCase()) throw TRACK_FAILED();
  const { row, events } = found;
  const agency = await getAgency(deps.db, row.agency_id);
  const v = viewRequest(events, await loadCalendar(deps.db), chinaDate(deps.now()));
  const view = v.ok ? v.value : null;
  const deadlines = view?.deadlines;
  const explanation = deadlines ? deadlines.finalReplyDue.steps : [];
  return {
    queryCode: row.query_code,
    agencyName: agency.name,
    submittedDate: row.submitted_date,
    receiptDate: row.receipt_date,
    statusLabel: view?.statusLabel ?? phaseLabels[row.phase as RequestPhase],
    dueDate: view?.dueDate ?? null,
    dueProvisional: view?.dueProvisional ?? false,
    explanation: explanation.map((s) => ({ label: s.label, date: s.date, detail: s.detail })),
    timeline: events.filter((e) => e.type !== 'note').map((e) => ({ label: eventTypeLabels[e.type], date: e.date })),
    closedDate: row.closed_date,
    outcomeLabel: row.outcome ? outcomeLabels[row.outcome as keyof typeof outcomeLabels]?.leaf ?? null : null,
  };
}
