import { receiptChannelOf, channelLabels, type RequestEvent, type RequestChannel } from '../domain/requests/lifecycle.ts';
import { viewRequest } from '../domain/requests/view.ts';
import { NoticeDataError, renderNoticeDocx, renderNoticeHtml, noticeTitle, type Notice, type NoticeCommon, type NoticeKind } from '../views/notices/index.ts';
import { appendAudit } from '../storage/audit.ts';
import { REPLY_WORKING_DAYS } from '../domain/deadlines/index.ts';
import { AppError } from './errors.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { scopeFor, type AgencyScope } from './policy.ts';
import { agencyRow } from '../capabilities/agencies/sql.ts';
import { getNoticeSettings } from '../capabilities/agencies/queries.ts';
import { loadCalendar } from './calendar.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { quoteFee } from './requests.ts';
import { agencyOfRequest, requestEvents, requestRow } from '../capabilities/requests/sql.ts';
import { claimNoticeNumber, formatNoticeNumber, issuedNoticeNumber, nextNoticeSeq } from '../capabilities/requests/notice-numbers.ts';
import { noticeFieldsOf, recordPersonalDataRead } from '../capabilities/requests/personal-data.ts';
import type { PersonalDataVia } from '../capabilities/requests/contract.ts';

export { noticeKindLabels } from '../capabilities/requests/contract.ts';
import { noticeKindLabels } from '../capabilities/requests/contract.ts';

/** Which notices a request's history supports, in the order they arise. */
export function availableNotices(events: readonly RequestEvent[]): NoticeKind[] {
  const types = new Set(events.map((e) => e.type));
  const out: NoticeKind[] = [];
  if (events.some((e) => e.type === 'receiptConfirmed') || events[0]?.type === 'submitted' && (events[0] as { channel: string }).channel === 'inPerson') out.push('acknowledgement');
  if (types.has('correctionRequested')) out.push('correction');
  if (types.has('consultationStarted')) out.push('consultation');
  if (types.has('feeNoticeSent')) out.push('fee');
  if (types.has('extensionApproved')) out.push('extension');
  if (types.has('replied')) out.push('reply');
  return out;
}

