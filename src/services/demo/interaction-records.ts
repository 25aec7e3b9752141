/**
 * 常平乡's hotline log, meetings and one online interview (issue 16 items 4, 5 and 7), built through
 * the same commands staff use, on the first start only (after the demo messages, whose mailbox and
 * staff the interview uses). Every state appears: calls 办结 and not, from 12345 and the own line;
 * a follow-up done, one open and one overdue; an interview with a question answered on air, one
 * converted into a message, and its transcript published.
 */
import { findAgency } from '../../capabilities/agencies/sql.ts';
import { createCall } from '../../capabilities/hotline/commands.ts';
import type { HotlineCallInput } from '../../capabilities/hotline/contract.ts';
import { convertUnanswered, createInterview, markAnswered, recordQuestion, saveTranscript } from '../../capabilities/interviews/commands.ts';
import { getInterview } from '../../capabilities/interviews/queries.ts';
import { createMeeting } from '../../capabilities/records/meetings.ts';
import type { MeetingInput } from '../../capabilities/records/meetings-contract.ts';
import type { ServiceDeps } from '../context.ts';

const call = (orderNo: string, calledAt: string, callerName: string, callerPhone: string, subject: string, answer: string, closed: boolean): HotlineCallInput => ({ orderNo, calledAt, callerName, callerPhone, subject, answer, closed });

const calls: HotlineCallInput[] = [
  call('GD20260108000131', '2026-01-08 09:20', '张桂兰', '13900000101', '咨询城乡居民医保缴费标准和截止时间', '已电话答复：2026 年度个人缴费 400 元，截止 6 月 30 日，可在村便民服务点或手机缴纳', true),
  call('GD20260219000254', '2026-02-19 15:05', '李明', '13900000102', '反映东村路灯损坏多日未修', '已通知村委会更换灯具，2 月 21 日恢复照明，回访满意', true),
  call('GD20260311000418', '2026-03-11 10:42', '王建华', '13900000103', '西村自来水停水，请求尽快恢复', '已协调水厂抢修，当日恢复供水', true),
  call('', '2026-04-02 08:50', '赵秀英', '13900000104', '咨询高龄津贴申领条件', '年满 80 周岁的本乡户籍老人可申领，携身份证、户口簿到乡民政办办理', true),
  call('GD20260520000577', '2026-05-20 16:30', '周国强', '13900000105', '建议增加乡村公交班次', '已转县交通运输局研究，待答复', false),
  call('', '2026-07-14 11:15', '', '', '匿名反映集市占道经营', '已转乡综合执法队核查', false),
  call('GD20260909000812', '2026-09-09 14:00', '孙丽', '13900000106', '咨询秋季学期学生资助政策', '已告知家庭经济困难学生认定和资助申请流程', true),
];

const meetings: MeetingInput[] = [
  {
    kind: 'symposium',
    heldOn: '2026-03-20',
    title: '2026 年政务公开工作群众座谈会',
    participantCount: 18,
    participantKinds: ['群众代表', '村（社区）干部', '人大代表'],
    topics: '群众最希望公开的信息；公开栏和网站使用情况；意见建议',
    minutes: '与会代表建议：低保、补贴等民生信息在村公开栏和网站同步公开；公开栏字体加大；增设公开栏扫码查看。',
    followUps: [
      { item: '各村公开栏增设二维码，链接到政府信息公开专栏', owner: '党政办 赵敏', dueOn: '2026-05-31', doneOn: '2026-05-18' },
      { item: '涉农补贴发放情况按季度在网站公开', owner: '农业服务中心 陈刚', dueOn: '2026-06-30', doneOn: null },
    ],
  },
  {
    kind: 'villagers',
    heldOn: '2026-08-12',
    title: '东村 2026 年第二次村民会议',
    participantCount: 52,
    participantKinds: ['村民代表', '村（社区）干部'],
    topics: '村道硬化方案表决；村集体经济收益分配',
    minutes: '村道硬化方案经表决通过（赞成 47 票）；收益分配方案待公示 7 日后再议。',
    followUps: [
      { item: '公示收益分配方案', owner: '东村村委会 王主任', dueOn: '2026-08-20', doneOn: '2026-08-19' },
      { item: '村道硬化工程招标', owner: '乡建设办 刘工', dueOn: '2026-12-31', doneOn: null },
    ],
  },
  {
    kind: 'openDay',
    heldOn: '2026-05-15',
    title: '政府开放日：走进乡便民服务中心',
    participantCount: 30,
    participantKinds: ['群众代表', '企业代表', '新闻媒体'],
    topics: '参观便民服务中心；政务公开工作介绍；现场答疑',
    minutes: '群众现场咨询医保、社保、宅基地审批等 12 个问题，均当场解答。',
    followUps: [{ item: '编印便民服务事项指南并在网站公开', owner: '便民服务中心 周主任', dueOn: '2026-07-15', doneOn: null }],
  },
];

/** Creates the records once: nothing when 常平乡 already has a hotline call. */
export async function seedDemoInteractionRecords(deps: ServiceDeps): Promise<void> {
  const township = await findAgency(deps.db, 'changping');
  if (!township) return;
  if (await deps.db.selectFrom('hotline_calls').select('id').where('agency_id', '=', township.id).executeTakeFirst()) return;
  const clerk = await deps.db.selectFrom('users').select('id').where('username', '=', 'demo.liuyan').executeTakeFirst();
  const mailbox = await deps.db.selectFrom('mailboxes').select('id').where('agency_id', '=', township.id).where('name', '=', '书记信箱').executeTakeFirst();
  if (!clerk || !mailbox) return;
  const staff = { kind: 'user' as const, userId: clerk.id };
  for (const c of calls) await createCall(deps, staff, township.id, c);
  for (const m of meetings) await createMeeting(deps, staff, township.id, m);

  const { id } = await createInterview(deps, staff, township.id, {
    topic: '优化营商环境 助力乡村振兴',
    guests: '常平乡乡长 李华\n乡党政办主任 赵敏',
    startsAt: '2026-06-18 15:00',
    description: '围绕营商环境、乡村产业发展和政务服务，乡长与网民在线交流。',
    mailboxId: mailbox.id,
  });
  // The questions were sent in the week before the interview.
  const before = { ...deps, now: () => new Date('2026-06-12T02:00:00Z') };
  await recordQuestion(before, township.id, id, { name: '吴志明', phone: '13900000201', body: '乡里对返乡创业有哪些扶持政策？', consentToPublish: true });
  await recordQuestion(before, township.id, id, { name: '郑华', phone: '13900000202', body: '农产品电商服务站什么时候建成？', consentToPublish: true });
  const [answered] = (await getInterview(deps, staff, township.id, id)).questions;
  await markAnswered(deps, staff, township.id, id, [{ questionId: answered!.id, answer: '返乡创业可申请创业担保贷款和一次性创业补贴，详情可到乡便民服务中心咨询。' }]);
  await convertUnanswered(deps, staff, township.id, id);
  await saveTranscript(deps, staff, township.id, id, '主持人：各位网友，大家好！今天我们邀请到常平乡乡长李华……\n李华：各位网友好，今年我乡在优化营商环境方面主要做了三件事……', true);
}
