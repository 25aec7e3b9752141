/**
 * 常平乡's demo 意见征集 (issue 16 item 7): one ended consultation with its comments moderated (one
 * hidden), closed with the 意见采纳情况 and published, and one open now (its dates follow today), built
 * through the same commands staff use. Run once, on the first start, after the demo messages (whose
 * staff it borrows); nothing when 常平乡 already has a consultation.
 */
import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { ServiceDeps } from '../context.ts';
import { findAgency } from '../../capabilities/agencies/sql.ts';
import { createConsultation, importComment, recordConsultationEvent } from '../../capabilities/consultations/commands.ts';
import type { CommentChannel, FeedbackInput } from '../../capabilities/consultations/contract.ts';

const ended = {
  title: '常平乡农村人居环境整治奖补办法（征求意见稿）',
  kind: 'normativeDocument' as const,
  draftText:
    '第一条 为调动村民参与农村人居环境整治的积极性，结合本乡实际，制定本办法。\n第二条 本办法适用于本乡行政区域内开展人居环境整治的行政村和农户。\n第三条 对年度考评为“美丽庭院”的农户，每户奖励 300 元。\n第四条 对年度考评前三名的行政村，分别奖励 3 万元、2 万元、1 万元，用于村内环境设施维护。\n第五条 本办法自印发之日起施行。',
  explanation: '为落实县农村人居环境整治提升行动方案，乡农业农村办起草了本办法。起草过程中征求了各村意见，现公开征求社会公众意见。',
  contact: '也可将意见发送至 changping@example.gov.cn，或邮寄至常平乡人民政府党政办（邮编 000000）',
  startDate: '2026-09-01',
  endDate: '2026-09-14',
  prepared: '2026-08-28',
};

const endedComments: { name: string; article?: string; body: string; received: IsoDate; channel: CommentChannel; hide?: string; adoption?: FeedbackInput['adoption']; reason?: string }[] = [
  { name: '朱建军', article: '第三条', body: '建议“美丽庭院”奖励改为实物，如垃圾分类桶、花木，更能持续改善环境。', received: '2026-09-02', channel: 'online', adoption: 'partlyAdopted', reason: '奖励以现金为主，可由农户自愿选择等值的实物' },
  { name: '李春花', body: '建议明确考评的时间、标准和评分人员，并把考评结果在村务公开栏公示。', received: '2026-09-05', channel: 'online', adoption: 'adopted' },
  { name: '某建材公司', body: '本公司低价供应各类建材，欢迎来电咨询。', received: '2026-09-07', channel: 'online', hide: '与草案无关的广告' },
  { name: '王德明', article: '第四条', body: '建议奖励资金可用于村内道路硬化。', received: '2026-09-10', channel: 'staff', adoption: 'notAdopted', reason: '道路硬化另有专项资金，本奖补资金限用于环境设施维护' },
];

/** Creates the demo consultations once. */
export async function seedDemoConsultations(deps: ServiceDeps): Promise<void> {
  const township = await findAgency(deps.db, 'changping');
  if (!township) return;
  if (await deps.db.selectFrom('consultations').select('id').where('agency_id', '=', township.id).executeTakeFirst()) return;
  const user = async (username: string) => {
    const row = await deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    return row ? { kind: 'user' as const, userId: row.id } : null;
  };
  const clerk = await user('demo.liuyan');
  const head = await user('demo.zhaoxiang');
  if (!clerk || !head) return;

  const { prepared, ...draft } = ended;
  const { id } = await createConsultation(deps, clerk, { agencyId: township.id, ...draft, preparedDate: prepared });
  await recordConsultationEvent(deps, clerk, id, { type: 'opened', date: ended.startDate });
  const feedback: FeedbackInput[] = [];
  for (const c of endedComments) {
    const { commentId } = await importComment(deps, clerk, id, { name: c.name, body: c.body, receivedDate: c.received, ...(c.article ? { article: c.article } : {}) }, c.channel);
    await recordConsultationEvent(deps, clerk, id, { type: 'commentModerated', date: c.received, commentId, decision: c.hide ? 'hidden' : 'shown', ...(c.hide ? { reason: c.hide } : {}) });
    if (c.adoption) feedback.push({ commentId, adoption: c.adoption, ...(c.reason ? { reason: c.reason } : {}) });
  }
  await recordConsultationEvent(deps, clerk, id, { type: 'closed', date: '2026-09-15', feedback });
  await recordConsultationEvent(deps, head, id, { type: 'feedbackPublished', date: '2026-09-18' });

  // Open now: 30 days (a 重大行政决策) that began ten days ago, with one comment shown.
  const today = chinaDate(deps.now());
  const start = addDays(today, -10);
  const open = await createConsultation(deps, clerk, {
    agencyId: township.id,
    title: '常平乡集镇区生活垃圾收运处理方案（征求意见稿）',
    kind: 'majorDecision',
    draftText: '第一条 集镇区生活垃圾实行“户分类、村收集、乡转运、县处理”。\n第二条 集镇区每日清运两次，时间为早 7 时和晚 6 时。\n第三条 商户按月缴纳垃圾处理费，标准另行公布。',
    explanation: '集镇区生活垃圾收运方案涉及群众切身利益，属于重大行政决策事项。依照《重大行政决策程序暂行条例》，现公开征求意见，期限 30 日。',
    startDate: start,
    endDate: addDays(start, 29),
    preparedDate: addDays(start, -2),
  });
  await recordConsultationEvent(deps, clerk, open.id, { type: 'opened', date: start });
  const received = addDays(start, 1);
  const { commentId } = await importComment(deps, clerk, open.id, { name: '陈丽', article: '第二条', body: '建议晚上清运时间推迟到 7 时，很多商户 6 时还在营业。', receivedDate: received }, 'online');
  await recordConsultationEvent(deps, clerk, open.id, { type: 'commentModerated', date: received, commentId, decision: 'shown' });
}
