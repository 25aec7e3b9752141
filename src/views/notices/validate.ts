/**
 * Checks a notice before it is rendered. A formal notice must never go out with a blank or a
 * placeholder where a name, date or remedy belongs, so every problem is collected and reported in
 * Chinese at once (NoticeDataError) instead of printing "……".
 */
import { compareIsoDates, isIsoDate } from '../../domain/calendar/index.ts';
import { NoticeDataError, type Notice, type NoticeCommon, type ReplyNotice } from './model.ts';
import { OUTCOME_INFO, isNoticeOutcome, WITHHOLDING_ARTICLE } from './outcomes.ts';

/** Filler people type into templates; none of it may reach an issued notice. */
const PLACEHOLDER =
  /(?:[xX×＊*]{2,}|…|\.{3}|_{2,}|＿|某某|[○〇]{2,}|待定|待填|待补|请填写|TODO|TBD)/i;
/** Nothing but punctuation, symbols or spaces (e.g. '——', '？'). */
const NO_CONTENT = /^[\s\p{P}\p{S}]*$/u;

const CHANNEL_ITEMS = new Set([
  'inPerson',
  'registeredMail',
  'ordinaryMail',
  'online',
  'email',
  'fax',
]);

class Checker {
  readonly problems: string[] = [];

  /** Required free text. */
  text(value: unknown, what: string): value is string {
    if (typeof value !== 'string' || NO_CONTENT.test(value)) {
      this.problems.push(`缺少${what}`);
      return false;
    }
    return true;
  }

  /** Required name: also refuses template placeholders. */
  name(value: unknown, what: string): value is string {
    if (!this.text(value, what)) return false;
    if (PLACEHOLDER.test(value)) {
      this.problems.push(`${what}“${value}”是占位内容，请填写实际名称`);
      return false;
    }
    return true;
  }

  optionalName(value: unknown, what: string): void {
    if (value !== undefined) this.name(value, what);
  }

  optionalText(value: unknown, what: string): void {
    if (value !== undefined) this.text(value, what);
  }

  date(value: unknown, what: string): value is string {
    if (value === undefined || value === null || value === '') {
      this.problems.push(`缺少${what}`);
      return false;
    }
    if (!isIsoDate(value)) {
      this.problems.push(`${what}“${String(value)}”无效：应为真实存在的日期，格式为YYYY-MM-DD`);
      return false;
    }
    return true;
  }

  /** `later` must fall after (or, with `orSame`, on) `earlier`; both already checked. */
  order(earlier: string, later: string, message: string, orSame = false): void {
    const c = compareIsoDates(later, earlier);
    if (c < 0 || (c === 0 && !orSame)) this.problems.push(message);
  }

