import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { findAgency } from '../../services/agencies.ts';
import { notFound } from '../../services/errors.ts';
import { messageChannels, messageKinds, MAX_REPLY_WORKING_DAYS, ratings, rejectionReasons } from '../../domain/messages/index.ts';
import { requireUser } from '../../http/auth.ts';
import { DateString, IdParams, titled, withErrors } from '../../http/api/schemas.ts';
import { SUBMIT_LIMIT, SubmissionRefused, TRACK_LIMIT } from '../../http/api/public-routes.ts';
import { createMailbox, intakeMessage, rateAsWriter, recordMessageEvent, submitMessageOnline } from './commands.ts';
import { getMessage, listMailboxes, listMessages, publicMailboxes, trackMessage } from './queries.ts';
import { convertToRequest } from './convert.ts';
import { messageStatisticsOf, publishedReplies, publishedReply } from './public.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { messageFieldLabels, messageFieldLimits as L, type MessageEventInput } from './contract.ts';

const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Days = Type.Integer({ minimum: 1, maximum: MAX_REPLY_WORKING_DAYS });

// Lengths are checked again by messageProblems with Chinese messages; the schema only bounds the input.
const MessageFields = {
  mailboxId: Type.Integer({ minimum: 1 }),
  kind: lit(messageKinds),
  title: Text(200, 0),
  body: Text(L.body * 2, 0),
  name: Text(L.name * 2, 0),
  phone: Text(L.phone * 2, 0),
  email: Type.Optional(Text(L.email, 0)),
  address: Type.Optional(Text(L.address * 2, 0)),
  consentToPublish: Type.Boolean({ description: '是否同意公开（留言及答复）' }),
};

const ev = <P extends Record<string, TSchema>>(type: string, props: P) =>
  Type.Object({ type: Type.Literal(type), date: DateString('行为发生的日期'), ...props }, { additionalProperties: false });

const EventSchema = titled(Type.Union([
  ev('accepted', {}),
  ev('rejected', { reason: lit(rejectionReasons), note: Type.Optional(Text(1000, 0)) }),
  ev('transferred', { toAgencyId: Type.Integer({ minimum: 1 }), note: Type.Optional(Text(1000, 0)) }),
  ev('extensionRequested', { workingDays: Days, reason: Text(1000) }),
  ev('extensionApproved', { notice: Text(1000) }),
  ev('extensionRejected', { reason: Text(1000) }),
  ev('replyDrafted', { text: Text(10000) }),
  ev('replyReturned', { reason: Text(1000) }),
  ev('replyReviewed', {}),
  ev('replyApproved', {}),
  ev('published', {
    resolutions: Type.Optional(
      Type.Array(
        Type.Object(
          { field: lit(['title', 'body', 'reply'] as const), start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }), action: lit(['mask', 'keep'] as const), reason: Type.Optional(Text(500, 0)) },
          { additionalProperties: false },
        ),
        { maxItems: 200, description: '敏感信息检查发现的每一处：遮盖（mask）或说明理由后保留（keep）' },
      ),
    ),
  }),
  ev('rated', { rating: lit(ratings), comment: Type.Optional(Text(1000, 0)) }),
  ev('note', { text: Text(2000) }),
]), messageFieldLabels);

