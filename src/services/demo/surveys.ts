/**
 * The demo's 问卷调查 at 常平乡 (issue 16 items 3 and 7), modelled on the seed report's
 * "开展群众需求调研，通过问卷……收集群众最关心的公开内容与形式建议": 群众需求调研 closed with its
 * results published (60 paper questionnaires), a satisfaction survey open now (its portal form
 * takes answers), and a draft. Built through the same commands staff use, on the first start only.
 */
import { addDays } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { SurveyAnswer } from '../../domain/surveys/index.ts';
import { systemActor, type ServiceDeps } from '../context.ts';
import { findAgency } from '../../capabilities/agencies/sql.ts';
import { createUser } from '../../capabilities/users/commands.ts';
import { createSurvey, enterPaperSheets, recordSurveyStep } from '../../capabilities/surveys/commands.ts';
import type { SurveyInput } from '../../capabilities/surveys/contract.ts';

const needs: Omit<SurveyInput, 'startDate' | 'endDate'> = {
  title: '群众需求调研：您最希望公开哪些政务信息？',
  description: '为使政务公开更贴近群众生产生活，常平乡人民政府开展群众需求调研，了解您最关心的公开内容和获取信息的方式。问卷不记名。',
  questions: [
    { kind: 'single', title: '您的身份', required: true, options: ['本乡村民', '企业或个体经营者', '外出务工人员', '其他'] },
    { kind: 'multiple', title: '您最希望乡政府公开哪些信息？（可多选）', required: true, options: ['惠农补贴发放', '低保和特困救助', '项目建设和资金使用', '村级财务收支', '征地拆迁补偿', '就业和技能培训'] },
    { kind: 'single', title: '您通常通过什么渠道获取政务信息？', required: true, options: ['乡政府网站', '微信公众号', '村务公开栏', '便民服务中心窗口', '村干部告知'] },
    { kind: 'rating', title: '您对本乡政务公开工作的总体评价（1 分最低，5 分最高）', required: false, options: [] },
    { kind: 'text', title: '您对政务公开还有哪些意见建议？', required: false, options: [] },
  ],
};

const satisfaction: Omit<SurveyInput, 'startDate' | 'endDate'> = {
  title: '2026 年政务公开满意度调查',
  description: '请您对常平乡政务公开工作作出评价，帮助我们改进。',
  questions: [
    { kind: 'rating', title: '公开信息是否及时', required: true, options: [] },
    { kind: 'rating', title: '公开内容是否容易看懂', required: true, options: [] },
    { kind: 'multiple', title: '您希望增加哪些公开形式？（可多选）', required: false, options: ['图解', '短视频', '村务公开栏张贴', '广播'] },
    { kind: 'text', title: '其他意见', required: false, options: [] },
  ],
};

const plan: Omit<SurveyInput, 'startDate' | 'endDate'> = {
  title: '2027 年政务公开工作要点征求意见问卷',
  description: '（草稿）',
  questions: [{ kind: 'multiple', title: '2027 年您希望重点公开哪些领域？', required: true, options: ['乡村振兴', '社会救助', '义务教育', '医疗保障'] }],
};

const suggestions = ['希望补贴发放名单按月在村务公开栏张贴', '公众号文章能不能多用图解', '项目资金使用情况希望写得具体一些', '老年人不会用手机，希望保留公开栏', '就业培训信息请提前一周发布'];

/** Which information sheet `i` asks for: each option with its own share (about 80 % to 25 %), never none. */
const wanted = (i: number): number[] => {
  const picked = [8, 7, 5, 6, 3, 4].flatMap((share, k) => (((i + 1) * (k + 3) * 7) % 10 < share ? [k] : []));
  return picked.length ? picked : [0];
};

/** 60 sheets, spread over the options by fixed rules (the same on every start). */
function needsSheets(): SurveyAnswer[][] {
  return Array.from({ length: 60 }, (_, i) => {
    const sheet: SurveyAnswer[] = [
      { question: 'q1', choice: i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : i % 13 === 0 ? 3 : 0 },
      { question: 'q2', choices: wanted(i) },
      { question: 'q3', choice: [2, 3, 1, 4, 2, 0, 1, 2][i % 8]! },
    ];
    if (i % 4 !== 3) sheet.push({ question: 'q4', rating: [4, 5, 3, 4, 2][i % 5]! });
    if (i % 12 === 0) sheet.push({ question: 'q5', text: suggestions[(i / 12) % suggestions.length]! });
    return sheet;
  });
}

/** Creates the demo surveys once: nothing when 常平乡 already has one. */
export async function seedDemoSurveys(deps: ServiceDeps): Promise<void> {
  const township = await findAgency(deps.db, 'changping');
  if (!township) return;
  if (await deps.db.selectFrom('surveys').select('id').where('agency_id', '=', township.id).executeTakeFirst()) return;
  // The demo's staff (services/demo/messages.ts makes them first); made here when absent.
  const userOf = async (username: string, displayName: string, role: 'clerk' | 'head') => {
    const found = await deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    const id = found?.id ?? (await createUser(deps, systemActor('seed'), { username, displayName, roles: [{ agencyId: township.id, role }] })).user.id;
    return { kind: 'user' as const, userId: id };
  };
  const clerk = await userOf('demo.liuyan', '刘燕（信息员）', 'clerk');
  const head = await userOf('demo.zhaoxiang', '赵乡（负责人）', 'head');
  const today = chinaDate(deps.now());
  const step = (id: number, type: 'opened' | 'closed' | 'resultsPublished') => recordSurveyStep(deps, type === 'resultsPublished' ? head : clerk, id, { type, date: today });

  const done = await createSurvey(deps, clerk, township.id, { ...needs, startDate: addDays(today, -30), endDate: addDays(today, -1) });
  await step(done.id, 'opened');
  await enterPaperSheets(deps, clerk, done.id, needsSheets());
  await step(done.id, 'closed');
  await step(done.id, 'resultsPublished');

  const open = await createSurvey(deps, clerk, township.id, { ...satisfaction, startDate: today, endDate: addDays(today, 30) });
  await step(open.id, 'opened');
  await enterPaperSheets(deps, clerk, open.id, [
    [{ question: 'q1', rating: 4 }, { question: 'q2', rating: 3 }, { question: 'q3', choices: [0, 2] }],
    [{ question: 'q1', rating: 5 }, { question: 'q2', rating: 4 }, { question: 'q4', text: '希望公开栏字再大一些' }],
    [{ question: 'q1', rating: 3 }, { question: 'q2', rating: 3 }, { question: 'q3', choices: [1] }],
  ]);

  await createSurvey(deps, clerk, township.id, { ...plan, startDate: addDays(today, 30), endDate: addDays(today, 60) });
}