/** Assembles a notice from the request's records; refuses (409) when a fact is missing. */
async function buildNotice(deps: ServiceDeps, scope: AgencyScope, requestId: number, kind: NoticeKind): Promise<Notice> {
  const row = await requestRow(deps.db, scope, requestId);
  const events = await requestEvents(deps.db, scope, requestId);
  if (!availableNotices(events).includes(kind)) throw new AppError('NOTICE_NOT_APPLICABLE', `该申请尚无可出具的${noticeKindLabels[kind]}`, 409);
  const today = chinaDate(deps.now());
  const calendar = await loadCalendar(deps.db);
  const view = viewRequest(events, calendar, today);
  if (!view.ok || !view.value.deadlines || !row.receipt_date) throw new AppError('NOTICE_NOT_APPLICABLE', '须先确认收到申请', 409);
  const d = view.value.deadlines;
  const s = view.value.state;
  const agency = await agencyRow(deps.db, scope);
  const settings = await getNoticeSettings(deps.db, scope);
  const last = <T extends RequestEvent['type']>(type: T) => [...events].reverse().find((e) => e.type === type) as Extract<RequestEvent, { type: T }> | undefined;
  const common: NoticeCommon = {
    // Signed with the agency's full name (常平乡人民政府), as a formal notice is; the short name only when none is set.
    agency: { name: agency.full_name ?? agency.name, officeName: settings.officeName ?? `${agency.full_name ?? agency.name}政府信息公开工作机构`, ...(settings.address ? { address: settings.address } : {}), ...(settings.phone ? { phone: settings.phone } : {}) },
    request: {
      queryCode: row.query_code,
      applicantName: row.applicant_name,
      applicantKind: row.applicant_type === 'natural_person' ? 'person' : 'organisation',
      receivedDate: row.receipt_date,
      description: row.description,
      channelLabel: channelLabels[row.channel as RequestChannel] ?? row.channel,
    },
    issueDate: today,
  };
  switch (kind) {
    case 'acknowledgement':
      return { ...common, kind, issueDate: row.receipt_date, receiptChannel: receiptChannelOf(s.channel, s.receiptMethod), // The receipt states the statutory date as of receipt; later pauses are notified separately.
        replyDueDate: calendar.addWorkingDays(row.receipt_date, REPLY_WORKING_DAYS).date, trackingUrl: `${settings.portalUrl ?? ''}/org/${agency.code}/open/request/track` };
    case 'correction': {
      const e = last('correctionRequested')!;
      return { ...common, kind, issueDate: e.date, items: e.items, periodWorkingDays: e.periodWorkingDays, periodLastDate: d.correctionPeriodDue?.date ?? e.date };
    }
    case 'extension': {
      const e = last('extensionApproved')!;
      return { ...common, kind, issueDate: e.date, originalDueDate: d.replyDue.date!, extensionWorkingDays: s.extension!.workingDays, newDueDate: d.extendedReplyDue?.date ?? d.finalReplyDue.date!, reason: s.extension!.reason, approvedByOfficeHead: true };
    }
    case 'consultation': {
      const e = last('consultationStarted')!;
      return { ...common, kind, issueDate: e.date, variant: e.kind, recipientName: e.party, informationConcerned: row.description };
    }
    case 'fee': {
      const e = last('feeNoticeSent')!;
      const { quote } = await quoteFee(deps.db, scope, row, e.method, e.quantity);
      return { ...common, kind, issueDate: e.date, quote, paymentMethod: settings.paymentMethod ?? '', paymentLastDate: d.paymentDue?.date ?? e.date };
    }
    case 'reply': {
      const e = last('replied')!;
      const correction = last('correctionRequested');
      const fee = last('feeNoticeSent');
      const reasons = last('excessiveReasonsRequested');
      const x = e.details ?? {};
      const method = x.provision ?? (row.delivery === 'email' ? '通过电子邮件发送' : row.delivery === 'post' ? '邮寄' : '到本机关领取');
      return {
        ...common,
        kind,
        issueDate: e.date,
        outcome: e.outcome,
        ...(e.reasons ? { reasons: e.reasons } : {}),
        ...(e.outcome === 'disclosed' || e.outcome === 'partially_disclosed' ? { provision: { method, ...(x.alreadyPublic && e.outcome === 'disclosed' ? { alreadyPublic: true } : {}) } } : {}),
        ...(x.notHeldBasis ? { notHeld: { basis: x.notHeldBasis, ...(x.competentAgency ? { competentAgency: x.competentAgency } : {}), ...(x.competentAgencyContact ? { competentAgencyContact: x.competentAgencyContact } : {}) } } : {}),
        ...(x.specialMatter && x.specialLaw ? { specialRegime: { matter: x.specialMatter, law: x.specialLaw, ...(x.whereToApply ? { whereToApply: x.whereToApply } : {}) } } : {}),
        ...(x.previousReplyDate ? { previousReply: { date: x.previousReplyDate } } : {}),
        ...(x.whereToObtain ? { publication: { whereToObtain: x.whereToObtain, ...(x.publicationTitle ? { title: x.publicationTitle } : {}) } } : {}),
        ...(x.properChannel ? { properChannel: x.properChannel } : {}),
        ...(correction ? { correction: { noticeDate: correction.date, ...(d.correctionPeriodDue?.date ? { periodLastDate: d.correctionPeriodDue.date } : {}), ...(s.correction?.receivedDate ? { supplementReceivedDate: s.correction.receivedDate } : {}) } } : {}),
        ...(fee && d.paymentDue?.date ? { feeNotice: { noticeDate: fee.date, paymentLastDate: d.paymentDue.date } } : {}),
        ...(reasons ? { reasonsRequestedDate: reasons.date } : {}),
        remedies: { ...(settings.reconsiderationBody ? { reconsiderationBody: settings.reconsiderationBody } : {}), ...(settings.court ? { court: settings.court } : {}) },
      };
    }
  }
}