/** Staff: mailboxes, the list, the case page, intake and each step. */
export function messageRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['互动交流'];
    app.get(
      '/mailboxes',
      { schema: { tags, summary: '本机关的信箱及各类留言的答复时限', querystring: Type.Object({ agencyId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) } },
      async (req) => ({ items: await listMailboxes(deps, requireUser(req), req.query.agencyId) }),
    );
    app.post(
      '/mailboxes',
      {
        schema: {
          tags,
          summary: '开设信箱（管理员或负责人），可设各类留言的答复时限（工作日，至多 15 个）',
          body: titled(Type.Object(
            {
              agencyId: Type.Integer({ minimum: 1 }),
              name: Text(50),
              description: Type.Optional(Text(500, 0)),
              limits: Type.Optional(Type.Object({ consultation: Type.Optional(Days), suggestion: Type.Optional(Days), complaint: Type.Optional(Days), help: Type.Optional(Days) }, { additionalProperties: false })),
            },
            { additionalProperties: false },
          ), messageFieldLabels),
          response: withErrors({ 201: Type.Object({ id: Type.Integer() }) }),
        },
      },
      async (req, reply) => reply.status(201).send(await createMailbox(deps, requireUser(req), req.body)),
    );
    app.get(
      '/messages',
      {
        schema: {
          tags,
          summary: '留言列表（按存储的办理状态筛选、分页；临期、逾期、红色预警按今天判断）',
          querystring: Type.Object(
            {
              agencyId: Type.Integer({ minimum: 1 }),
              phase: Type.Optional(lit(['open', 'closed', 'awaitingAcceptance', 'handling', 'replyInReview', 'replyReviewed', 'replied', 'rejected'] as const)),
              kind: Type.Optional(lit(messageKinds)),
              due: Type.Optional(lit(['soon', 'overdue', 'red'] as const)),
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => listMessages(deps, requireUser(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }),
    );
    app.post(
      '/messages',
      {
        schema: {
          tags,
          summary: '登记来信、意见箱或来访留言',
          body: titled(Type.Object(
            { agencyId: Type.Integer({ minimum: 1 }), channel: lit(messageChannels.filter((c) => c !== 'online') as ['letter', 'suggestionBox', 'inPerson']), receivedDate: DateString('收到日期'), ...MessageFields },
            { additionalProperties: false },
          ), messageFieldLabels),
          response: { ...withErrors({ 201: Type.Object({ id: Type.Integer(), queryCode: Type.String() }) }), 400: SubmissionRefused },
        },
      },
      async (req, reply) => {
        const { agencyId, ...input } = req.body;
        return reply.status(201).send(await intakeMessage(deps, requireUser(req), agencyId, input));
      },
    );
    app.get('/messages/:id', { schema: { tags, summary: '留言详情：时间线、答复期限及计算说明、可执行操作', params: IdParams } }, async (req) => getMessage(deps, requireUser(req), req.params.id));
    app.post(
      '/messages/:id/events',
      { schema: { tags, summary: '记录办理环节（受理、不予受理、转办、延期、起草/审核/批准答复、公开、评价）', params: IdParams, body: EventSchema } },
      async (req) => {
        const actor = requireUser(req);
        await recordMessageEvent(deps, actor, req.params.id, req.body as MessageEventInput);
        return getMessage(deps, actor, req.params.id);
      },
    );
    app.post(
      '/messages/:id/convert-to-request',
      { schema: { tags, summary: '以“属依申请公开”不予受理的留言转为依申请公开申请（以收到留言之日为收到申请之日）', params: IdParams } },
      async (req, reply) => reply.status(201).send(await convertToRequest(deps, requireUser(req), req.params.id)),
    );
  };
}

const Track = { code: Type.String({ minLength: 4, maxLength: 40 }), secret: Type.String({ minLength: 4, maxLength: 4, description: '联系电话后四位' }) };

/** The public: an agency's mailboxes, the form, tracking and rating by query code (POST, never in the URL). */
export function publicMessageRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  const agencyOf = async (code: string) => (await findAgency(deps.db, code)) ?? Promise.reject(notFound('机构'));
  return async (app) => {
    const tags = ['公众'];
    app.get(
      '/public/agencies/:code/mailboxes',
      { schema: { tags, summary: '机关的信箱及答复时限', params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }) } },
      async (req) => publicMailboxes(deps, req.params.code),
    );
    app.post(
      '/public/agencies/:code/messages',
      {
        schema: {
          tags,
          summary: '网上留言（标题 5 至 50 字，内容不超过 2000 字，须回答验证题）',
          params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }),
          body: titled(Type.Object({ ...MessageFields, captchaToken: Type.String({ minLength: 1, maxLength: 300 }), captchaAnswer: Type.String({ minLength: 1, maxLength: 10 }) }, { additionalProperties: false }), messageFieldLabels),
          response: { ...withErrors({ 201: Type.Object({ queryCode: Type.String(), trackingHint: Type.String() }) }), 400: SubmissionRefused },
        },
        config: { rateLimit: SUBMIT_LIMIT },
      },
      async (req, reply) => {
        const agency = await findAgency(deps.db, req.params.code);
        if (!agency) throw notFound('机构');
        const { captchaToken, captchaAnswer, ...input } = req.body;
        const { queryCode } = await submitMessageOnline(deps, agency.id, input, { token: captchaToken, answer: captchaAnswer });
        return reply.status(201).send({ queryCode, trackingHint: '联系电话后四位' });
      },
    );
    const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) });
    app.get(
      '/public/agencies/:code/message-replies',
      {
        schema: {
          tags,
          summary: '已公开的留言答复（可按关键词查找；留言人姓名已遮盖）',
          params: Code,
          querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 256 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false }),
        },
      },
      async (req) => publishedReplies(deps, (await agencyOf(req.params.code)).id, req.query.q ?? '', req.query.page ?? 1, req.query.pageSize ?? 20),
    );
    app.get(
      '/public/agencies/:code/message-replies/:id',
      { schema: { tags, summary: '一条已公开的留言答复：留言时间、受理日期、答复日期、答复单位和答复内容', params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }), id: Type.Integer({ minimum: 1 }) }) } },
      async (req) => (await publishedReply(deps, (await agencyOf(req.params.code)).id, req.params.id)) ?? Promise.reject(notFound('答复')),
    );
    app.get(
      '/public/agencies/:code/message-statistics',
      {
        schema: {
          tags,
          summary: '留言办理统计：按月、按年的收到、答复、按时答复、平均答复工作日数和满意度',
          params: Code,
          querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const agency = await agencyOf(req.params.code);
        const year = req.query.year ?? Number(chinaDate(deps.now()).slice(0, 4));
        const stats = await messageStatisticsOf(deps, agency.id, year);
        return { calendarYear: year, year: stats.year, months: stats.months };
      },
    );
    app.post(
      '/public/messages/track',
      { schema: { tags, summary: '凭查询码和联系电话后四位查询留言办理情况', body: titled(Type.Object(Track, { additionalProperties: false }), messageFieldLabels) }, config: { rateLimit: TRACK_LIMIT } },
      async (req) => trackMessage(deps, req.body.code, req.body.secret),
    );
    app.post(
      '/public/messages/rate',
      {
        schema: {
          tags,
          summary: '评价答复（满意、基本满意、不满意；答复之日起 20 个工作日内，逾期视为满意）',
          body: titled(Type.Object({ ...Track, rating: lit(ratings), comment: Type.Optional(Text(500, 0)) }, { additionalProperties: false }), messageFieldLabels),
        },
        config: { rateLimit: TRACK_LIMIT },
      },
      async (req) => {
        await rateAsWriter(deps, req.body.code, req.body.secret, req.body.rating, req.body.comment);
        return trackMessage(deps, req.body.code, req.body.secret);
      },
    );
  };
}
