import { randomInt } from 'node:crypto';
import { getSelfReview } from './self-review.ts';
import { scopeFor } from './policy.ts';
import { compareIsoDates, dateProblem, type IsoDate, type WorkingCalendar } from '../domain/calendar/index.ts';
import { perPageFee, perRequestFeeForNth, type FeeQuote } from '../domain/fees/index.ts';
import {
  channelLabels,
  checkAgainstClock,
  phaseLabels,
  replay,
  roleMayRecord,
  viewRequest,
  type RequestChannel,
  type RequestEvent,
  type RequestEventType,
  type RequestPhase,
  type RequestView,
} from '../domain/requests/lifecycle.ts';
import { applicantTypeLabels, isApplicantType, outcomeLabels, type ApplicantType } from '../domain/requests/outcomes.ts';
import { isValidIdNumber } from '../domain/scan/index.ts';
import type { RequestEventRow, RequestRow, Role } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { loadCalendar } from './calendar.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { getAgency } from './agencies.ts';
import { availableNotices } from './notices.ts';
import type { NoticeKind } from '../views/notices/index.ts';

export const idTypes = { resident_id: '居民身份证', passport: '护照', hk_macao_taiwan: '港澳台居民证件', credit_code: '统一社会信用代码', other: '其他证件' } as const;
export type IdType = keyof typeof idTypes;
export const requestedForms = { paper: '纸质', electronic: '电子', either: '纸质或电子均可' } as const;
export const deliveries = { pickup: '自行领取', post: '邮寄', email: '电子邮件', online: '网上获取', fax: '传真' } as const;

export interface ApplicantInput {
  type: ApplicantType;
  name: string;
  idType?: IdType | undefined;
  idNumber?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
  /** For organisations: the person to contact. */
  contactPerson?: string | undefined;
}

export interface NewRequestInput {
  applicant: ApplicantInput;
  description: string;
  purpose?: string | undefined;
  requestedForm: keyof typeof requestedForms;
  delivery: keyof typeof deliveries;
}

export interface IntakeInput extends NewRequestInput {
  agencyId: number;
  channel: RequestChannel;
  /** The day it was handed in / posted / sent. */
  submittedDate: IsoDate;
  /** Art. 31 receipt: the day signed for (registered mail) or both sides confirmed. Not for 当面. */
  receipt?: { date: IsoDate; method: 'signedFor' | 'confirmed' } | undefined;
}

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

function validateApplicant(a: ApplicantInput, online: boolean): ApplicantInput {
  const errors: string[] = [];
  if (!isApplicantType(a.type)) errors.push('申请人类型无效');
  const name = a.name?.trim() ?? '';
  if (!name || name.length > 100) errors.push('申请人姓名或名称须为 1–100 个字符');
  const phone = a.phone?.replace(/[\s-]/g, '') || undefined;
  if (phone && !/^\+?\d{5,20}$/.test(phone)) errors.push('联系电话格式不正确');
  const email = a.email?.trim() || undefined;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push('电子邮箱格式不正确');
  const idNumber = a.idNumber?.replace(/\s/g, '').toUpperCase() || undefined;
  if (a.idType === 'resident_id' && idNumber && !isValidIdNumber(idNumber)) errors.push('居民身份证号码无效（校验位不符）');
  if (online && (!a.idType || !idNumber)) errors.push('网上申请须填写身份证明（证件类型和号码）（条例第二十九条）');
  if (!phone && !email && !a.address?.trim()) errors.push('须至少填写一种联系方式（条例第二十九条）');
  if (!phone && !idNumber) errors.push('须填写联系电话或证件号码，用于查询办理进度');
  if (a.type !== 'natural_person' && online && !a.contactPerson?.trim()) errors.push('法人或其他组织须填写联系人');
  if (errors.length) throw new AppError('INVALID_APPLICANT', errors.join('；'), 400, { problems: errors });
  return { ...a, name, phone, email, idNumber, address: a.address?.trim() || undefined, contactPerson: a.contactPerson?.trim() || undefined };
}

