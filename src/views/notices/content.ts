/**
 * The wording of every notice, built once as a format-neutral document that both the HTML and
 * the DOCX renderer lay out, so the two formats cannot say different things.
 */
import type { ReceiptChannel } from '../../domain/deadlines/index.ts';
import type {
  AcknowledgementNotice,
  ConsultationNotice,
  CorrectionNotice,
  ExtensionNotice,
  FeeNotice,
  Notice,
  NoticeCommon,
  ReplyNotice,
} from './model.ts';
import { outcomeArticles } from './outcomes.ts';
import {
  chineseDate as d,
  clause,
  displayWidth,
  inline,
  normalizeDocNumber,
  paragraphsOf,
  yuanInWords,
} from './text.ts';
import { assertNoticeComplete } from './validate.ts';

export interface TableBlock {
  readonly type: 'table';
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** A final emphasised row, e.g. 合计. */
  readonly total?: readonly string[];
}

/** Body paragraphs get the 2-character first-line indent; tables span the text width. */
export type Block = { readonly type: 'paragraph'; readonly text: string } | TableBlock;

/** One notice, laid out the way GB/T 9704 orders the parts of a 公文. */
export interface NoticeDocument {
  /** The document type, e.g. '政府信息公开申请答复书'. */
  readonly title: string;
  /** Title as printed: the agency name on the first line, the document type on the second. */
  readonly titleLines: readonly string[];
  readonly docNumber?: string;
  /** 主送: the applicant, third party or consulted agency, printed with a full-width colon. */
  readonly addressee: string;
  readonly body: readonly Block[];
  /** 附件说明 lines, already numbered when there are several. */
  readonly attachments: readonly string[];
  /** 发文机关署名 and 成文日期; the seal area above them is left blank on purpose. */
  readonly signature: {
    readonly name: string;
    readonly date: string;
    /** Right margin of the pair in em, so the name sits centred over the date (GB/T 9704). */
    readonly nameRightEm: number;
    readonly dateRightEm: number;
  };
  /** 附注 under the date, e.g. contact details, in full-width parentheses. */
  readonly note?: string;
}

const LAW_FULL = '《中华人民共和国政府信息公开条例》';
const FEE_RULES = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

/**
 * Stands for the 条例 while the text is built; {@link nameTheLaw} then writes it in full the first
 * time (adding "以下简称《条例》" only if it is mentioned again) and as 《条例》 after, as formal
 * letters do. U+0001 cannot come from user text: {@link inline} strips control characters.
 */
const LAW = '\u0001';

function nameTheLaw(blocks: Block[]): Block[] {
  const mentions = blocks.reduce(
    (sum, b) => sum + (b.type === 'paragraph' ? b.text.split(LAW).length - 1 : 0),
    0,
  );
  let seen = 0;
  const name = (): string => {
    seen++;
    if (seen > 1) return '《条例》';
    return mentions > 1 ? `${LAW_FULL}（以下简称《条例》）` : LAW_FULL;
  };
  return blocks.map((b) => (b.type === 'paragraph' ? para(b.text.replaceAll(LAW, name)) : b));
}

const TITLES = {
  acknowledgement: '政府信息公开申请受理回执',
  correction: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  fee: '政府信息公开信息处理费收费通知书',
  reply: '政府信息公开申请答复书',
} as const;

/** The document type of a notice, e.g. '政府信息公开申请答复书'. */
export function noticeTitle(notice: Notice): string {
  if (notice.kind === 'consultation') {
    return notice.variant === 'otherAgency'
      ? '政府信息公开征求意见函'
      : '政府信息公开征求第三方意见函';
  }
  return TITLES[notice.kind];
}

const para = (text: string): Block => ({ type: 'paragraph', text });

/** 您 for a person, 贵单位 for a company or other organisation. */
function applicantYou(n: NoticeCommon): string {
  return n.request.applicantKind === 'organisation' ? '贵单位' : '您';
}

/** '…申请获取“…”' with the applicant's words quoted and their final full stop dropped. */
function sought(n: NoticeCommon): string {
  return `“${clause(n.request.description)}”`;
}