/**
 * Renders a notice as printable HTML or DOCX, and records that it was issued and who read the
 * applicant's name in it (`via`), after it rendered (a refused notice records nothing).
 */
async function renderNoticeIn(deps: ServiceDeps, scope: AgencyScope, requestId: number, kind: NoticeKind, format: 'html' | 'docx', via: PersonalDataVia) {
  const built = await buildNotice(deps, scope, requestId, kind);
  const prefix = (await getNoticeSettings(deps.db, scope)).docNumberPrefix?.trim();
  try {
    // A 文号 once given stays; a new one is claimed only after the notice rendered, so a notice
    // refused for missing settings uses up no number. Two issues at once: the loser reads again.
    for (let attempt = 1; ; attempt++) {
      const issued = await issuedNoticeNumber(deps.db, scope, requestId, kind);
      const year = Number(built.issueDate.slice(0, 4));
      const seq = issued === null && prefix ? await nextNoticeSeq(deps.db, scope, year) : null;
      const docNumber = issued ?? (seq !== null && prefix ? formatNoticeNumber(prefix, year, seq) : undefined);
      const notice: Notice = docNumber ? { ...built, docNumber } : built;
      const body = format === 'html' ? renderNoticeHtml(notice) : await renderNoticeDocx(notice);
      if (seq !== null && docNumber && !(await claimNoticeNumber(deps.db, scope, { requestId, kind, year, seq, docNumber, at: deps.now() }))) {
        if (attempt < 5) continue;
        throw new AppError('NOTICE_NUMBER_BUSY', '文号分配冲突，请稍后重试', 409);
      }
      return await recordIssue(deps, scope, requestId, kind, format, via, notice, body);
    }
  } catch (err) {
    if (err instanceof NoticeDataError) {
      throw new AppError('NOTICE_INCOMPLETE', `${err.message}。请在“系统管理 → 文书设置”中补全本机关信息`, 409, { problems: err.problems });
    }
    throw err;
  }
}

/** Records that a rendered notice was issued, and who read the applicant's name in it. */
async function recordIssue(deps: ServiceDeps, scope: AgencyScope, requestId: number, kind: NoticeKind, format: 'html' | 'docx', via: PersonalDataVia, notice: Notice, body: string | Buffer) {
  const row = await requestRow(deps.db, scope, requestId);
  const actor = scope.actor;
  await appendAudit(deps.db, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId: row.agency_id, action: 'request.notice', entity: 'request', entityId: requestId, after: { kind, format, ...(via === 'applicant.notice' ? { by: 'applicant' } : {}) } });
  await recordPersonalDataRead(deps.db, deps, scope, row, via, noticeFieldsOf(row, kind), kind);
  return { body, title: `${noticeTitle(notice)}（${row.query_code}）` };
}

/** A notice for staff: only those who handle requests, as it carries the applicant's name (docs/decisions/013). */
export async function renderNotice(deps: ServiceDeps, actor: Actor, requestId: number, kind: NoticeKind, format: 'html' | 'docx') {
  const scope = await scopeFor(deps.db, actor, await agencyOfRequest(deps.db, requestId), 'requests.personalData');
  return renderNoticeIn(deps, scope, requestId, kind, format, format === 'html' ? 'request.notice.html' : 'request.notice.docx');
}

/**
 * A notice for the applicant, who proved the query code and the secret (capabilities/requests/
 * applicant.ts decides when). The read is recorded like a handler's, without a user: whoever holds
 * the code and the four digits may not be the applicant, and the agency's admin can see it happened.
 */
export async function renderApplicantNotice(deps: ServiceDeps, scope: AgencyScope, requestId: number, kind: NoticeKind, format: 'html' | 'docx') {
  return renderNoticeIn(deps, scope, requestId, kind, format, 'applicant.notice');
}
