import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireStaff, requireUser } from '../../http/auth.ts';
import { AgencyLevelSchema, AgencySchema, IdParams, titled, withErrors } from '../../http/api/schemas.ts';
import { agencyFieldLabels } from './contract.ts';
import { createAgency, setSelfReview, updateAgency } from './commands.ts';
import { agenciesOfUser, getSelfReview, listAudit, manageableAgencies } from './queries.ts';
import { siteSettingsRoutes } from './site-settings-routes.ts';

/** Agencies (机构管理), their self-review setting and their audit log. */
export function agencyRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(siteSettingsRoutes(deps));
    app.get(
      '/agencies',
      { schema: { tags: ['机构'], summary: '本人可访问的机构', response: withErrors({ 200: Type.Object({ items: Type.Array(AgencySchema) }) }) } },
      async (req) => ({ items: await agenciesOfUser(deps.db, requireUser(req).userId) }),
    );

    app.post(
      '/agencies',
      {
        schema: {
          tags: ['机构'],
          summary: '创建机构（创建人成为其管理员）',
          body: titled(Type.Object(
            {
              code: Type.String({ minLength: 2, maxLength: 40 }),
              name: Type.String({ minLength: 1, maxLength: 60, description: '简称，如“常平乡”' }),
              fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '全称，如“常平乡人民政府”' })),
              creditCode: Type.Optional(Type.String({ maxLength: 18, description: '统一社会信用代码' })),
              level: AgencyLevelSchema,
              parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: '上级机构；顶级机构仅平台运维人员可建' }),
            },
            { additionalProperties: false },
          ), agencyFieldLabels),
          response: withErrors({ 201: AgencySchema }),
        },
      },
      async (req, reply) => {
        const agency = await createAgency(deps, requireUser(req), req.body);
        return reply.status(201).send(agency);
      },
    );

    app.get(
      '/agencies/managed',
      { schema: { tags: ['机构'], summary: '本人管理的机构（机构管理）', response: withErrors({ 200: Type.Object({ items: Type.Array(AgencySchema) }) }) } },
      async (req) => ({ items: await manageableAgencies(deps, requireUser(req)) }),
    );

    app.patch(
      '/agencies/:id',
      {
        schema: {
          tags: ['机构'],
          summary: '修改、移动、撤销或恢复机构',
          params: IdParams,
          body: titled(Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
              fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              creditCode: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
              parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
              closed: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ), agencyFieldLabels),
          response: withErrors({ 200: AgencySchema }),
        },
      },
      async (req) => updateAgency(deps, requireUser(req), req.params.id, req.body),
    );

    const SelfReview = Type.Object({ allowed: Type.Boolean(), reason: Type.Union([Type.String(), Type.Null()]), by: Type.Union([Type.Integer(), Type.Null()]), at: Type.Union([Type.String(), Type.Null()]) });
    app.get(
      '/agencies/:id/self-review',
      { schema: { tags: ['机构'], summary: '自审设置（一人办公时允许起草人自行审查、批准）', params: IdParams, response: withErrors({ 200: SelfReview }) } },
      async (req) => {
        return getSelfReview(deps.db, await requireStaff(deps, req, req.params.id));
      },
    );
    app.put(
      '/agencies/:id/self-review',
      {
        schema: {
          tags: ['机构'],
          summary: '开启或关闭自审（须写明理由，管理员）',
          params: IdParams,
          body: titled(Type.Object({ allowed: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }), agencyFieldLabels),
          response: withErrors({ 200: SelfReview }),
        },
      },
      async (req) => setSelfReview(deps, requireUser(req), req.params.id, req.body),
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['审计'],
          summary: '审计日志',
          querystring: Type.Object(
            {
              agencyId: Type.Integer({ minimum: 1 }),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
              beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => ({
        items: await listAudit(deps, requireUser(req), req.query.agencyId, {
          limit: req.query.limit ?? 50,
          beforeId: req.query.beforeId,
        }),
      }),
    );
  };
}