function validateRequest(input: NewRequestInput): void {
  const description = input.description?.trim() ?? '';
  if (description.length < 2) throw new AppError('INVALID_DESCRIPTION', '请写明所需政府信息的名称、文号或便于查询的其他特征描述（条例第二十九条）');
  if (description.length > 5000) throw new AppError('INVALID_DESCRIPTION', '所需信息描述不能超过 5000 字');
  if (!(input.requestedForm in requestedForms)) throw new AppError('INVALID_FORM', '获取信息的形式无效');
  if (!(input.delivery in deliveries)) throw new AppError('INVALID_DELIVERY', '获取信息的方式无效');
}

/** The secret the applicant proves on the tracking page: last 4 digits of the phone, else of the ID. */
function trackingSecret(row: Pick<RequestRow, 'applicant_phone' | 'applicant_id_number'>): string {
  return (row.applicant_phone ?? row.applicant_id_number ?? '').slice(-4).toUpperCase();
}

async function insertRequest(
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

async function appendEvents(tx: Tx, deps: ServiceDeps, requestId: number, existing: RequestEvent[], events: RequestEvent[], actorUserId: number | null): Promise<void> {
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
  const s = replayed.value;
  await tx
    .updateTable('requests')
    .set({ phase: s.phase, outcome: s.outcome, receipt_date: s.receiptDate, closed_date: s.closedDate })
    .where('id', '=', requestId)
    .execute();
}

async function eventsOf(tx: Tx, requestId: number): Promise<RequestEvent[]> {
  const rows = await tx.selectFrom('request_events').select('data_json').where('request_id', '=', requestId).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.data_json) as RequestEvent);
}

/** The actor's roles in the agency, through the one policy (FORBIDDEN for non-staff). */
async function requireStaff(tx: Tx, actor: Actor, agencyId: number): Promise<readonly Role[]> {
  return (await scopeFor(tx, actor, agencyId)).roles;
}

/** A request from the public portal: on the clock only once staff confirm receipt (Art. 31). */
export async function submitOnline(deps: ServiceDeps, agencyId: number, input: NewRequestInput): Promise<{ id: number; queryCode: string; trackingHint: string }> {
  validateRequest(input);
  const applicant = validateApplicant(input.applicant, true);
  const today = chinaDate(deps.now());
  return deps.db.transaction().execute(async (tx) => {
    await getAgency(tx, agencyId);
    const created = await insertRequest(tx, deps, agencyId, 'online', input, applicant, today, null);
    await appendEvents(tx, deps, created.id, [], [{ type: 'submitted', date: today, channel: 'online' }], null);
    await appendAudit(tx, { at: deps.now(), actorUserId: null, agencyId, action: 'request.submit-online', entity: 'request', entityId: created.id, after: { queryCode: created.queryCode } });
    return { ...created, trackingHint: applicant.phone ? '联系电话后四位' : '证件号码后四位' };
  });
}

/** Staff records a request that came in person, by letter, fax, e-mail or otherwise. */
export async function intakeRequest(deps: ServiceDeps, actor: Actor, input: IntakeInput): Promise<{ id: number; queryCode: string }> {
  validateRequest(input);
  const applicant = validateApplicant(input.applicant, false);
  const submittedProblem = dateProblem(input.submittedDate, '提交日期');
  if (submittedProblem) throw new AppError('INVALID_DATE', submittedProblem);
  const today = chinaDate(deps.now());
  if (compareIsoDates(input.submittedDate, today) > 0) throw new AppError('INVALID_DATE', '提交日期不能晚于今天');
  const events: RequestEvent[] = [{ type: 'submitted', date: input.submittedDate, channel: input.channel }];
  if (input.channel === 'inPerson') {
    if (input.receipt) throw new AppError('INVALID_RECEIPT', '当面提交的申请以提交之日为收到之日，无需另行确认');
  } else if (input.receipt) {
    if (compareIsoDates(input.receipt.date, today) > 0) throw new AppError('INVALID_DATE', '确认收到日期不能晚于今天');
    events.push({ type: 'receiptConfirmed', date: input.receipt.date, method: input.receipt.method });
  }
  return deps.db.transaction().execute(async (tx) => {
    const roles = await requireStaff(tx, actor, input.agencyId);
    if (!roleMayRecord('submitted', roles)) throw forbidden('只有信息员、负责人或管理员可以登记申请');
    const actorId = actor.kind === 'user' ? actor.userId : null;
    const created = await insertRequest(tx, deps, input.agencyId, input.channel, input, applicant, input.submittedDate, actorId);
    await appendEvents(tx, deps, created.id, [], events, actorId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId: input.agencyId, action: 'request.intake', entity: 'request', entityId: created.id, after: { channel: input.channel, queryCode: created.queryCode } });
    return created;
  });
}

