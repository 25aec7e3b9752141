/** The requests capability's commands: intake (online and by staff) and recording each step. */
import { compareIsoDates, dateProblem } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { perPageFee, perRequestFeeForNth, type FeeQuote } from '../../domain/fees/index.ts';
import { roleMayRecord, type RequestEvent } from '../../domain/requests/lifecycle.ts';
import { checkAgainstClock, viewRequest } from '../../domain/requests/view.ts';
import type { RequestRow } from '../../storage/schema.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { publicIntakeScope, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { getSelfReview } from '../agencies/queries.ts';
import { agencyOfRequest, appendEvents, extensionRequester, insertRequest, requestEvents, requestRow, sameApplicantInMonth } from './sql.ts';
import { normaliseApplicant, requestProblems, type FieldProblem } from './validation.ts';
import { type ApplicantInput, type EventInput, type IntakeInput, type NewRequestInput, type RequestDetail } from './contract.ts';
import { getRequest } from './queries.ts';

/** Refuses a new request with every problem at once (the code is the first problem's). */
export function refuseProblems(problems: readonly FieldProblem[]): never {
  throw new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), 400, { problems: problems.map((p) => p.message), fields: problems });
}

function validated(input: NewRequestInput, online: boolean): ApplicantInput {
  const problems = requestProblems(input, online);
  if (problems.length) refuseProblems(problems);
  return normaliseApplicant(input.applicant);
}

/** A request from the public portal: on the clock only once staff confirm receipt (Art. 31). */
export async function submitOnline(deps: ServiceDeps, agencyId: number, input: NewRequestInput): Promise<{ id: number; queryCode: string; trackingHint: string }> {
  const applicant = validated(input, true);
  const today = chinaDate(deps.now());
  return deps.db.transaction().execute(async (tx) => {
    const scope = await publicIntakeScope(tx, agencyId);
    const created = await insertRequest(tx, deps, scope, 'online', input, applicant, today, null);
    await appendEvents(tx, deps, scope, created.id, [], [{ type: 'submitted', date: today, channel: 'online' }], null, await loadCalendar(tx));
    await appendAudit(tx, { at: deps.now(), actorUserId: null, agencyId, action: 'request.submit-online', entity: 'request', entityId: created.id, after: { queryCode: created.queryCode } });
    return { ...created, trackingHint: applicant.phone ? '联系电话后四位' : '证件号码后四位' };
  });
}

/** Staff records a request that came in person, by letter, fax, e-mail or otherwise. */
export async function intakeRequest(deps: ServiceDeps, actor: Actor, input: IntakeInput): Promise<{ id: number; queryCode: string }> {
  const applicant = validated(input, false);
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
    const scope = await scopeFor(tx, actor, input.agencyId);
    if (!roleMayRecord('submitted', scope.roles)) throw forbidden('只有信息员、负责人或管理员可以登记申请');
    const actorId = actor.kind === 'user' ? actor.userId : null;
    const created = await insertRequest(tx, deps, scope, input.channel, input, applicant, input.submittedDate, actorId);
    await appendEvents(tx, deps, scope, created.id, [], events, actorId, await loadCalendar(tx));
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId: input.agencyId, action: 'request.intake', entity: 'request', entityId: created.id, after: { channel: input.channel, queryCode: created.queryCode } });
    return created;
  });
}

/** Quotes the processing fee: per page, or for the nth request of the applicant this month. */
export async function quoteFee(tx: Tx, scope: AgencyScope, row: RequestRow, method: 'perRequest' | 'perPage', quantity?: number): Promise<{ quote: FeeQuote; quantity: number }> {
  let n = quantity;
  // The applicant's requests received in the same calendar month, up to and including this one.
  if (method === 'perRequest' && n === undefined) n = (await sameApplicantInMonth(tx, scope, row)) || 1;
  if (n === undefined) throw new AppError('INVALID_FEE', '按量计收须填写页数');
  const result = method === 'perPage' ? perPageFee(n) : perRequestFeeForNth(n);
  if (!result.ok) throw new AppError('INVALID_FEE', result.errors.join('；'));
  return { quote: result.value, quantity: n };
}

/**
 * The four-eyes rule for extensions: whoever asked for the extension does not approve it, unless
 * the agency allows self-review (then the approval is marked as such). Returns whether it is one.
 */
async function extensionSelfApproval(tx: Tx, actor: Actor, scope: AgencyScope, requestId: number, type: string): Promise<boolean> {
  if (actor.kind !== 'user' || (type !== 'extensionApproved' && type !== 'extensionRejected')) return false;
  if ((await extensionRequester(tx, scope, requestId)) !== actor.userId) return false;
  if (!(await getSelfReview(tx, scope)).allowed) {
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
    const scope = await scopeFor(tx, actor, await agencyOfRequest(tx, requestId));
    const row = await requestRow(tx, scope, requestId);
    if (!roleMayRecord(input.type, scope.roles)) {
      throw forbidden(input.type === 'extensionApproved' || input.type === 'extensionRejected' ? '延期须经负责人批准（条例第三十三条）' : '您的角色不能执行此操作');
    }
    const selfApproval = await extensionSelfApproval(tx, actor, scope, requestId, input.type);
    let event: RequestEvent;
    if (input.type === 'feeNoticeSent') {
      const { quote, quantity } = await quoteFee(tx, scope, row, input.method, input.quantity);
      if (quote.totalYuan <= 0) throw new AppError('FEE_NOT_DUE', `${quote.summary}，无需收费`, 409);
      event = { ...input, quantity, amountYuan: quote.totalYuan };
    } else {
      event = input;
    }
    const existing = await requestEvents(tx, scope, requestId);
    const calendar = await loadCalendar(tx);
    const before = viewRequest(existing, calendar, event.date);
    if (before.ok) {
      const problems = checkAgainstClock(before.value, event);
      if (problems.length) throw new AppError('TRANSITION_REFUSED', problems.join('；'), 409);
    }
    const actorId = actor.kind === 'user' ? actor.userId : null;
    await appendEvents(tx, deps, scope, requestId, existing, [event], actorId, calendar);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId, agencyId: row.agency_id, action: `request.${event.type}`, entity: 'request', entityId: requestId, after: selfApproval ? { ...event, selfReview: true } : event });
  });
  return getRequest(deps, actor, requestId);
}
