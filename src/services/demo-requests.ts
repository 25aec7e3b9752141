import { addDays, type IsoDate } from '../domain/calendar/index.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { ReplyDetails, RequestChannel } from '../domain/requests/lifecycle.ts';
import type { ApplicantType, OutcomeCode } from '../domain/requests/outcomes.ts';
import { systemActor, type ServiceDeps } from './context.ts';
import { findAgency } from '../capabilities/agencies/sql.ts';
import { createAgency } from '../capabilities/agencies/commands.ts';
import { intakeRequest, recordEvent, type EventInput, type NewRequestInput } from './requests.ts';

/** The county department whose demo year of requests feeds a realistic annual report. */
export const DEMO_DEPARTMENT = { code: 'pingan-mzj', name: '平安县民政局', fullName: '平安县民政局', level: 'department' as const };

interface Scenario {
  channel: RequestChannel;
  type: ApplicantType;
  submitted: IsoDate;
  /** Signed-for or confirmed date, for channels other than 当面. */
  receipt?: IsoDate;
  description: string;
  steps: EventInput[];
}

const reply = (date: IsoDate, outcome: OutcomeCode, reasons = '', details?: ReplyDetails): EventInput => ({ type: 'replied', date, outcome, reasons, ...(details ? { details } : {}) });

const names: Record<ApplicantType, string[]> = {
  natural_person: ['张明', '李秀英', '王建国', '刘芳', '陈志强', '杨丽', '赵军', '黄海燕', '周磊', '吴静'],
  commercial: ['平安县康宁养老服务有限公司', '惠民建设工程有限公司', '安居物业管理有限公司'],
  research: ['省社会科学院社会学研究所', '某大学公共管理学院'],
  public_interest: ['平安县慈善总会', '阳光助残志愿者协会'],
  legal_service: ['正信律师事务所', '平安县法律援助中心'],
  other_org: ['城关镇东街村村民委员会', '平安县老年人协会'],
};

/**
 * A year of requests at a county civil-affairs bureau: every outcome of table 三, both carry-
 * overs (into 2025 from 2024, out of 2025 into 2026), a 补正, a consultation, an extension,
 * fees paid and unpaid. Built through the same services staff use, so every rule holds.
 */