export const eventTypeLabels: Record<RequestEventType, string> = {
  submitted: '提交申请',
  receiptConfirmed: '确认收到申请',
  correctionRequested: '发出补正告知',
  correctionReceived: '收到补正材料',
  consultationStarted: '发出征求意见函',
  consultationEnded: '征求意见结束',
  feeNoticeSent: '发出收费通知',
  feePaid: '申请人缴费',
  extensionRequested: '申请延期答复',
  extensionApproved: '批准延期',
  extensionRejected: '不批准延期',
  excessiveReasonsRequested: '要求说明理由（第三十五条）',
  excessiveDeadlineSet: '另行确定答复期限',
  replied: '作出答复',
  note: '备注',
};

/** What staff submit for a fee notice: the fee is computed, never typed in. */
export type EventInput =
  | Exclude<RequestEvent, { type: 'feeNoticeSent' } | { type: 'submitted' }>
  | { type: 'feeNoticeSent'; date: IsoDate; receivedDate?: IsoDate; method: 'perRequest' | 'perPage'; quantity?: number };

/** Quotes the processing fee: per page, or for the nth request of the applicant this month. */
export async function quoteFee(tx: Tx, row: RequestRow, method: 'perRequest' | 'perPage', quantity?: number): Promise<{ quote: FeeQuote; quantity: number }> {
  let n = quantity;
  if (method === 'perRequest' && n === undefined) {
    // The applicant's requests received in the same calendar month, up to and including this one.
    const month = (row.receipt_date ?? row.submitted_date).slice(0, 7);
    const same = await tx
      .selectFrom('requests')
      .select(['id', 'receipt_date'])
      .where('agency_id', '=', row.agency_id)
      .where('applicant_name', '=', row.applicant_name)
      .where('receipt_date', '>=', `${month}-01`)
      .where('receipt_date', '<=', `${month}-31`)
      .execute();
    n = same.filter((r) => r.id <= row.id).length || 1;
  }
  if (n === undefined) throw new AppError('INVALID_FEE', '按量计收须填写页数');
  const result = method === 'perPage' ? perPageFee(n) : perRequestFeeForNth(n);
  if (!result.ok) throw new AppError('INVALID_FEE', result.errors.join('；'));
  return { quote: result.value, quantity: n };
}

/**
 * The four-eyes rule for extensions: whoever asked for the extension does not approve it, unless
 * the agency allows self-review (then the approval is marked as such). Returns whether it is one.
 */
async function extensionSelfApproval(tx: Tx, actor: Actor, agencyId: number, requestId: number, type: string): Promise<boolean> {
  if (actor.kind !== 'user' || (type !== 'extensionApproved' && type !== 'extensionRejected')) return false;
  const asked = await tx.selectFrom('request_events').select('actor_user_id').where('request_id', '=', requestId).where('type', '=', 'extensionRequested').orderBy('seq', 'desc').executeTakeFirst();
  if (asked?.actor_user_id !== actor.userId) return false;
  if (!(await getSelfReview(tx, agencyId)).allowed) {
    throw forbidden('申请延期的工作人员不能审批本人的延期申请（四眼原则）；本机构仅一人办公的，可由管理员在“机构设置”中开启自审并写明理由');
  }
  return true;
}

