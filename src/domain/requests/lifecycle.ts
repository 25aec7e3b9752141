import { compareIsoDates, isIsoDate, type IsoDate } from '../calendar/index.ts';
import { MAX_EXTENSION_WORKING_DAYS, type ReceiptChannel } from '../deadlines/index.ts';
import { isOutcomeCode, type OutcomeCode } from './outcomes.ts';
import { rolesAllow } from '../access/policy.ts';

/** Intake channels, as the request form and the report know them. */
export const requestChannels = ['online', 'inPerson', 'mail', 'fax', 'email', 'other'] as const;
export type RequestChannel = (typeof requestChannels)[number];
export const channelLabels: Record<RequestChannel, string> = {
  online: '网上',
  inPerson: '当面',
  mail: '信函',
  fax: '传真',
  email: '电子邮件',
  other: '其他',
};

export type { Role as StaffRole } from '../access/policy.ts';
import type { Role as StaffRole } from '../access/policy.ts';

/**
 * What happened to a request, in order. Stored append-only; the state is always derived
 * from the list. `date` is the legal date of the act (not when it was typed in).
 */
export type RequestEvent =
  | { type: 'submitted'; date: IsoDate; channel: RequestChannel }
  /** Art. 31: registered mail signed for, or (online, email, fax, ordinary mail, other) both sides confirmed. */
  | { type: 'receiptConfirmed'; date: IsoDate; method: 'signedFor' | 'confirmed'; note?: string }
  | { type: 'correctionRequested'; date: IsoDate; periodWorkingDays: number; items: string[] }
  /** The supplement: what the applicant clarified (`text`), and files sent online by the applicant. */
  | { type: 'correctionReceived'; date: IsoDate; note?: string; text?: string; files?: SupplementFile[]; via?: 'applicant' }
  | {
      type: 'consultationStarted';
      date: IsoDate;
      kind: 'thirdParty' | 'otherAgency';
      party: string;
      deliveredDate?: IsoDate;
    }
  | { type: 'consultationEnded'; date: IsoDate; opinion: 'consent' | 'objection' | 'noReply'; summary?: string }
  | {
      type: 'feeNoticeSent';
      date: IsoDate;
      receivedDate?: IsoDate;
      method: 'perRequest' | 'perPage';
      quantity: number;
      amountYuan: number;
    }
  | { type: 'feePaid'; date: IsoDate; amountYuan: number }
  | { type: 'extensionRequested'; date: IsoDate; workingDays: number; reason: string }
  | { type: 'extensionApproved'; date: IsoDate }
  | { type: 'extensionRejected'; date: IsoDate; reason: string }
  | { type: 'excessiveReasonsRequested'; date: IsoDate; note?: string }
  | { type: 'excessiveDeadlineSet'; date: IsoDate; dueDate: IsoDate; reason: string }
  | { type: 'replied'; date: IsoDate; outcome: OutcomeCode; reasons: string; details?: ReplyDetails }
  | { type: 'note'; date: IsoDate; text: string };

export type RequestEventType = RequestEvent['type'];

/** A file the applicant sent with a 补正 online: kept in the file store under its content hash. */
export interface SupplementFile {
  name: string;
  key: string;
  size: number;
  mime: string;
}

/** Facts the reply letter states for particular outcomes (Arts. 36, 39). */
export interface ReplyDetails {
  /** 予以公开 of information already disclosed proactively (Art. 36(1)). */
  alreadyPublic?: boolean;
  /** Where the information can be found or how it is provided. */
  provision?: string;
  /** 本机关不掌握: searched and not found, or another agency is responsible (Art. 36(4)/(5)). */
  notHeldBasis?: 'nonexistent' | 'notResponsible';
  competentAgency?: string;
  competentAgencyContact?: string;
  /** 行政查询事项 (Art. 36(7)): the matter and the law that sets the special regime. */
  specialMatter?: string;
  specialLaw?: string;
  whereToApply?: string;
  /** 重复申请: when the earlier request was answered. */
  previousReplyDate?: IsoDate;
  /** 公开出版物: where to obtain it. */
  publicationTitle?: string;
  whereToObtain?: string;
  /** 信访举报投诉: the proper channel. */
  properChannel?: string;
}

export type RequestPhase =
  | 'awaitingReceipt'
  | 'processing'
  | 'awaitingCorrection'
  | 'consulting'
  | 'awaitingPayment'
  | 'closed';