const scenarios: Scenario[] = [
  // received in 2024, carried into 2025
  { channel: 'inPerson', type: 'natural_person', submitted: '2024-12-16', description: '2024年城乡低保对象名单及保障标准', steps: [reply('2025-01-10', 'disclosed')] },
  { channel: 'online', type: 'commercial', submitted: '2024-12-23', receipt: '2024-12-23', description: '养老机构运营补贴申报及拨付情况（2024年）', steps: [
    { type: 'extensionRequested', date: '2025-01-17', workingDays: 20, reason: '所需信息涉及多个年度档案，需调取整理' },
    { type: 'extensionApproved', date: '2025-01-20' },
    reply('2025-02-20', 'partially_disclosed', '部分内容涉及企业商业秘密，已作区分处理'),
  ] },
  { channel: 'mail', type: 'natural_person', submitted: '2024-12-27', receipt: '2024-12-30', description: '1998年某村五保户认定档案', steps: [reply('2025-01-20', 'unable.not_held', '经检索，本机关未制作或获取该信息', { notHeldBasis: 'nonexistent' })] },
  // received and closed in 2025
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-01-06', description: '临时救助申请条件和办理流程', steps: [reply('2025-01-15', 'disclosed')] },
  { channel: 'online', type: 'natural_person', submitted: '2025-02-10', receipt: '2025-02-10', description: '2025年特困人员供养标准调整文件', steps: [reply('2025-03-03', 'disclosed')] },
  { channel: 'email', type: 'research', submitted: '2025-03-03', receipt: '2025-03-04', description: '近三年全县社会救助资金使用情况统计', steps: [reply('2025-03-20', 'disclosed')] },
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-03-17', description: '某养老服务中心与我局签订的服务合同', steps: [
    { type: 'consultationStarted', date: '2025-03-19', kind: 'thirdParty', party: '平安县康宁养老服务有限公司', deliveredDate: '2025-03-20' },
    { type: 'consultationEnded', date: '2025-04-03', opinion: 'objection', summary: '第三方认为合同价格条款属商业秘密' },
    reply('2025-04-15', 'withheld.third_party_rights', '公开会损害第三方合法权益（条例第十五条）'),
  ] },
  { channel: 'online', type: 'public_interest', submitted: '2025-04-07', receipt: '2025-04-07', description: '残疾人两项补贴发放明细', steps: [reply('2025-04-25', 'partially_disclosed', '个人身份信息已作区分处理')] },
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-04-21', description: '某涉密行政区划调整请示', steps: [reply('2025-05-08', 'withheld.state_secret', '经保密审查属于国家秘密（条例第十四条）')] },
  { channel: 'fax', type: 'legal_service', submitted: '2025-05-06', receipt: '2025-05-06', description: '某婚姻登记档案中的当事人信息', steps: [reply('2025-05-20', 'withheld.prohibited_by_law', '婚姻登记档案查询另有规定')] },
  { channel: 'online', type: 'natural_person', submitted: '2025-05-12', receipt: '2025-05-12', description: '群体性事件处置预案', steps: [reply('2025-05-30', 'withheld.three_securities_one_stability', '公开可能危及社会稳定（条例第十四条）')] },
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-05-19', description: '我局干部年度考核结果', steps: [reply('2025-06-05', 'withheld.internal_affairs', '属于人事管理信息（条例第十六条第一款）')] },
  { channel: 'online', type: 'commercial', submitted: '2025-06-03', receipt: '2025-06-03', description: '养老机构评级工作会议讨论记录', steps: [reply('2025-06-20', 'withheld.process_information', '属于讨论记录（条例第十六条第二款）')] },
  { channel: 'mail', type: 'natural_person', submitted: '2025-06-09', receipt: '2025-06-11', description: '对某社会组织的行政处罚案卷', steps: [reply('2025-06-30', 'withheld.law_enforcement_file', '属于行政执法案卷信息（条例第十六条第二款）')] },
  { channel: 'online', type: 'natural_person', submitted: '2025-06-16', receipt: '2025-06-16', description: '本人婚姻登记记录', steps: [reply('2025-07-02', 'withheld.administrative_query', '属于婚姻登记档案查询事项', { specialMatter: '婚姻登记档案查询', specialLaw: '《婚姻登记条例》', whereToApply: '平安县婚姻登记处' })] },
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-07-01', description: '全省殡葬改革实施方案', steps: [reply('2025-07-10', 'unable.not_held', '该信息由省民政厅制作并负责公开', { notHeldBasis: 'notResponsible', competentAgency: '省民政厅' })] },
  { channel: 'online', type: 'research', submitted: '2025-07-07', receipt: '2025-07-07', description: '按乡镇分列的低保对象年龄结构分析', steps: [reply('2025-07-25', 'unable.needs_creation', '需对现有信息进行加工、分析（条例第三十八条）')] },
  { channel: 'online', type: 'natural_person', submitted: '2025-07-14', receipt: '2025-07-14', description: '关于那个补贴的文件', steps: [
    { type: 'correctionRequested', date: '2025-07-16', periodWorkingDays: 15, items: ['请写明所需补贴的名称、年份或文号'] },
    { type: 'correctionReceived', date: '2025-07-28' },
    reply('2025-08-15', 'unable.unclear_after_correction', '补正后仍无法确定所需信息'),
  ] },
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-08-04', description: '投诉某村委会低保评议不公', steps: [reply('2025-08-08', 'not_processed.petition_complaint', '属于信访投诉事项', { properChannel: '平安县信访局（县政府院内）' })] },
  { channel: 'online', type: 'natural_person', submitted: '2025-08-11', receipt: '2025-08-11', description: '2024年城乡低保对象名单及保障标准', steps: [reply('2025-08-15', 'not_processed.duplicate', '本机关已于2025年1月10日答复过相同申请', { previousReplyDate: '2025-01-10' })] },
  { channel: 'email', type: 'other_org', submitted: '2025-08-18', receipt: '2025-08-18', description: '《平安县民政志》全文', steps: [reply('2025-08-22', 'not_processed.publication', '属于公开出版物', { publicationTitle: '《平安县民政志》', whereToObtain: '平安县图书馆地方文献阅览室' })] },
  { channel: 'online', type: 'natural_person', submitted: '2025-09-01', receipt: '2025-09-01', description: '2000年以来本局全部文件', steps: [
    { type: 'excessiveReasonsRequested', date: '2025-09-03', note: '申请数量明显超出合理范围' },
    reply('2025-09-24', 'not_processed.excessive', '申请人未说明合理理由（条例第三十五条）'),
  ] },
  { channel: 'inPerson', type: 'commercial', submitted: '2025-09-08', description: '重新出具已取得的养老机构备案回执', steps: [reply('2025-09-19', 'not_processed.confirm_or_reissue', '要求重新出具已获取的信息')] },
  { channel: 'online', type: 'natural_person', submitted: '2025-09-15', receipt: '2025-09-15', description: '有关部门的那份通知', steps: [
    { type: 'correctionRequested', date: '2025-09-17', periodWorkingDays: 15, items: ['请写明通知的名称、发文机关或时间'] },
    reply('2025-10-27', 'other.correction_not_supplemented', '申请人逾期未补正'),
  ] },
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-10-13', description: '2015年至2025年全部社会救助审批表复印件', steps: [
    { type: 'feeNoticeSent', date: '2025-10-20', receivedDate: '2025-10-21', method: 'perPage', quantity: 250 },
    reply('2025-11-24', 'other.fee_not_paid', '申请人逾期未缴纳信息处理费'),
  ] },
  { channel: 'online', type: 'natural_person', submitted: '2025-10-20', receipt: '2025-10-20', description: '社区养老服务站建设标准', steps: [reply('2025-10-31', 'other.other', '申请人主动撤回申请')] },
  { channel: 'inPerson', type: 'legal_service', submitted: '2025-11-03', description: '2025年度全县社会组织年检结果及相关文件复印件', steps: [
    { type: 'feeNoticeSent', date: '2025-11-05', receivedDate: '2025-11-05', method: 'perPage', quantity: 120 },
    { type: 'feePaid', date: '2025-11-10', amountYuan: 1100 },
    reply('2025-11-20', 'disclosed'),
  ] },
  { channel: 'online', type: 'natural_person', submitted: '2025-11-17', receipt: '2025-11-17', description: '高龄津贴发放标准', steps: [reply('2025-12-05', 'disclosed')] },
  // received in 2025, carried into 2026
  { channel: 'inPerson', type: 'natural_person', submitted: '2025-12-15', description: '2025年冬季困难群众救助资金分配方案', steps: [reply('2026-01-09', 'disclosed')] },
  { channel: 'online', type: 'commercial', submitted: '2025-12-22', receipt: '2025-12-22', description: '2025年养老服务设施建设项目招标文件', steps: [
    { type: 'extensionRequested', date: '2026-01-15', workingDays: 15, reason: '需征求项目主管部门意见' },
    { type: 'extensionApproved', date: '2026-01-16' },
    reply('2026-02-10', 'partially_disclosed', '投标人报价信息已作区分处理'),
  ] },
  { channel: 'mail', type: 'natural_person', submitted: '2025-12-29', receipt: '2025-12-30', description: '1985年某乡敬老院建院批复', steps: [reply('2026-01-20', 'unable.not_held', '经检索未找到该信息', { notHeldBasis: 'nonexistent' })] },
];