/** Records one step of the lifecycle, refusing anything the 条例 does not allow. */
export async function recordEvent(deps: ServiceDeps, actor: Actor, requestId: number, input: EventInput): Promise<RequestDetail> {
  const today = chinaDate(deps.now());
  const dateIssue = dateProblem(input.date);
  if (dateIssue) throw new AppError('INVALID_DATE', dateIssue);
  if (compareIsoDates(input.date, today) > 0) throw new AppError('INVALID_DATE', '日期不能晚于今天');
  await deps.db.transaction().execute(async (tx) => {
    const row = await getRequestRow(tx, requestId);
    const roles = await requireStaff(tx, actor, row.agency_id);
    if (!roleMayRecord(input.type, roles)) {
      throw forbidden(input.type === 'extensionApproved' || input.type === 'extensionRejected' ? '延期须经负责人批准（条例第三十三条）' : '您的角色不能执行此操作');
    }
    const selfApproval = await extensionSelfApproval(tx, actor, row.agency_id, requestId, input.type);
    let event: RequestEvent;
    if (input.type === 'feeNoticeSent') {
      const { quote, quantity } = await quoteFee(tx, row, input.method, input.quantity);
      if (quote.totalYuan <= 0) throw new AppError('FEE_NOT_DUE', `${quote.summary}，无需收费`, 409);
      event = { ...input, quantity, amountYuan: quote.totalYuan };
    } else {
      event = input;
    }
    const existing = await eventsOf(tx, requestId);
    const calendar = await loadCalendar(tx);
    const before = viewRequest(existing, calendar, event.date);
    if (before.ok) {
      const problems = checkAgainstClock(before.value, event);
      if (problems.length) throw new AppError('TRANSITION_REFUSED', problems.join('；'), 409);
    }
    const actorId = actor.kind === 'user' ? actor.userId : null;
    await appendEvents(tx, deps, requestId, existing, [event], actorId);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId: row.agency_id, action: `request.${event.type}`, entity: 'request', entityId: requestId, after: selfApproval ? { ...event, selfReview: true } : event });
  });
  return getRequest(deps, actor, requestId);
}

async function getRequestRow(tx: Tx, id: number): Promise<RequestRow> {
  const row = await tx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('申请');
  return row;
}

export interface RequestSummary {
  id: number;
  queryCode: string;
  channel: RequestChannel;
  channelLabel: string;
  applicantType: string;
  applicantTypeLabel: string;
  applicantName: string;
  description: string;
  submittedDate: string;
  receiptDate: string | null;
  phase: RequestPhase;
  statusLabel: string;
  outcome: string | null;
  dueDate: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  workingDaysLeft: number | null;
  lapsed: RequestView['lapsed'];
  closedDate: string | null;
}