function opening(n: NoticeCommon, you: string): string {
  const r = n.request;
  return `本机关于${d(r.receivedDate)}收到${you}通过${inline(r.channelLabel)}提交的政府信息公开申请（查询码：${inline(r.queryCode)}），申请获取${sought(n)}。`;
}

/** Art. 31: which item fixes the receipt date, by channel. */
const RECEIPT_RULES: Record<ReceiptChannel, { item: string; rule: string }> = {
  inPerson: { item: '一', rule: '申请人当面提交政府信息公开申请的，以提交之日为收到申请之日' },
  registeredMail: {
    item: '二',
    rule: '申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日',
  },
  ordinaryMail: {
    item: '二',
    rule: '以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日',
  },
  online: {
    item: '三',
    rule: '申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日',
  },
  email: {
    item: '三',
    rule: '申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日',
  },
  fax: {
    item: '三',
    rule: '申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日',
  },
};

function acknowledgementBody(n: AcknowledgementNotice): Block[] {
  const you = applicantYou(n);
  const r = n.request;
  const basis = RECEIPT_RULES[n.receiptChannel];
  return [
    para(
      `本机关于${d(r.receivedDate)}收到${you}通过${inline(r.channelLabel)}提交的政府信息公开申请，申请获取${sought(n)}。本机关已予登记，查询码为${inline(r.queryCode)}。`,
    ),
    para(
      `根据${LAW}第三十一条第${basis.item}项规定，${basis.rule}。据此，本机关收到${you}申请之日为${d(r.receivedDate)}。`,
    ),
    para(
      `本机关将依照${LAW}第三十三条规定，自收到申请之日起20个工作日内予以答复，答复期限至${d(n.replyDueDate)}届满。如遇依法延长答复期限等情形，以书面告知为准。`,
    ),
    para(
      `${you}可凭查询码${inline(r.queryCode)}登录${inline(n.trackingUrl)}查询申请办理进度，也可以与${inline(n.agency.officeName)}联系查询。`,
    ),
    para('特此告知。'),
  ];
}

/** Numbered list items, each closed with ；and the last with 。 as in formal enumerations. */
function numbered(items: readonly string[]): Block[] {
  return items.map((item, i) =>
    para(`${i + 1}.${clause(item)}${i === items.length - 1 ? '。' : '；'}`),
  );
}

