/**
 * A year of 留言 at 常平乡 and the county (issue 16, item 7), built through the same commands staff
 * use, so every rule holds: every phase (待受理 to 已答复), every refusal reason (属依申请公开 converted
 * into a request), a 转办 up to the county, extensions approved and refused, replies published and
 * withheld for lack of consent, every rating and a lapsed one (counted 满意), a late reply, an
 * overdue message and one open past 60 days (red). Run once, on the first start, like the demo
 * documents; tests start from seedDemo without it.
 */
import type { IsoDate } from '../../domain/calendar/index.ts';
import type { MessageKind, RejectionReason, Rating } from '../../domain/messages/index.ts';
import type { MessageChannel } from '../../domain/messages/index.ts';
import { systemActor, type ServiceDeps } from '../context.ts';
import { findAgency } from '../../capabilities/agencies/sql.ts';
import { createUser } from '../../capabilities/users/commands.ts';
import { createMailbox, importOnlineMessage, intakeMessage, recordMessageEvent } from '../../capabilities/messages/commands.ts';
import { convertToRequest } from '../../capabilities/messages/convert.ts';
import { recordEvent } from '../../capabilities/requests/commands.ts';
import type { MessageEventInput } from '../../capabilities/messages/contract.ts';

type Who = 'clerk' | 'reviewer' | 'head';
/** `convert`: into a request, which the demo then answers on `answered` (公开). */
type Step = { by: Who; event: MessageEventInput } | { convert: true; answered: IsoDate };

interface Scenario {
  agency: 'changping' | 'pingan';
  mailbox: string;
  channel: MessageChannel;
  kind: MessageKind;
  received: IsoDate;
  title: string;
  body: string;
  writer: string;
  consent?: boolean;
  steps: Step[];
}

const by = (who: Who, event: MessageEventInput): Step => ({ by: who, event });
const accept = (date: IsoDate) => by('clerk', { type: 'accepted', date });
const reject = (date: IsoDate, reason: RejectionReason, note?: string) => by('clerk', { type: 'rejected', date, reason, ...(note ? { note } : {}) });
/** Drafted, reviewed and approved by three people on one day, then published when the writer agreed. */
const reply = (date: IsoDate, text: string, publish = true): Step[] => [
  by('clerk', { type: 'replyDrafted', date, text }),
  by('reviewer', { type: 'replyReviewed', date }),
  by('head', { type: 'replyApproved', date }),
  ...(publish ? [by('clerk', { type: 'published', date })] : []),
];
const rated = (date: IsoDate, rating: Rating, comment?: string) => by('clerk', { type: 'rated', date, rating, ...(comment ? { comment } : {}) });