export const phaseLabels: Record<RequestPhase, string> = {
  awaitingReceipt: '待确认收到',
  processing: '办理中',
  awaitingCorrection: '待申请人补正',
  consulting: '征求意见中',
  awaitingPayment: '待申请人缴费',
  closed: '已办结',
};

export interface RequestState {
  channel: RequestChannel;
  submittedDate: IsoDate;
  receiptDate: IsoDate | null;
  receiptMethod: 'handedIn' | 'signedFor' | 'confirmed' | null;
  phase: RequestPhase;
  correction: { servedDate: IsoDate; periodWorkingDays: number; items: string[]; receivedDate: IsoDate | null } | null;
  consultations: {
    kind: 'thirdParty' | 'otherAgency';
    party: string;
    sentDate: IsoDate;
    deliveredDate: IsoDate | null;
    endedDate: IsoDate | null;
    opinion: 'consent' | 'objection' | 'noReply' | null;
  }[];
  fee: {
    sentDate: IsoDate;
    receivedDate: IsoDate | null;
    method: 'perRequest' | 'perPage';
    quantity: number;
    amountYuan: number;
    paidDate: IsoDate | null;
    paidYuan: number | null;
  } | null;
  extension: { status: 'requested' | 'approved' | 'rejected'; workingDays: number; requestedDate: IsoDate; decidedDate: IsoDate | null; reason: string } | null;
  excessive: { reasonsRequestedDate: IsoDate | null; dueDate: IsoDate | null; noticeDate: IsoDate | null } | null;
  outcome: OutcomeCode | null;
  closedDate: IsoDate | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const fail = (...errors: string[]): { ok: false; errors: string[] } => ({ ok: false, errors });

/** Which Art. 31 receipt rule applies to an intake channel. */
export function receiptChannelOf(channel: RequestChannel, method: RequestState['receiptMethod']): ReceiptChannel {
  switch (channel) {
    case 'inPerson':
      return 'inPerson';
    case 'mail':
      return method === 'signedFor' ? 'registeredMail' : 'ordinaryMail';
    case 'fax':
      return 'fax';
    case 'email':
      return 'email';
    case 'online':
      return 'online';
    default:
      // 其他渠道: the receipt day is the day both sides confirmed, as for letters without signature.
      return 'ordinaryMail';
  }
}

/** The state after every event, or the first rule an event breaks. */
export function replay(events: readonly RequestEvent[]): Result<RequestState> {
  let state: RequestState | null = null;
  for (const [i, event] of events.entries()) {
    const next = applyEvent(state, event);
    if (!next.ok) return fail(...next.errors.map((e) => `第 ${i + 1} 个事件：${e}`));
    state = next.value;
  }
  if (!state) return fail('申请没有任何记录');
  return { ok: true, value: state };
}

const before = (a: IsoDate, b: IsoDate): boolean => compareIsoDates(a, b) < 0;

/**
 * Applies one event to the state, enforcing the order the 条例 requires. Role checks and
 * checks against the clock live in {@link checkTransition}, which needs the calendar.
 */
export function applyEvent(state: RequestState | null, event: RequestEvent): Result<RequestState> {
  if (!event || typeof event !== 'object' || typeof event.type !== 'string') return fail('事件格式不正确');
  if (!isIsoDate(event.date)) return fail(`日期“${String(event.date)}”无效，应为 YYYY-MM-DD`);
  if (state === null) {
    if (event.type !== 'submitted') return fail('申请的第一个事件必须是“提交申请”');
    if (!(requestChannels as readonly string[]).includes(event.channel)) return fail('提交渠道无效');
    return {
      ok: true,
      value: {
        channel: event.channel,
        submittedDate: event.date,
        receiptDate: event.channel === 'inPerson' ? event.date : null,
        receiptMethod: event.channel === 'inPerson' ? 'handedIn' : null,
        phase: event.channel === 'inPerson' ? 'processing' : 'awaitingReceipt',
        correction: null,
        consultations: [],
        fee: null,
        extension: null,
        excessive: null,
        outcome: null,
        closedDate: null,
      },
    };
  }
  if (event.type === 'note') return { ok: true, value: state };
  if (state.phase === 'closed') return fail('申请已办结，不能再进行办理操作');
  if (event.type === 'submitted') return fail('申请已提交，不能重复提交');
  if (before(event.date, state.submittedDate)) return fail('日期不能早于申请提交日期');
  const s: RequestState = structuredClone(state);

  if (event.type === 'receiptConfirmed') {
    if (s.receiptDate) return fail('已确认收到申请，不能重复确认');
    if (event.method === 'signedFor' && s.channel !== 'mail') return fail('只有信函申请才有“签收”');
    s.receiptDate = event.date;
    s.receiptMethod = event.method;
    s.phase = 'processing';
    return { ok: true, value: s };
  }
  if (!s.receiptDate) return fail('须先确认收到申请（条例第三十一条），才能办理');
  if (before(event.date, s.receiptDate)) return fail('日期不能早于收到申请之日');

  switch (event.type) {
    case 'correctionRequested': {
      if (s.correction) return fail('补正告知只能一次性发出（条例第三十条）');
      if (s.phase !== 'processing') return fail(`当前状态为“${phaseLabels[s.phase]}”，不能发出补正告知`);
      if (!Number.isInteger(event.periodWorkingDays) || event.periodWorkingDays < 1 || event.periodWorkingDays > 60) {
        return fail('补正期限应为 1 至 60 个工作日');
      }
      const items = (event.items ?? []).map((x) => String(x).trim()).filter(Boolean);
      if (items.length === 0) return fail('补正告知须写明需要补正的事项');
      s.correction = { servedDate: event.date, periodWorkingDays: event.periodWorkingDays, items, receivedDate: null };
      s.phase = 'awaitingCorrection';
      return { ok: true, value: s };
    }
    case 'correctionReceived':
      if (s.phase !== 'awaitingCorrection' || !s.correction) return fail('没有待补正的告知');
      s.correction.receivedDate = event.date;
      s.phase = 'processing';
      return { ok: true, value: s };
    case 'consultationStarted':
      if (s.phase !== 'processing') return fail(`当前状态为“${phaseLabels[s.phase]}”，不能发起征求意见`);
      if (!event.party?.trim()) return fail('须写明被征求意见的第三方或机关');
      if (event.deliveredDate && before(event.deliveredDate, event.date)) return fail('送达日期不能早于发函日期');
      s.consultations.push({
        kind: event.kind,
        party: event.party.trim(),
        sentDate: event.date,
        deliveredDate: event.deliveredDate ?? null,
        endedDate: null,
        opinion: null,
      });
      s.phase = 'consulting';
      return { ok: true, value: s };
    case 'consultationEnded': {
      const open = s.consultations.find((c) => c.endedDate === null);
      if (s.phase !== 'consulting' || !open) return fail('没有进行中的征求意见');
      if (before(event.date, open.sentDate)) return fail('结束日期不能早于发函日期');
      open.endedDate = event.date;
      open.opinion = event.opinion;
      s.phase = 'processing';
      return { ok: true, value: s };
    }
    case 'feeNoticeSent':
      if (s.fee) return fail('同一申请只能发出一次收费通知');
      if (s.phase !== 'processing') return fail(`当前状态为“${phaseLabels[s.phase]}”，不能发出收费通知`);
      if (!Number.isFinite(event.amountYuan) || event.amountYuan <= 0) return fail('收费金额应大于 0');
      s.fee = {
        sentDate: event.date,
        receivedDate: event.receivedDate ?? null,
        method: event.method,
        quantity: event.quantity,
        amountYuan: event.amountYuan,
        paidDate: null,
        paidYuan: null,
      };
      s.phase = 'awaitingPayment';
      return { ok: true, value: s };
    case 'feePaid':
      if (s.phase !== 'awaitingPayment' || !s.fee) return fail('没有待缴的费用');
      if (event.amountYuan !== s.fee.amountYuan) return fail(`缴费金额应为收费通知所列 ${s.fee.amountYuan} 元`);
      s.fee.paidDate = event.date;
      s.fee.paidYuan = event.amountYuan;
      s.phase = 'processing';
      return { ok: true, value: s };
    case 'extensionRequested':
      if (s.extension && s.extension.status !== 'rejected') return fail('答复期限只能延长一次（条例第三十三条）');
      if (s.phase === 'awaitingCorrection') return fail('申请人补正期间不能申请延期');
      if (!Number.isInteger(event.workingDays) || event.workingDays < 1 || event.workingDays > MAX_EXTENSION_WORKING_DAYS) {
        return fail(`延长期限最长不得超过 ${MAX_EXTENSION_WORKING_DAYS} 个工作日（条例第三十三条）`);
      }
      if (!event.reason?.trim()) return fail('须写明延期理由');
      s.extension = { status: 'requested', workingDays: event.workingDays, requestedDate: event.date, decidedDate: null, reason: event.reason.trim() };
      return { ok: true, value: s };
    case 'extensionApproved':
    case 'extensionRejected':
      if (s.extension?.status !== 'requested') return fail('没有待审批的延期申请');
      s.extension.status = event.type === 'extensionApproved' ? 'approved' : 'rejected';
      s.extension.decidedDate = event.date;
      return { ok: true, value: s };
    case 'excessiveReasonsRequested':
      if (s.excessive?.reasonsRequestedDate) return fail('已要求申请人说明理由');
      s.excessive = { reasonsRequestedDate: event.date, dueDate: s.excessive?.dueDate ?? null, noticeDate: s.excessive?.noticeDate ?? null };
      return { ok: true, value: s };
    case 'excessiveDeadlineSet':
      if (!s.excessive?.reasonsRequestedDate) return fail('须先要求申请人说明理由（条例第三十五条），才能另行确定答复期限');
      if (!isIsoDate(event.dueDate) || !before(event.date, event.dueDate)) return fail('另行确定的答复期限应晚于告知日期');
      if (!event.reason?.trim()) return fail('须写明理由');
      s.excessive.dueDate = event.dueDate;
      s.excessive.noticeDate = event.date;
      return { ok: true, value: s };
    case 'replied':
      return reply(s, event);
    default:
      return fail(`未知的事件类型“${(event as { type: string }).type}”`);
  }
}

function reply(s: RequestState, event: Extract<RequestEvent, { type: 'replied' }>): Result<RequestState> {
  if (!isOutcomeCode(event.outcome)) {
    return fail(`办理结果“${String(event.outcome)}”不在年度报告的分类中`);
  }
  const outcome = event.outcome;
  if (!event.reasons?.trim() && outcome !== 'disclosed') return fail('须写明答复理由');
  if (s.phase === 'consulting') return fail('征求意见尚未结束，请先记录意见或逾期未答复');
  if (outcome === 'other.correction_not_supplemented') {
    if (s.phase !== 'awaitingCorrection') return fail('只有发出补正告知且申请人未补正的申请，才能按“逾期不补正”处理');
  } else if (s.phase === 'awaitingCorrection') {
    return fail('申请人补正期间不能作出该答复；补正期限届满未补正的，应按“逾期不补正”处理');
  }
  if (outcome === 'other.fee_not_paid') {
    if (s.phase !== 'awaitingPayment') return fail('只有发出收费通知且申请人未缴费的申请，才能按“逾期未缴费”处理');
  } else if (s.phase === 'awaitingPayment') {
    return fail('申请人缴费期间不能作出该答复；逾期未缴费的，应按“逾期未缴费”处理');
  }
  if (outcome === 'unable.unclear_after_correction' && !s.correction?.receivedDate) {
    return fail('“补正后申请内容仍不明确”须先经过补正');
  }
  if (outcome === 'not_processed.excessive' && !s.excessive?.reasonsRequestedDate) {
    return fail('以“无正当理由大量反复申请”不予处理前，须先要求申请人说明理由（条例第三十五条）');
  }
  const d = event.details ?? {};
  if (outcome === 'unable.not_held' && d.notHeldBasis !== 'nonexistent' && d.notHeldBasis !== 'notResponsible') {
    return fail('“本机关不掌握”须写明情形：经检索不存在，或不属于本机关负责公开（条例第三十六条第四、五项）');
  }
  if (outcome === 'withheld.administrative_query' && (!d.specialMatter?.trim() || !d.specialLaw?.trim())) {
    return fail('“行政查询事项”须写明查询事项名称和作出特别规定的法律、行政法规（条例第三十六条第七项）');
  }
  if (outcome === 'not_processed.duplicate' && (!d.previousReplyDate || !isIsoDate(d.previousReplyDate))) {
    return fail('“重复申请”须写明此前作出答复的日期（条例第三十六条第六项）');
  }
  if (outcome === 'not_processed.publication' && !d.whereToObtain?.trim()) {
    return fail('“要求提供公开出版物”须告知获取途径（条例第三十九条第二款）');
  }
  s.outcome = outcome;
  s.closedDate = event.date;
  s.phase = 'closed';
  return { ok: true, value: s };
}

/** Which events an actor with these roles may record. Only the head approves extensions. */
export function roleMayRecord(type: RequestEventType, roles: readonly StaffRole[]): boolean {
  return rolesAllow(roles, type === 'extensionApproved' || type === 'extensionRejected' ? 'requests.approveExtension' : 'requests.record');
}
