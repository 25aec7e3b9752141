import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { findAgency } from '../../services/agencies.ts';
import { notFound } from '../../services/errors.ts';
import { limits, RATING_MAX } from '../../domain/surveys/index.ts';
import { requireUser } from '../../http/auth.ts';
import { DateString, IdParams, titled, withErrors } from '../../http/api/schemas.ts';
import { SUBMIT_LIMIT, SubmissionRefused } from '../../http/api/public-routes.ts';
import { createSurvey, editSurvey, recordSurveyStep, submitAnswers } from './commands.ts';
import { getSurvey, listSurveys, portalSurveys, publicSurvey, publishedResults } from './queries.ts';
import { surveyFieldLabels } from './contract.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

// Lengths and option counts are checked again by definitionProblems with Chinese messages, each on
// its field; the schema only bounds the input.
const Question = Type.Object(
  {
    key: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' })),
    kind: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('rating'), Type.Literal('text')]),
    title: Text(limits.questionTitle * 2),
    required: Type.Boolean(),
    options: Type.Array(Text(limits.option * 2), { maxItems: limits.options * 2 }),
  },
  { additionalProperties: false },
);
const Definition = {
  title: Text(limits.title * 2),
  description: Type.Optional(Text(limits.description * 2)),
  startDate: DateString('开始接受答卷的日期'),
  endDate: DateString('最后一天接受答卷的日期'),
  questions: Type.Array(Question, { maxItems: limits.questions * 2 }),
};
const Answer = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 20 }),
    choice: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    choices: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { maxItems: 100 })),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: RATING_MAX })),
    text: Type.Optional(Text(limits.text * 2)),
  },
  { additionalProperties: false },
);

/** Staff: the list, the survey page with its results, create, edit a draft, and each step. */
export function surveyRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['互动交流'];
    app.get(
      '/surveys',
      { schema: { tags, summary: '本机关的问卷调查', querystring: Type.Object({ agencyId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) } },
      async (req) => listSurveys(deps, requireUser(req), req.query.agencyId),
    );
    app.post(
      '/surveys',
      {
        schema: {
          tags,
          summary: '新建问卷（草稿）：单选、多选、评分（1 至 5 分）和文字题',
          body: titled(Type.Object({ agencyId: Type.Integer({ minimum: 1 }), ...Definition }, { additionalProperties: false }), surveyFieldLabels),
          response: withErrors({ 201: Type.Object({ id: Type.Integer() }) }),
        },
      },
      async (req, reply) => {
        const { agencyId, ...input } = req.body;
        return reply.status(201).send(await createSurvey(deps, requireUser(req), agencyId, input));
      },
    );
    app.get('/surveys/:id', { schema: { tags, summary: '问卷详情：题目、记录、可执行操作和统计结果（文字题回答仅办理人员可见）', params: IdParams } }, async (req) => getSurvey(deps, requireUser(req), req.params.id));
    app.put(
      '/surveys/:id',
      { schema: { tags, summary: '修改问卷（仅草稿）', params: IdParams, body: titled(Type.Object(Definition, { additionalProperties: false }), surveyFieldLabels) } },
      async (req) => {
        const actor = requireUser(req);
        await editSurvey(deps, actor, req.params.id, req.body);
        return getSurvey(deps, actor, req.params.id);
      },
    );
    app.post(
      '/surveys/:id/events',
      {
        schema: {
          tags,
          summary: '开始调查、结束调查或公布结果（公布须由负责人或管理员）',
          params: IdParams,
          body: titled(Type.Object({ type: lit(['opened', 'closed', 'resultsPublished'] as const), date: DateString('日期') }, { additionalProperties: false }), surveyFieldLabels),
        },
      },
      async (req) => {
        const actor = requireUser(req);
        await recordSurveyStep(deps, actor, req.params.id, req.body);
        return getSurvey(deps, actor, req.params.id);
      },
    );
  };
}

/** The public: an agency's open surveys and published results, one survey's questions, and answering it. */
export function publicSurveyRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  const agencyOf = async (code: string) => (await findAgency(deps.db, code)) ?? Promise.reject(notFound('机构'));
  const Params = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }), id: Type.Integer({ minimum: 1 }) });
  return async (app) => {
    const tags = ['公众'];
    app.get(
      '/public/agencies/:code/surveys',
      { schema: { tags, summary: '机关正在进行的问卷调查和已公布的调查结果', params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }) } },
      async (req) => portalSurveys(deps, (await agencyOf(req.params.code)).id),
    );
    app.get('/public/agencies/:code/surveys/:id', { schema: { tags, summary: '问卷的题目及是否正在接受答卷', params: Params } }, async (req) => publicSurvey(deps, (await agencyOf(req.params.code)).id, req.params.id));
    app.get(
      '/public/agencies/:code/surveys/:id/results',
      { schema: { tags, summary: '已公布的调查结果（仅汇总数字，不含文字题的回答）', params: Params } },
      async (req) => publishedResults(deps, (await agencyOf(req.params.code)).id, req.params.id),
    );
    app.post(
      '/public/agencies/:code/surveys/:id/responses',
      {
        schema: {
          tags,
          summary: '提交答卷（每个答卷人标识每份问卷一次；须回答验证题；按访问地址限流）',
          params: Params,
          body: titled(
            Type.Object(
              {
                answers: Type.Array(Answer, { maxItems: limits.questions * 2 }),
                respondentToken: Type.String({ minLength: 16, maxLength: 100, description: '答卷人所用浏览器或客户端保存的随机标识，同一标识对同一问卷只能提交一次' }),
                captchaToken: Type.String({ minLength: 1, maxLength: 300 }),
                captchaAnswer: Type.String({ minLength: 1, maxLength: 10 }),
              },
              { additionalProperties: false },
            ),
            surveyFieldLabels,
          ),
          response: { ...withErrors({ 201: Type.Object({ received: Type.Boolean() }) }), 400: SubmissionRefused },
        },
        config: { rateLimit: SUBMIT_LIMIT },
      },
      async (req, reply) => {
        const { answers, respondentToken, captchaToken, captchaAnswer } = req.body;
        await submitAnswers(deps, (await agencyOf(req.params.code)).id, req.params.id, answers, respondentToken, { token: captchaToken, answer: captchaAnswer });
        return reply.status(201).send({ received: true });
      },
    );
  };
}
