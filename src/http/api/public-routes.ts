import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { findAgency } from '../../services/agencies.ts';
import { newCaptcha } from '../../services/captcha.ts';
import { trackRequest } from '../../services/requests.ts';
import { DUPLICATE_WINDOW_MINUTES, SUBMISSIONS_PER_HOUR, submitPublicRequest } from '../../services/public-submissions.ts';
import { searchPublished } from '../../services/publications.ts';
import { directoryAgencies, searchReach } from '../../capabilities/agencies/directory.ts';
import { notFound } from '../../services/errors.ts';
import { NewRequestFields } from '../../capabilities/requests/routes.ts';
import { titled, withErrors } from './schemas.ts';
import { requestFieldLabels } from '../../capabilities/requests/contract.ts';

export const SUBMIT_LIMIT = { max: 10, timeWindow: '10 minutes' };
export const TRACK_LIMIT = { max: 30, timeWindow: '1 minute' };

/** A refused submission names every problem at once, each with its field (the form's one round). */
export const SubmissionRefused = Type.Object({
  error: Type.Object({
    code: Type.String({ description: '第一个问题的代码' }),
    message: Type.String(),
    details: Type.Optional(
      Type.Object({
        problems: Type.Optional(Type.Array(Type.String())),
        fields: Type.Optional(Type.Array(Type.Object({ field: Type.String({ description: '字段名，验证题为 captchaAnswer' }), code: Type.Optional(Type.String({ description: '格式校验（请求体不符合接口定义）时没有' })), message: Type.String() }))),
      }),
    ),
  }),
});

/** Endpoints for the public, without an account: the request form and tracking. */
export function publicRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/public/captcha', { schema: { tags: ['公众'], summary: '获取验证题' } }, async () => newCaptcha(deps));

    app.post(
      '/public/agencies/:code/requests',
      {
        schema: {
          tags: ['公众'],
          summary: '网上提交政府信息公开申请',
          description:
            '可带请求头 Idempotency-Key（16 至 100 位字母、数字、“-”“_”）：因网络中断重试时使用同一值，不会重复创建申请，返回首次提交的结果（响应头 Idempotent-Replayed: true）。' +
            `同一申请人、同一内容 ${DUPLICATE_WINDOW_MINUTES} 分钟内重复提交返回 409（DUPLICATE_REQUEST，details.queryCode 为已有申请的查询码）；同一地址 1 小时内向同一机关提交超过 ${SUBMISSIONS_PER_HOUR} 件返回 429。`,
          params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }),
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
          body: titled(
            Type.Object(
              { ...NewRequestFields, captchaToken: Type.String({ minLength: 1, maxLength: 300 }), captchaAnswer: Type.String({ minLength: 1, maxLength: 10 }) },
              { additionalProperties: false },
            ),
            requestFieldLabels,
          ),
          response: { ...withErrors({ 201: Type.Object({ queryCode: Type.String(), trackingHint: Type.String() }) }), 400: SubmissionRefused },
        },
        config: { rateLimit: SUBMIT_LIMIT },
      },
      async (req, reply) => {
        const agency = await findAgency(deps.db, req.params.code);
        if (!agency) throw notFound('机构');
        const { captchaToken, captchaAnswer, ...request } = req.body;
        const created = await submitPublicRequest(deps, { agencyId: agency.id, address: req.ip, idempotencyKey: req.headers['idempotency-key'], captchaToken, captchaAnswer, request });
        if (created.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send({ queryCode: created.queryCode, trackingHint: created.trackingHint });
      },
    );

    app.post(
      '/public/requests/track',
      {
        schema: {
          tags: ['公众'],
          summary: '凭查询码和联系电话（或证件号码）后四位查询办理进度',
          description: '查询码和后四位放在请求体中，不放在网址里（网址会留在浏览记录、日志和代理中）。',
          body: titled(Type.Object({ code: Type.String({ minLength: 4, maxLength: 40 }), secret: Type.String({ minLength: 4, maxLength: 4 }) }, { additionalProperties: false }), requestFieldLabels),
        },
        config: { rateLimit: TRACK_LIMIT },
      },
      async (req) => trackRequest(deps, req.body.code, req.body.secret),
    );

    // The former GET put the phone digits in the URL; it now only says how to ask, reading nothing.
    app.get(
      '/public/requests/track',
      { schema: { tags: ['公众'], summary: '已停用：请改用 POST /api/v1/public/requests/track', deprecated: true }, config: { rateLimit: TRACK_LIMIT } },
      async (_req, reply) =>
        reply.status(405).header('allow', 'POST').send({ error: { code: 'TRACKING_USES_POST', message: '查询办理进度请使用 POST，并把查询码和后四位放在请求体中，不要放在网址里' } }),
    );
  };
}

/** GET /api/v1/search — the portal's search as JSON. */
export function searchRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/search',
      {
        schema: {
          tags: ['公众'],
          summary: '站内搜索（空格表示“且”）',
          querystring: Type.Object(
            {
              q: Type.String({ maxLength: 256 }),
              agency: Type.Optional(Type.String({ maxLength: 100, description: '机构代码或名称；未知的代码返回 400 UNKNOWN_AGENCY' })),
              scope: Type.Optional(Type.String({ maxLength: 20, description: 'agency：仅本机关（默认）；subtree：本机关及下级。须与 agency 一起使用' })),
              category: Type.Optional(Type.String({ maxLength: 40 })),
              year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
              validity: Type.Optional(Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('repealed')])),
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const reach = await searchReach(deps, req.query.agency || undefined, req.query.scope);
        const agencyId = reach.filter.agencyId;
        const result = await searchPublished(deps, {
          q: req.query.q,
          ...reach.filter,
          category: req.query.category,
          year: req.query.year,
          validity: req.query.validity,
          page: req.query.page ?? 1,
          pageSize: req.query.pageSize ?? 20,
        });
        // Each item names its agency: a subtree or platform search spans several.
        const byId = new Map((await directoryAgencies(deps)).map((a) => [a.id, a]));
        const items = result.items.map((i) => ({ ...i, agencyCode: byId.get(i.agencyId)?.code ?? null, agencyName: byId.get(i.agencyId)?.name ?? null }));
        // `pages`: the agency's reports, guide and published 留言 replies (only with `agency` alone, on page 1).
        return { total: result.total, totalCapped: result.totalCapped, items, ...(agencyId === undefined ? {} : { pages: result.pages }) };
      },
    );
  };
}