const scenarios: Scenario[] = [
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'consultation', received: '2025-12-08', writer: '张桂兰', title: '城乡低保申请需要准备哪些材料', body: '我家老人今年身体不好，想申请低保，请问需要准备哪些材料，到哪里办理？', steps: [accept('2025-12-08'), ...reply('2025-12-10', '您好！申请城乡低保需提供户口簿、身份证、家庭收入情况说明及相关证明材料，由本人向户籍所在地村（居）委会或乡便民服务中心提出申请。乡民政办将在受理后开展入户调查。'), rated('2025-12-12', 'satisfied', '答复很清楚，谢谢')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'suggestion', received: '2026-01-12', writer: '李明', title: '建议在东村路口增设路灯', body: '东村路口晚上没有照明，村民出行很不方便，建议增设两盏路灯。', steps: [accept('2026-01-12'), ...reply('2026-01-20', '感谢您的建议。经现场查看，东村路口确需增设照明，已列入今年村内亮化工程，预计 3 月底前完成安装。'), rated('2026-01-22', 'basicallySatisfied')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'complaint', received: '2026-02-24', writer: '王建华', title: '西村垃圾清运不及时', body: '西村垃圾收集点已经一周没有清运，气味很大，希望尽快处理。', steps: [accept('2026-02-24'), by('clerk', { type: 'extensionRequested', date: '2026-03-03', workingDays: 5, reason: '需会同保洁公司核查清运记录' }), by('head', { type: 'extensionApproved', date: '2026-03-04', notice: '已电话告知留言人：答复期限延长 5 个工作日' }), ...reply('2026-03-12', '经核查，春节后保洁公司人员未及时到岗，导致清运延误。现已督促保洁公司每两日清运一次，并在收集点公示监督电话。'), rated('2026-03-16', 'dissatisfied', '希望以后能保持')] },
  { agency: 'changping', mailbox: '政务公开信箱', channel: 'online', kind: 'help', received: '2026-03-16', writer: '赵秀英', consent: false, title: '独居老人冬季取暖求助', body: '我母亲独居，家里取暖设备坏了，想请村里帮忙看看。', steps: [accept('2026-03-16'), ...reply('2026-03-20', '已安排村委会工作人员上门查看并协助维修取暖设备，后续将定期走访。', false)] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'consultation', received: '2026-04-07', writer: '张桂兰', title: '低保申请材料的再次询问', body: '请问低保申请需要哪些材料？（与此前留言相同）', steps: [reject('2026-04-08', 'duplicate', '与 2025 年 12 月的留言内容相同，已答复')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'suggestion', received: '2026-04-20', writer: '刘洋', title: '测试测试测试', body: '测试', steps: [reject('2026-04-21', 'noSubstance')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'complaint', received: '2026-05-11', writer: '陈某', title: '对某村干部的意见', body: '（内容含有侮辱、诽谤他人的言辞，依规不予受理，此处不予转录）', steps: [reject('2026-05-12', 'unlawful')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'consultation', received: '2026-06-08', writer: '周国强', title: '土地承包经营权纠纷如何解决', body: '我与邻居就承包地边界有争议，多次协商未果，请问应该怎么解决？', steps: [reject('2026-06-09', 'petition')] },
  { agency: 'changping', mailbox: '政务公开信箱', channel: 'online', kind: 'consultation', received: '2026-06-22', writer: '吴志明', title: '申请公开东村征地补偿安置方案', body: '请公开东村 2026 年征地补偿安置方案及补偿标准。', steps: [reject('2026-06-23', 'disclosureRequest'), { convert: true, answered: '2026-07-10' }] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'complaint', received: '2026-07-06', writer: '孙丽', title: '县道旁违规占道经营', body: '县道 X012 常平段路边有商户长期占道经营，影响通行安全。', steps: [by('clerk', { type: 'transferred', date: '2026-07-07', toAgencyId: 0, toAgencyName: '平安县', note: '县道管理属县交通运输部门职责' }), accept('2026-07-08'), ...reply('2026-07-15', '经县交通运输局会同常平乡现场核查，已责令占道商户限期整改，并将加强日常巡查。')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'suggestion', received: '2026-08-03', writer: '郑华', title: '建议村卫生室延长开放时间', body: '村卫生室下午四点就关门，上班的村民看病不方便，建议延长开放时间。', steps: [accept('2026-08-03'), by('clerk', { type: 'extensionRequested', date: '2026-08-10', workingDays: 3, reason: '需征求卫生院意见' }), by('head', { type: 'extensionRejected', date: '2026-08-11', reason: '事项不复杂，应在原期限内答复' }), ...reply('2026-08-19', '经与乡卫生院协商，自 9 月起村卫生室每周二、周四开放至晚上七点。')] },
  { agency: 'changping', mailbox: '政务公开信箱', channel: 'suggestionBox', kind: 'suggestion', received: '2026-09-01', writer: '匿名村民', title: '建议公开村级财务收支', body: '意见箱来信：希望每季度在村务公开栏公布村级财务收支明细。', steps: [accept('2026-09-01'), ...reply('2026-09-09', '感谢您的建议。各村已按季度在村务公开栏公开财务收支，乡纪委将加强监督检查。'), rated('2026-09-10', 'satisfied')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'help', received: '2026-09-14', writer: '冯淑珍', title: '危房改造补助申请求助', body: '我家房屋墙体开裂，想申请危房改造补助，不知道如何申请。', steps: [accept('2026-09-15')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'letter', kind: 'suggestion', received: '2026-10-12', writer: '何志远', title: '建议修缮村文化广场健身器材', body: '来信：村文化广场的健身器材多处损坏，建议尽快修缮。', steps: [accept('2026-10-12'), ...reply('2026-10-20', '已安排对文化广场健身器材进行检修，损坏器材将于本月底前更换。'), rated('2026-10-22', 'basicallySatisfied')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'inPerson', kind: 'consultation', received: '2026-10-26', writer: '马春梅', title: '新农合缴费时间咨询', body: '来访：询问 2027 年度城乡居民医保缴费时间和标准。', steps: [accept('2026-10-26'), ...reply('2026-10-27', '2027 年度城乡居民医保集中缴费期为 2026 年 9 月至 12 月，个人缴费标准以县医保局公布为准，可通过村卫生协管员或手机缴费。')] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'consultation', received: '2026-11-16', writer: '朱建军', title: '农机购置补贴如何申请', body: '请问今年农机购置补贴的申请时间和流程？', steps: [accept('2026-11-16'), by('clerk', { type: 'replyDrafted', date: '2026-11-18', text: '农机购置补贴实行自主购机、定额补贴、先购后补，购机后可向乡农业服务中心提交申请。' })] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'suggestion', received: '2026-11-18', writer: '胡雪', title: '建议在学校门口设置减速带', body: '常平小学门口车辆速度快，建议设置减速带和警示标志。', steps: [accept('2026-11-18'), by('clerk', { type: 'replyDrafted', date: '2026-11-20', text: '已联系县交通运输部门，将在常平小学门口设置减速带和警示标志。' }), by('reviewer', { type: 'replyReviewed', date: '2026-11-23' })] },
  { agency: 'changping', mailbox: '书记信箱', channel: 'online', kind: 'complaint', received: '2026-11-20', writer: '林涛', title: '自来水水压不足', body: '最近一周北村自来水水压很低，早晚用水困难。', steps: [accept('2026-11-20')] },
  { agency: 'changping', mailbox: '政务公开信箱', channel: 'online', kind: 'consultation', received: '2026-11-24', writer: '高敏', title: '政府信息公开指南在哪里查看', body: '请问在哪里可以看到本乡的政府信息公开指南？', steps: [] },
  { agency: 'pingan', mailbox: '县长信箱', channel: 'online', kind: 'consultation', received: '2026-01-05', writer: '罗永', title: '县城公租房申请条件', body: '请问县城公租房的申请条件和办理流程？', steps: [accept('2026-01-05'), ...reply('2026-01-09', '申请公租房须具有本县户籍或在县城稳定就业，家庭收入和住房符合规定标准，可向县住房保障中心提出申请。'), rated('2026-01-12', 'satisfied')] },
  { agency: 'pingan', mailbox: '县长信箱', channel: 'online', kind: 'suggestion', received: '2026-05-18', writer: '梁晓', title: '建议增开县城至常平乡公交班次', body: '县城至常平乡的公交每天只有四班，建议增加班次。', steps: [accept('2026-05-18'), ...reply('2026-05-29', '县交通运输局已协调公交公司自 6 月起增开两个班次，具体时刻表在车站公示。')] },
  { agency: 'pingan', mailbox: '县长信箱', channel: 'online', kind: 'complaint', received: '2026-10-19', writer: '宋健', title: '县城农贸市场秩序混乱', body: '农贸市场周边车辆乱停乱放，早上经常堵塞。', steps: [accept('2026-10-19')] },
  { agency: 'pingan', mailbox: '县长信箱', channel: 'online', kind: 'help', received: '2026-11-23', writer: '谢芳', title: '残疾人两项补贴发放求助', body: '我是残疾人，今年的两项补贴还没有收到，请帮忙查询。', steps: [] },
];

const mailboxes = [
  { agency: 'changping', name: '书记信箱', description: '向乡党委书记、乡长反映意见建议、咨询问题' },
  { agency: 'changping', name: '政务公开信箱', description: '政府信息公开工作的咨询和建议' },
  { agency: 'pingan', name: '县长信箱', description: '向县长反映意见建议、咨询问题' },
] as const;

/** Creates the demo messages once: nothing when 常平乡 already has a mailbox. */
export async function seedDemoMessages(deps: ServiceDeps): Promise<void> {
  const township = await findAgency(deps.db, 'changping');
  const county = await findAgency(deps.db, 'pingan');
  if (!township || !county) return;
  if (await deps.db.selectFrom('mailboxes').select('id').where('agency_id', '=', township.id).executeTakeFirst()) return;
  const system = systemActor('seed');
  const ids = { changping: township.id, pingan: county.id };
  // Three people, so that drafting, review and approval are each someone else's (separation of duties).
  const staff = {} as Record<Who, { kind: 'user'; userId: number }>;
  const people: [Who, string, string][] = [['clerk', 'demo.liuyan', '刘燕（信息员）'], ['reviewer', 'demo.wangshen', '王审（审核人）'], ['head', 'demo.zhaoxiang', '赵乡（负责人）']];
  for (const [role, username, displayName] of people) {
    const { user } = await createUser(deps, system, { username, displayName, roles: [township.id, county.id].map((agencyId) => ({ agencyId, role })) });
    staff[role] = { kind: 'user', userId: user.id };
  }
  const boxIds = new Map<string, number>();
  for (const m of mailboxes) boxIds.set(`${m.agency}/${m.name}`, (await createMailbox(deps, system, { agencyId: ids[m.agency], name: m.name, description: m.description })).id);
  let n = 0;
  for (const s of scenarios) {
    n++;
    const input = { mailboxId: boxIds.get(`${s.agency}/${s.mailbox}`)!, kind: s.kind, title: s.title, body: s.body, name: s.writer, phone: `1390000${String(n).padStart(4, '0')}`, consentToPublish: s.consent ?? true };
    const { id } =
      s.channel === 'online'
        ? await importOnlineMessage(deps, staff.clerk, ids[s.agency], input, s.received)
        : await intakeMessage(deps, staff.clerk, ids[s.agency], { ...input, channel: s.channel, receivedDate: s.received });
    for (const step of s.steps) {
      if ('convert' in step) {
        const { requestId } = await convertToRequest(deps, staff.clerk, id);
        await recordEvent(deps, staff.head, requestId, { type: 'replied', date: step.answered, outcome: 'disclosed', reasons: '' });
      }
      else if (step.event.type === 'transferred') await recordMessageEvent(deps, staff[step.by], id, { ...step.event, toAgencyId: county.id });
      else await recordMessageEvent(deps, staff[step.by], id, step.event);
    }
  }
}