/** Open work relative to today, for the reminders and the dashboard. */
const currentWork = (today: IsoDate): Scenario[] => [
  { channel: 'inPerson', type: 'natural_person', submitted: addDays(today, -10), description: '城乡低保提标文件', steps: [] },
  { channel: 'online', type: 'other_org', submitted: addDays(today, -1), description: '村级养老服务站运营补贴标准', steps: [] },
];

/** Creates the demo department and its requests, once. Returns whether it created anything. */
export async function seedDemoRequests(deps: ServiceDeps, countyId: number | null): Promise<boolean> {
  if (await findAgency(deps.db, DEMO_DEPARTMENT.code)) return false;
  const actor = systemActor('seed');
  const agency = await createAgency(deps, actor, { ...DEMO_DEPARTMENT, parentId: countyId });
  const counters = new Map<ApplicantType, number>();
  for (const [i, s] of [...scenarios, ...currentWork(chinaDate(deps.now()))].entries()) {
    const n = counters.get(s.type) ?? 0;
    counters.set(s.type, n + 1);
    const pool = names[s.type];
    const isPerson = s.type === 'natural_person';
    const request: NewRequestInput = {
      applicant: {
        type: s.type,
        name: pool[n % pool.length]!,
        idType: isPerson ? 'resident_id' : 'credit_code',
        idNumber: isPerson ? undefined : `91341100MA2${String(100000 + i).padStart(6, '0')}X`,
        phone: `1380551${String(1000 + i * 37).slice(-4)}`,
        address: '平安县城关镇人民路 1 号',
        contactPerson: isPerson ? undefined : '王经办',
      },
      description: s.description,
      requestedForm: 'either',
      delivery: s.channel === 'online' || s.channel === 'email' ? 'email' : 'pickup',
    };
    const { id } = await intakeRequest(deps, actor, {
      ...request,
      agencyId: agency.id,
      channel: s.channel,
      submittedDate: s.submitted,
      receipt: s.channel === 'inPerson' || !s.receipt ? undefined : { date: s.receipt, method: s.channel === 'mail' ? 'signedFor' : 'confirmed' },
    });
    for (const step of s.steps) await recordEvent(deps, actor, id, step);
  }
  return true;
}