function correctionBody(n: CorrectionNotice): Block[] {
  const you = applicantYou(n);
  return [
    para(opening(n, you)),
    para(
      `经审查，${you}的申请内容不明确，本机关无法据此确定${you}所需获取的政府信息。根据${LAW}第三十条规定，现一次性告知${you}需要补正的事项如下：`,
    ),
    ...numbered(n.items),
    para(
      `请${you}自收到本告知书之日起${n.periodWorkingDays}个工作日内（截至${d(n.periodLastDate)}）向本机关提交补正后的申请。` +
        (n.submitMethod ? `补正方式：${clause(n.submitMethod)}。` : ''),
    ),
    para(
      '答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    ),
    para('特此告知。'),
  ];
}

function extensionBody(n: ExtensionNotice): Block[] {
  const you = applicantYou(n);
  return [
    para(opening(n, you)),
    para(
      `因${clause(n.reason)}，本机关无法在原答复期限（${d(n.originalDueDate)}届满）内作出答复。根据${LAW}第三十三条第二款规定，经${inline(n.agency.officeName)}负责人同意，答复期限延长${n.extensionWorkingDays}个工作日，延长后的答复期限至${d(n.newDueDate)}届满。`,
    ),
    para('本机关将在延长后的答复期限内作出答复。'),
    para('特此告知。'),
  ];
}

function consultationBody(n: ConsultationNotice): Block[] {
  const r = n.request;
  const intro = para(
    `本机关于${d(r.receivedDate)}收到一件政府信息公开申请（查询码：${inline(r.queryCode)}），申请获取${sought(n)}。`,
  );
  const reply = n.replyMethod ? `回复方式：${clause(n.replyMethod)}。` : '';
  const info = clause(n.informationConcerned);
  if (n.variant === 'otherAgency') {
    return [
      intro,
      para(
        `经审查，该申请涉及的以下政府信息由本机关与贵机关共同制作：${info}。根据${LAW}第三十四条规定，现就是否同意公开上述信息征求贵机关意见。`,
      ),
      para(`请贵机关自收到本函之日起15个工作日内提出意见。${reply}`),
      para('逾期未提出意见的，视为同意公开。'),
      para('特此函询。'),
    ];
  }
  const you =
    n.recipientKind === 'person' ? '您' : n.recipientKind === 'organisation' ? '贵单位' : '贵方';
  return [
    intro,
    para(
      `经审查，该申请涉及的以下信息公开可能损害${you}的合法权益：${info}。根据${LAW}第三十二条规定，现就是否同意公开上述信息书面征求${you}意见。`,
    ),
    para(`请${you}自收到本函之日起15个工作日内提出书面意见；不同意公开的，请说明理由。${reply}`),
    para(`逾期未提出意见的，由本机关依照${LAW}的规定决定是否公开。`),
    para(
      '第三方不同意公开且有合理理由的，本机关不予公开。本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。',
    ),
    para('特此函询。'),
  ];
}

function feeBody(n: FeeNotice): Block[] {
  const you = applicantYou(n);
  const q = n.quote;
  const perRequest = q.method === 'perRequest';
  const table: TableBlock = {
    type: 'table',
    header: ['计费档次', '计费数量', '收费标准', '金额（元）'],
    rows: q.lines.map((l) => [
      l.tierLabel,
      `${l.quantity}${l.unit}`,
      l.unitPriceYuan === 0 ? '免收' : `${l.unitPriceYuan}元/${l.unit}`,
      String(l.amountYuan),
    ]),
    total: ['合计', '', '', String(q.totalYuan)],
  };
  return [
    para(opening(n, you)),
    para(
      `${you}申请公开政府信息的数量、频次明显超过合理范围。根据${LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号，以下简称《办法》）规定，本机关依法收取信息处理费。本次申请${perRequest ? '按件计收（《办法》第四条）' : '按量计收（《办法》第五条）'}。经核算，${clause(q.summary)}。计费明细如下：`,
    ),
    table,
    para(`应缴信息处理费合计人民币${q.totalYuan}元（大写：${yuanInWords(q.totalYuan)}）。`),
    para(
      `请${you}自收到本通知书之日的次日起20个工作日内（截至${d(n.paymentLastDate)}）缴纳。缴费方式：${clause(n.paymentMethod)}。本机关将在${you}缴纳信息处理费后继续办理该申请。`,
    ),
    para('逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
    para(
      '信息处理费属于行政事业性收费，按规定全额缴入国库；本机关收取信息处理费时，将向缴费人开具财政票据。',
    ),
    para('特此通知。'),
  ];
}

const WITHHELD_GROUND: Partial<Record<ReplyNotice['outcome'], string>> = {
  'withheld.state_secret': '属于依法确定为国家秘密的政府信息',
  'withheld.prohibited_by_law': '属于法律、行政法规禁止公开的政府信息',
  'withheld.three_securities_one_stability':
    '属于公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息',
  'withheld.third_party_rights': '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  'withheld.internal_affairs':
    '属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）',
  'withheld.process_information':
    '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  'withheld.law_enforcement_file': '属于行政执法案卷信息',
};

/** The decision paragraphs of a reply: the finding, its article(s) and what follows. */
function decision(n: ReplyNotice, you: string): string[] {
  const articles = outcomeArticles(n).join('、');
  const ground = WITHHELD_GROUND[n.outcome];
  if (ground) {
    return [`${you}所申请的政府信息${ground}。根据${LAW}${articles}规定，本机关决定不予公开。`];
  }
  switch (n.outcome) {
    case 'disclosed': {
      const p = n.provision!;
      if (p.alreadyPublic) {
        const url = p.url ? `（网址：${inline(p.url)}）` : '';
        return [
          `经查，${you}所申请的政府信息本机关已经主动公开。根据${LAW}${articles}规定，现告知${you}获取该政府信息的方式和途径：${clause(p.method)}${url}。`,
        ];
      }
      return [
        `根据${LAW}${articles}规定，本机关决定向${you}公开所申请的政府信息。提供方式：${clause(p.method)}。`,
      ];
    }
    case 'partially_disclosed':
      return [
        `${you}所申请的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据${LAW}${articles}规定，本机关向${you}提供可以公开的信息内容，其余内容不予公开。提供方式：${clause(n.provision!.method)}。`,
      ];
    case 'withheld.administrative_query': {
      const s = n.specialRegime!;
      const where = s.whereToApply ? `，可以向${inline(s.whereToApply)}申请办理` : '';
      return [
        `${you}所申请的信息属于${clause(s.matter)}，${inline(s.law)}对该类信息的获取有特别规定。根据${LAW}${articles}规定，请${you}依照${inline(s.law)}的规定办理${where}。`,
      ];
    }
    case 'unable.not_held': {
      const h = n.notHeld!;
      if (h.basis === 'nonexistent') {
        return [
          `经检索，本机关没有${you}所申请公开的政府信息。根据${LAW}${articles}规定，现告知${you}：${you}所申请公开的政府信息不存在。`,
        ];
      }
      const out = [
        `${you}所申请公开的政府信息不属于本机关负责公开。根据${LAW}${articles}规定，特此告知。`,
      ];
      if (h.competentAgency) {
        const contact = h.competentAgencyContact
          ? `，联系方式：${clause(h.competentAgencyContact)}`
          : '';
        out.push(
          `经确定，该政府信息由${inline(h.competentAgency)}负责公开${contact}。${you}可以向该机关提出申请。`,
        );
      }
      return out;
    }
    case 'unable.needs_creation':
      return [
        `${you}所申请的信息需要本机关对现有政府信息进行加工、分析后方能形成，本机关没有现成的该信息。根据${LAW}${articles}规定，本机关不予提供。`,
      ];
    case 'unable.unclear_after_correction': {
      const c = n.correction!;
      return [
        `本机关已于${d(c.noticeDate)}依照${LAW}${articles}规定，一次性告知${you}需要补正的事项。${you}于${d(c.supplementReceivedDate!)}提交了补正后的申请，但补正后的申请内容仍不明确，本机关无法据此确定${you}所需获取的政府信息，故无法向${you}提供。`,
      ];
    }
    case 'not_processed.petition_complaint': {
      const channel = n.properChannel
        ? `${you}可以通过相应渠道提出：${clause(n.properChannel)}。`
        : '';
      return [
        `${you}的申请系以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${LAW}${articles}规定，本机关不作为政府信息公开申请处理。${channel}`,
      ];
    }
    case 'not_processed.duplicate': {
      const prev = n.previousReply!;
      const ref = prev.docNumber ? `（${normalizeDocNumber(prev.docNumber)}）` : '';
      return [
        `本机关已于${d(prev.date)}就${you}提出的政府信息公开申请作出答复${ref}，${you}本次申请公开的政府信息与该申请相同。根据${LAW}${articles}规定，本机关不予重复处理。`,
      ];
    }
    case 'not_processed.publication': {
      const p = n.publication!;
      const title = p.title ? `（${clause(p.title)}）` : '';
      return [
        `${you}所申请获取的是政府公报、报刊、书籍等公开出版物${title}。根据${LAW}${articles}规定，本机关不另行提供，现告知${you}获取途径：${clause(p.whereToObtain!)}。`,
      ];
    }
    case 'not_processed.excessive': {
      const when = n.reasonsRequestedDate ? `于${d(n.reasonsRequestedDate)}` : '';
      return [
        `${you}申请公开政府信息的数量、频次明显超过合理范围，本机关已${when}要求${you}说明理由。经审查，本机关认为${you}的申请理由不合理。根据${LAW}${articles}规定，本机关对${you}的申请不予处理。`,
      ];
    }
    case 'not_processed.confirm_or_reissue':
      // No single article governs this row; the reply explains why the request is outside the
      // 条例 instead of citing one (see the rules file, §3.4, row (五)5).
      return [
        `${you}的申请系要求本机关对${you}已经获取的信息予以确认或者重新出具，并非申请获取行政机关已制作或者获取的政府信息，不属于${LAW}规定的政府信息公开申请，本机关不作为政府信息公开申请处理。`,
      ];
    case 'other.correction_not_supplemented': {
      const c = n.correction!;
      return [
        `本机关已于${d(c.noticeDate)}向${you}发出补正告知，补正期限至${d(c.periodLastDate!)}届满。${you}无正当理由逾期未补正。根据${LAW}${articles}规定，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      ];
    }
    case 'other.fee_not_paid': {
      const f = n.feeNotice!;
      return [
        `本机关已于${d(f.noticeDate)}向${you}发出信息处理费收费通知，缴费期限至${d(f.paymentLastDate)}届满。${you}逾期未按收费通知要求缴纳信息处理费。根据${LAW}${articles}和${FEE_RULES}有关规定，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      ];
    }
    default:
      // 'other.other': staff's reasons carry the decision.
      return [];
  }
}

function replyBody(n: ReplyNotice): Block[] {
  const you = applicantYou(n);
  return [
    para(opening(n, you)),
    ...paragraphsOf(n.reasons).map(para),
    ...decision(n, you).map(para),
    para(
      `如对本答复不服，可以自收到本答复之日起六十日内向${inline(n.remedies.reconsiderationBody!)}申请行政复议，或者在六个月内向${inline(n.remedies.court!)}提起行政诉讼。`,
    ),
    para('特此告知。'),
  ];
}

/** GB/T 9704: date 4 characters from the right, the name centred over it (2 at least). */
function signatureLayout(name: string, date: string): NoticeDocument['signature'] {
  const wn = displayWidth(name);
  const wd = displayWidth(date);
  let dateRightEm = 4;
  let nameRightEm = 4 + (wd - wn) / 2;
  if (nameRightEm < 2) {
    nameRightEm = 2;
    dateRightEm = 2 + (wn - wd) / 2;
  }
  return { name, date, nameRightEm, dateRightEm };
}

function attachmentLines(attachments: readonly string[] | undefined): string[] {
  const names = (attachments ?? []).map(clause);
  if (names.length === 1) return [`附件：${names[0]}`];
  return names.map((a, i) => `${i === 0 ? '附件：' : ''}${i + 1}.${a}`);
}

function contactNote(n: Notice): string | undefined {
  const parts: string[] = [];
  if (n.agency.address) parts.push(`联系地址：${clause(n.agency.address)}`);
  if (n.agency.phone) parts.push(`联系电话：${clause(n.agency.phone)}`);
  return parts.length > 0 ? `（${parts.join('；')}）` : undefined;
}

/** Validates the notice (throws NoticeDataError) and builds its text. */
export function buildNoticeDocument(notice: Notice): NoticeDocument {
  assertNoticeComplete(notice);
  let body: Block[];
  let addressee: string;
  switch (notice.kind) {
    case 'acknowledgement':
      body = acknowledgementBody(notice);
      break;
    case 'correction':
      body = correctionBody(notice);
      break;
    case 'extension':
      body = extensionBody(notice);
      break;
    case 'consultation':
      body = consultationBody(notice);
      break;
    case 'fee':
      body = feeBody(notice);
      break;
    case 'reply':
      body = replyBody(notice);
      break;
  }
  if (notice.kind === 'consultation') addressee = inline(notice.recipientName);
  else addressee = inline(notice.request.applicantName);
  const title = noticeTitle(notice);
  const agencyName = inline(notice.agency.name);
  return {
    title,
    titleLines: [agencyName, title],
    ...(notice.docNumber ? { docNumber: normalizeDocNumber(notice.docNumber) } : {}),
    addressee,
    body: nameTheLaw(body),
    attachments: attachmentLines(notice.attachments),
    signature: signatureLayout(inline(notice.signatory ?? notice.agency.name), d(notice.issueDate)),
    ...(contactNote(notice) ? { note: contactNote(notice)! } : {}),
  };
}