const maskName = (name: string): string => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`);

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

export interface ListFilters {
  agencyId: number;
  phase?: RequestPhase | 'open' | undefined;
  due?: 'soon' | 'overdue' | undefined;
  year?: number | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** "Due soon": within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

async function viewsFor(tx: Tx, rows: RequestRow[], calendar: WorkingCalendar, today: IsoDate): Promise<Map<number, RequestView>> {
  const views = new Map<number, RequestView>();
  if (rows.length === 0) return views;
  const events = await tx.selectFrom('request_events').select(['request_id', 'data_json']).where('request_id', 'in', rows.map((r) => r.id)).orderBy('request_id').orderBy('seq').execute();
  const byRequest = new Map<number, RequestEvent[]>();
  for (const e of events) {
    const list = byRequest.get(e.request_id) ?? [];
    list.push(JSON.parse(e.data_json) as RequestEvent);
    byRequest.set(e.request_id, list);
  }
  for (const row of rows) {
    const v = viewRequest(byRequest.get(row.id) ?? [], calendar, today);
    if (v.ok) views.set(row.id, v.value);
  }
  return views;
}

/** Lists an agency's requests; due dates are computed now from the events and the current calendar. */
export async function listRequests(deps: ServiceDeps, actor: Actor, filters: ListFilters): Promise<{ total: number; items: RequestSummary[] }> {
  await requireStaff(deps.db, actor, filters.agencyId);
  const today = chinaDate(deps.now());
  let query = deps.db.selectFrom('requests').selectAll().where('agency_id', '=', filters.agencyId);
  if (filters.phase === 'open' || filters.due) query = query.where('phase', '!=', 'closed');
  else if (filters.phase) query = query.where('phase', '=', filters.phase);
  if (filters.year) {
    const y = filters.year;
    // Everything that counts in that year's report: received in it, or open at its start.
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('submitted_date', '>=', `${y}-01-01`), eb('submitted_date', '<=', `${y}-12-31`)]),
        eb.and([eb('receipt_date', '<', `${y}-01-01`), eb.or([eb('closed_date', 'is', null), eb('closed_date', '>=', `${y}-01-01`)])]),
      ]),
    );
  }
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('query_code', 'like', like), eb('description', 'like', like), eb('applicant_name', 'like', like)]));
  }
  const rows = await query.orderBy('id', 'desc').execute();
  const calendar = await loadCalendar(deps.db);
  const open = rows.filter((r) => r.phase !== 'closed');
  const views = await viewsFor(deps.db, filters.due ? open : rows.slice((filters.page - 1) * filters.pageSize, filters.page * filters.pageSize), calendar, today);
  let selected = rows;
  if (filters.due === 'overdue') selected = open.filter((r) => views.get(r.id)?.overdue);
  if (filters.due === 'soon') {
    selected = open.filter((r) => {
      const v = views.get(r.id);
      return v && !v.overdue && v.workingDaysLeft !== null && v.workingDaysLeft <= DUE_SOON_WORKING_DAYS;
    });
  }
  const page = filters.due ? selected.slice((filters.page - 1) * filters.pageSize, filters.page * filters.pageSize) : selected.slice((filters.page - 1) * filters.pageSize, filters.page * filters.pageSize);
  return { total: selected.length, items: page.map((r) => summarise(r, views.get(r.id) ?? null, true)) };
}

/** Requests needing attention: overdue, due within 3 working days, or with a lapsed period. */
export async function reminders(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<RequestSummary[]> {
  await requireStaff(deps.db, actor, agencyId);
  const today = chinaDate(deps.now());
  const rows = await deps.db.selectFrom('requests').selectAll().where('agency_id', '=', agencyId).where('phase', '!=', 'closed').orderBy('id').execute();
  const views = await viewsFor(deps.db, rows, await loadCalendar(deps.db), today);
  return rows
    .map((r) => ({ r, v: views.get(r.id) }))
    .filter(({ v, r }) => r.phase === 'awaitingReceipt' || (v && (v.overdue || v.lapsed || (v.workingDaysLeft !== null && v.workingDaysLeft <= DUE_SOON_WORKING_DAYS))))
    .map(({ r, v }) => summarise(r, v ?? null, true))
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
}

export interface TimelineEntry {
  seq: number;
  type: RequestEventType;
  label: string;
  date: string;
  detail: string;
  recordedAt: string;
  actor: string | null;
}

export interface RequestDetail extends RequestSummary {
  agencyId: number;
  applicant: {
    type: string;
    name: string;
    idType: string | null;
    idNumber: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    contactPerson: string | null;
  };
  fullDescription: string;
  purpose: string | null;
  requestedForm: string;
  delivery: string;
  outcomeLabel: string | null;
  view: RequestView | null;
  timeline: TimelineEntry[];
  /** Event types that may be recorded now, given the state and the actor's roles. */
  allowedActions: RequestEventType[];
  /** Formal notices the history supports. */
  notices: NoticeKind[];
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

const candidateActions: RequestEventType[] = [
  'receiptConfirmed',
  'correctionRequested',
  'correctionReceived',
  'consultationStarted',
  'consultationEnded',
  'feeNoticeSent',
  'feePaid',
  'extensionRequested',
  'extensionApproved',
  'extensionRejected',
  'excessiveReasonsRequested',
  'excessiveDeadlineSet',
  'replied',
  'note',
];

/** Which actions the state admits (ignoring dates): the workspace shows only these buttons. */
function allowedActions(view: RequestView | null, roles: readonly Role[]): RequestEventType[] {
  if (!view) return [];
  const s = view.state;
  const ok = (t: RequestEventType): boolean => {
    if (!roleMayRecord(t, roles)) return false;
    if (t === 'note') return true;
    if (s.phase === 'closed') return false;
    if (t === 'receiptConfirmed') return s.receiptDate === null;
    if (s.receiptDate === null) return false;
    switch (t) {
      case 'correctionRequested':
        return !s.correction && s.phase === 'processing';
      case 'correctionReceived':
        return s.phase === 'awaitingCorrection';
      case 'consultationStarted':
      case 'feeNoticeSent':
        return s.phase === 'processing' && (t !== 'feeNoticeSent' || !s.fee);
      case 'consultationEnded':
        return s.phase === 'consulting';
      case 'feePaid':
        return s.phase === 'awaitingPayment';
      case 'extensionRequested':
        return (!s.extension || s.extension.status === 'rejected') && s.phase !== 'awaitingCorrection';
      case 'extensionApproved':
      case 'extensionRejected':
        return s.extension?.status === 'requested';
      case 'excessiveReasonsRequested':
        return !s.excessive?.reasonsRequestedDate;
      case 'excessiveDeadlineSet':
        return !!s.excessive?.reasonsRequestedDate && !s.excessive.dueDate;
      case 'replied':
        return s.phase !== 'consulting';
      default:
        return false;
    }
  };
  return candidateActions.filter(ok);
}

export async function getRequest(deps: ServiceDeps, actor: Actor, id: number): Promise<RequestDetail> {
  const row = await getRequestRow(deps.db, id);
  const roles = await requireStaff(deps.db, actor, row.agency_id);
  const eventRows: (RequestEventRow & { username: string | null })[] = await deps.db
    .selectFrom('request_events')
    .leftJoin('users', 'users.id', 'request_events.actor_user_id')
    .selectAll('request_events')
    .select('users.display_name as username')
    .where('request_id', '=', id)
    .orderBy('seq')
    .execute();
  const events = eventRows.map((e) => JSON.parse(e.data_json) as RequestEvent);
  const calendar = await loadCalendar(deps.db);
  const v = viewRequest(events, calendar, chinaDate(deps.now()));
  const view = v.ok ? v.value : null;
  return {
    ...summarise(row, view, false),
    agencyId: row.agency_id,
    applicant: {
      type: row.applicant_type,
      name: row.applicant_name,
      idType: row.applicant_id_type,
      idNumber: row.applicant_id_number,
      phone: row.applicant_phone,
      email: row.applicant_email,
      address: row.applicant_address,
      contactPerson: row.contact_person,
    },
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
    allowedActions: allowedActions(view, roles),
    notices: availableNotices(events),
  };
}

export interface PublicTracking {
  queryCode: string;
  agencyName: string;
  submittedDate: string;
  receiptDate: string | null;
  statusLabel: string;
  dueDate: string | null;
  dueProvisional: boolean;
  explanation: { label: string; date?: string | undefined; detail: string }[];
  timeline: { label: string; date: string }[];
  closedDate: string | null;
  outcomeLabel: string | null;
}

const TRACK_FAILED = (): AppError => new AppError('TRACKING_NOT_FOUND', '查询码或验证信息不正确', 404);

/**
 * The public tracking page: query code plus the last four digits of the applicant's phone
 * (or ID number). Shows state and dates only — no personal data, no staff names.
 */
export async function trackRequest(deps: ServiceDeps, rawCode: string, secret: string): Promise<PublicTracking> {
  const code = normaliseQueryCode(rawCode);
  const row = await deps.db.selectFrom('requests').selectAll().where('query_code', '=', code).executeTakeFirst();
  if (!row || !secret || trackingSecret(row) !== secret.trim().toUpperCase()) throw TRACK_FAILED();
  const agency = await getAgency(deps.db, row.agency_id);
  const events = await eventsOf(deps.db, row.id);
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
