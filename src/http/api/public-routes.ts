import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { findAgency } from '../../services/agencies.ts';
import { newCaptcha, verifyCaptcha } from '../../services/captcha.ts';
import { submitOnline, trackRequest } from '../../services/requests.ts';
import { searchPublished } from '../../services/publications.ts';
import { notFound } from '../../services/errors.ts';
import { NewRequestFields } from './request-routes.ts';
import { withErrors } from './schemas.ts';

export const SUBMIT_LIMIT = { max: 10, timeWindow: '10 minutes' };
export const TRACK_LIMIT = { max: 30, timeWindow: '1 minute' };

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
          params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }),
          body: Type.Object(
            { ...NewRequestFields, captchaToken: Type.String({ minLength: 1, maxLength: 300 }), captchaAnswer: Type.String({ minLength: 1, maxLength: 10 }) },
            { additionalProperties: false },
          ),
          response: withErrors({ 201: Type.Object({ queryCode: Type.String(), trackingHint: Type.String() }) }),
        },
        config: { rateLimit: SUBMIT_LIMIT },
      },
      async (req, reply) => {
        const agency = await findAgency(deps.db, req.params.code);
        if (!agency) throw notFound('机构');
        const { captchaToken, captchaAnswer, ...input } = req.body;
        await verifyCaptcha(deps, captchaToken, captchaAnswer);
        const created = await submitOnline(deps, agency.id, input);
        return reply.status(201).send({ queryCode: created.queryCode, trackingHint: created.trackingHint });
      },
    );

    app.get(
      '/public/requests/track',
      {
        schema: {
          tags: ['公众'],
          summary: '凭查询码和联系电话后四位查询办理进度',
          querystring: Type.Object({ code: Type.String({ minLength: 4, maxLength: 40 }), secret: Type.String({ minLength: 4, maxLength: 4 }) }, { additionalProperties: false }),
        },
        config: { rateLimit: TRACK_LIMIT },
      },
      async (req) => trackRequest(deps, req.query.code, req.query.secret),
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
              agency: Type.Optional(Type.String({ maxLength: 100, description: '机构代码或名称' })),
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
        let agencyId: number | undefined;
        if (req.query.agency) {
          const agency = await findAgency(deps.db, req.query.agency);
          if (!agency) throw notFound('机构');
          agencyId = agency.id;
        }
        const result = await searchPublished(deps, {
          q: req.query.q,
          agencyId,
          category: req.query.category,
          year: req.query.year,
          validity: req.query.validity,
          page: req.query.page ?? 1,
          pageSize: req.query.pageSize ?? 20,
        });
        return { total: result.total, totalCapped: result.totalCapped, items: result.items };
      },
    );
  };
}
