import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { findAgency } from '../../services/agencies.ts';
import { notFound } from '../../services/errors.ts';
import { adoptions, draftKinds } from '../../domain/consultations/index.ts';
import { requireUser } from '../../http/auth.ts';
import { DateString, IdParams, titled, withErrors } from '../../http/api/schemas.ts';
import { SUBMIT_LIMIT, SubmissionRefused } from '../../http/api/public-routes.ts';
import { createConsultation, enterComment, recordConsultationEvent, submitCommentOnline } from './commands.ts';
import { getConsultation, listConsultations } from './queries.ts';
import { publicConsultation, publicConsultations } from './public.ts';
import { consultationFieldLabels, consultationFieldLimits as L, type ConsultationEventInput } from './contract.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

// Lengths are checked again with Chinese messages; the schema only bounds the input.
const CommentFields = {
  article: Type.Optional(Text(20, 0)),
  body: Text(L.comment * 2, 0),
  name: Text(L.name * 2, 0),
  phone: Type.Optional(Text(L.phone * 2, 0)),
};

const ev = <P extends Record<string, TSchema>>(type: string, props: P) =>
  Type.Object({ type: Type.Literal(type), date: DateString('行为发生的日期'), ...props }, { additionalProperties: false });

const EventSchema = titled(
  Type.Union([
    ev('opened', {}),
    ev('commentModerated', { commentId: Type.Integer({ minimum: 1 }), decision: lit(['shown', 'hidden'] as const), reason: Type.Optional(Text(L.reason, 0)) }),
    ev('closed', {
      feedback: Type.Array(
        Type.Object({ commentId: Type.Integer({ minimum: 1 }), adoption: lit(adoptions), reason: Type.Optional(Text(L.reason, 0)) }, { additionalProperties: false }),
        { maxItems: 5000, description: '每条通过审核的意见是否采纳及理由' },
      ),
    }),
    ev('feedbackPublished', {}),
    ev('documentLinked', { documentId: Type.Integer({ minimum: 1 }) }),
    ev('note', { text: Text(2000) }),
  ]),
  consultationFieldLabels,
);

const Created = withErrors({ 201: Type.Object({ id: Type.Integer() }) });

/** Staff: the list, a new draft, the case page, comments entered by staff and each step. */
export function consultationRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['互动交流'];
    app.get(
      '/consultations',
      {
        schema: {
          tags,
          summary: '意见征集列表（可按状态筛选；overdue 为期限已过、采纳情况未公布的逾期征集）',
          querystring: Type.Object({ agencyId: Type.Integer({ minimum: 1 }), state: Type.Optional(lit(['prepared', 'open', 'closed', 'feedbackPublished', 'overdue'] as const)) }, { additionalProperties: false }),
        },
      },
      async (req) => listConsultations(deps, requireUser(req), req.query.agencyId, req.query.state),
    );
    app.post(
      '/consultations',
      {
        schema: {
          tags,
          summary: '登记征求意见稿（规章、重大行政决策不少于 30 日，确需缩短的须说明理由；行政规范性文件不少于 7 个工作日，与企业密切相关的不少于 30 日）',
          body: titled(
            Type.Object(
              {
                agencyId: Type.Integer({ minimum: 1 }),
                title: Text(L.title * 2, 0),
                kind: lit(draftKinds),
                concernsBusiness: Type.Optional(Type.Boolean()),
                draftText: Text(L.draftText * 2, 0),
                explanation: Text(L.explanation * 2, 0),
                startDate: DateString('征求意见开始日期'),
                endDate: DateString('征求意见截止日期（含当日）'),
                shortPeriodReason: Type.Optional(Text(L.reason * 2, 0)),
                contact: Type.Optional(Text(L.contact * 2, 0)),
                preparedDate: Type.Optional(DateString('登记日期（默认今天）')),
              },
              { additionalProperties: false },
            ),
            consultationFieldLabels,
          ),
          response: { ...Created, 400: SubmissionRefused },
        },
      },
      async (req, reply) => reply.status(201).send(await createConsultation(deps, requireUser(req), req.body)),
    );
    app.get('/consultations/:id', { schema: { tags, summary: '意见征集详情：草案、意见、采纳情况、时间线和可执行操作', params: IdParams } }, async (req) => getConsultation(deps, requireUser(req), req.params.id));
    app.post(
      '/consultations/:id/comments',
      {
        schema: {
          tags,
          summary: '录入以信函、电子邮件或座谈会等方式收到的意见',
          params: IdParams,
          body: titled(Type.Object({ ...CommentFields, receivedDate: DateString('收到日期') }, { additionalProperties: false }), consultationFieldLabels),
          response: { ...withErrors({ 201: Type.Object({ commentId: Type.Integer() }) }), 400: SubmissionRefused },
        },
      },
      async (req, reply) => reply.status(201).send(await enterComment(deps, requireUser(req), req.params.id, req.body)),
    );
    app.post(
      '/consultations/:id/events',
      { schema: { tags, summary: '记录办理环节（发布、审核意见、结束并形成采纳情况、公布采纳情况、关联正式文件、备注）', params: IdParams, body: EventSchema } },
      async (req) => {
        const actor = requireUser(req);
        await recordConsultationEvent(deps, actor, req.params.id, req.body as ConsultationEventInput);
        return getConsultation(deps, actor, req.params.id);
      },
    );
  };
}

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });
const CodeIdParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }), id: Type.Integer({ minimum: 1 }) });

/** The public: consultations on the portal, one with its shown comments and feedback, and the comment form. */
export function publicConsultationRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  const agencyOf = async (code: string) => (await findAgency(deps.db, code)) ?? Promise.reject(notFound('机构'));
  return async (app) => {
    const tags = ['公众'];
    app.get('/public/agencies/:code/consultations', { schema: { tags, summary: '正在征集和已结束的意见征集', params: CodeParams } }, async (req) => publicConsultations(deps, (await agencyOf(req.params.code)).id));
    app.get(
      '/public/agencies/:code/consultations/:id',
      { schema: { tags, summary: '一次意见征集：征求意见稿、起草说明、已公开的意见（姓名已遮盖）和意见采纳情况', params: CodeIdParams } },
      async (req) => {
        const agency = await agencyOf(req.params.code);
        return (await publicConsultation(deps, agency, req.params.id)) ?? Promise.reject(notFound('意见征集'));
      },
    );
    app.post(
      '/public/agencies/:code/consultations/:id/comments',
      {
        schema: {
          tags,
          summary: '提交意见（针对全文或某一条，须回答验证题；经审核后公开显示）',
          params: CodeIdParams,
          body: titled(Type.Object({ ...CommentFields, captchaToken: Type.String({ minLength: 1, maxLength: 300 }), captchaAnswer: Type.String({ minLength: 1, maxLength: 10 }) }, { additionalProperties: false }), consultationFieldLabels),
          response: { ...withErrors({ 201: Type.Object({ commentId: Type.Integer(), message: Type.String() }) }), 400: SubmissionRefused },
        },
        config: { rateLimit: SUBMIT_LIMIT },
      },
      async (req, reply) => {
        const agency = await agencyOf(req.params.code);
        const { captchaToken, captchaAnswer, ...input } = req.body;
        const { commentId } = await submitCommentOnline(deps, agency.id, req.params.id, input, { token: captchaToken, answer: captchaAnswer });
        return reply.status(201).send({ commentId, message: '意见已提交，经审核后公开显示' });
      },
    );
  };
}