  integer(value: unknown, what: string, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${what}“${String(value)}”无效：应为${min}至${max}之间的整数`);
    }
  }
}

function checkCommon(c: Checker, n: NoticeCommon, addressesApplicant: boolean): void {
  const agency = n.agency ?? ({} as Partial<NoticeCommon['agency']>);
  c.name(agency.name, '发文机关名称');
  c.name(agency.officeName, '政府信息公开工作机构名称');
  c.optionalText(agency.address, '联系地址');
  c.optionalText(agency.phone, '联系电话');
  const r = n.request ?? ({} as Partial<NoticeCommon['request']>);
  c.text(r.queryCode, '查询码');
  c.text(r.description, '申请获取的政府信息（申请内容）');
  if (addressesApplicant) {
    c.name(r.applicantName, '申请人姓名或者名称');
    c.text(r.channelLabel, '申请提交渠道');
  }
  const received = c.date(r.receivedDate, '收到申请之日');
  const issued = c.date(n.issueDate, '成文日期');
  if (received && issued) {
    c.order(r.receivedDate, n.issueDate, '成文日期早于收到申请之日', true);
  }
  c.optionalName(n.docNumber, '文号');
  c.optionalName(n.signatory, '发文机关署名');
  n.attachments?.forEach((a, i) => c.text(a, `第${i + 1}个附件的名称`));
}

function checkReply(c: Checker, n: ReplyNotice): void {
  // Remedies first: these are the fields most often left for later.
  c.name(n.remedies?.reconsiderationBody, '行政复议机关名称（告知申请人申请行政复议的机关）');
  if (c.name(n.remedies?.court, '人民法院名称（告知申请人提起行政诉讼的法院）')) {
    if (!/法院$/.test(n.remedies.court.trim())) {
      c.problems.push(`人民法院名称“${n.remedies.court}”应为法院全称，如“某县人民法院”`);
    }
  }
  if (!isNoticeOutcome(n.outcome)) {
    c.problems.push(`答复结果“${String(n.outcome)}”无效`);
    return;
  }
  const info = OUTCOME_INFO[n.outcome];
  if (
    info.reasonsRequired ||
    (n.outcome === 'unable.not_held' && n.notHeld?.basis === 'notResponsible')
  ) {
    c.text(n.reasons, `${info.label}的理由`);
  } else {
    c.optionalText(n.reasons, '答复理由');
  }
  switch (n.outcome) {
    case 'disclosed':
    case 'partially_disclosed':
      c.text(
        n.provision?.method,
        n.provision?.alreadyPublic ? '已主动公开信息的获取途径' : '提供政府信息的方式',
      );
      if (n.provision?.url !== undefined) c.text(n.provision.url, '网址');
      if (n.outcome === 'partially_disclosed' && n.partialWithheldGround !== undefined) {
        if (WITHHOLDING_ARTICLE[n.partialWithheldGround] === undefined) {
          c.problems.push(`部分公开中不予公开部分的依据“${String(n.partialWithheldGround)}”无效`);
        }
      }
      if (n.outcome === 'partially_disclosed' && n.provision?.alreadyPublic) {
        c.problems.push('部分公开的答复不适用“已主动公开”');
      }
      break;
    case 'withheld.administrative_query':
      c.text(n.specialRegime?.matter, '行政查询事项的名称（如不动产登记资料查询）');
      c.name(n.specialRegime?.law, '对该信息获取有特别规定的法律、行政法规名称');
      if (n.specialRegime?.whereToApply !== undefined) {
        c.name(n.specialRegime.whereToApply, '办理机构');
      }
      break;
    case 'unable.not_held':
      if (n.notHeld?.basis !== 'nonexistent' && n.notHeld?.basis !== 'notResponsible') {
        c.problems.push('缺少“本机关不掌握”的具体情形（经检索不存在，或者不属于本机关负责公开）');
      } else if (n.notHeld.basis === 'notResponsible') {
        c.optionalName(n.notHeld.competentAgency, '负责公开该政府信息的行政机关名称');
        c.optionalText(n.notHeld.competentAgencyContact, '负责公开该政府信息的行政机关联系方式');
        if (
          n.notHeld.competentAgencyContact !== undefined &&
          n.notHeld.competentAgency === undefined
        ) {
          c.problems.push('填写了联系方式，但缺少负责公开该政府信息的行政机关名称');
        }
      }
      break;
    case 'unable.unclear_after_correction':
      if (c.date(n.correction?.noticeDate, '补正告知之日')) {
        if (c.date(n.correction.supplementReceivedDate, '收到补正申请之日')) {
          c.order(
            n.correction.noticeDate,
            n.correction.supplementReceivedDate,
            '收到补正申请之日早于补正告知之日',
            true,
          );
        }
      }
      break;
    case 'other.correction_not_supplemented':
      if (c.date(n.correction?.noticeDate, '补正告知之日')) {
        if (c.date(n.correction.periodLastDate, '补正期限届满之日')) {
          c.order(
            n.correction.noticeDate,
            n.correction.periodLastDate,
            '补正期限届满之日不晚于补正告知之日',
          );
          if (isIsoDate(n.issueDate)) {
            c.order(
              n.correction.periodLastDate,
              n.issueDate,
              '补正期限尚未届满，不能以逾期不补正为由答复',
            );
          }
        }
      }
      break;
    case 'other.fee_not_paid':
      if (c.date(n.feeNotice?.noticeDate, '收费通知发出之日')) {
        if (c.date(n.feeNotice.paymentLastDate, '缴费期限届满之日')) {
          c.order(
            n.feeNotice.noticeDate,
            n.feeNotice.paymentLastDate,
            '缴费期限届满之日不晚于收费通知发出之日',
          );
          if (isIsoDate(n.issueDate)) {
            c.order(
              n.feeNotice.paymentLastDate,
              n.issueDate,
              '缴费期限尚未届满，不能以逾期未缴费为由答复',
            );
          }
        }
      }
      break;
    case 'not_processed.duplicate':
      if (c.date(n.previousReply?.date, '此前作出答复之日')) {
        c.optionalName(n.previousReply.docNumber, '此前答复的文号');
        if (isIsoDate(n.request?.receivedDate)) {
          c.order(
            n.previousReply.date,
            n.request.receivedDate,
            '此前答复之日晚于本次收到申请之日',
            true,
          );
        }
      }
      break;
    case 'not_processed.publication':
      c.optionalText(n.publication?.title, '公开出版物名称');
      c.text(n.publication?.whereToObtain, '公开出版物的获取途径');
      break;
    case 'not_processed.petition_complaint':
      c.optionalText(n.properChannel, '信访、投诉、举报的相应渠道');
      break;
    case 'not_processed.excessive':
      if (n.reasonsRequestedDate !== undefined)
        c.date(n.reasonsRequestedDate, '要求申请人说明理由之日');
      break;
    default:
      break;
  }
}

/** Throws NoticeDataError listing, in Chinese, every missing or invalid field. */
export function assertNoticeComplete(notice: Notice): void {
  const c = new Checker();
  if (notice === null || typeof notice !== 'object') throw new NoticeDataError(['缺少通知书内容']);
  checkCommon(c, notice, notice.kind !== 'consultation');
  switch (notice.kind) {
    case 'acknowledgement':
      if (!CHANNEL_ITEMS.has(notice.receiptChannel)) {
        c.problems.push(
          `提交方式“${String(notice.receiptChannel)}”无效，无法确定收到申请之日的依据（条例第三十一条）`,
        );
      }
      if (
        c.date(notice.replyDueDate, '答复期限届满之日') &&
        isIsoDate(notice.request?.receivedDate)
      ) {
        c.order(
          notice.request.receivedDate,
          notice.replyDueDate,
          '答复期限届满之日不晚于收到申请之日',
        );
      }
      c.text(notice.trackingUrl, '网上查询办理进度的网址');
      break;
    case 'correction':
      if (!Array.isArray(notice.items) || notice.items.length === 0) {
        c.problems.push('缺少需要补正的事项');
      } else {
        notice.items.forEach((item, i) => c.text(item, `第${i + 1}项补正事项`));
      }
      c.integer(notice.periodWorkingDays, '补正期限（工作日数）', 1, 366);
      if (c.date(notice.periodLastDate, '补正期限届满之日') && isIsoDate(notice.issueDate)) {
        c.order(notice.issueDate, notice.periodLastDate, '补正期限届满之日不晚于成文日期');
      }
      c.optionalText(notice.submitMethod, '补正方式');
      break;
    case 'extension': {
      c.integer(notice.extensionWorkingDays, '延长的工作日数', 1, 20);
      const a = c.date(notice.originalDueDate, '原答复期限届满之日');
      const b = c.date(notice.newDueDate, '延长后的答复期限届满之日');
      if (a && b)
        c.order(notice.originalDueDate, notice.newDueDate, '延长后的答复期限不晚于原答复期限');
      c.text(notice.reason, '延期答复的理由');
      if (notice.approvedByOfficeHead !== true) {
        c.problems.push('延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条第二款）');
      }
      break;
    }
    case 'consultation':
      if (notice.variant !== 'thirdParty' && notice.variant !== 'otherAgency') {
        c.problems.push(`征求意见的类型“${String(notice.variant)}”无效`);
      }
      c.name(
        notice.recipientName,
        notice.variant === 'otherAgency' ? '被征求意见机关名称' : '第三方姓名或者名称',
      );
      c.text(notice.informationConcerned, '涉及的政府信息');
      c.optionalText(notice.replyMethod, '回复方式');
      break;
    case 'fee': {
      const q = notice.quote;
      if (!q || (q.method !== 'perRequest' && q.method !== 'perPage')) {
        c.problems.push('缺少信息处理费的计收方式（按件计收或者按量计收）');
      } else if (!Number.isSafeInteger(q.totalYuan) || q.totalYuan <= 0) {
        c.problems.push(
          `信息处理费金额“${String(q.totalYuan)}”无效：收费通知书的金额应为大于0的整数元`,
        );
      } else if (!Array.isArray(q.lines) || q.lines.length === 0) {
        c.problems.push('缺少信息处理费的计费明细');
      } else if (q.lines.reduce((s, l) => s + l.amountYuan, 0) !== q.totalYuan) {
        c.problems.push('计费明细各项小计之和与合计金额不一致');
      }
      c.text(notice.paymentMethod, '缴费方式');
      if (c.date(notice.paymentLastDate, '缴费期限届满之日') && isIsoDate(notice.issueDate)) {
        c.order(notice.issueDate, notice.paymentLastDate, '缴费期限届满之日不晚于成文日期');
      }
      break;
    }
    case 'reply':
      checkReply(c, notice);
      break;
    default:
      c.problems.push(`通知书类型“${String((notice as { kind?: unknown }).kind)}”无效`);
  }
  if (c.problems.length > 0) throw new NoticeDataError(c.problems);
}
