import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createUser, listUsers, resetPassword, setUserRoles, updateUser } from '../../services/users.ts';
import { agenciesOfUser, listAudit } from '../../services/agencies.ts';
import { createAgency, manageableAgencies, updateAgency } from '../../services/agency-management.ts';
import type { ServiceDeps } from '../../services/context.ts';
import { requireStaff, requireUser } from '../auth.ts';
import { getSelfReview, setSelfReview } from '../../services/self-review.ts';
import { AgencyLevelSchema, AgencySchema, IdParams, RoleSchema, ScopeSchema, UserSchema, withErrors } from './schemas.ts';

const AgencyQuery = Type.Object(
  { agencyId: Type.Integer({ minimum: 1, description: '机构 ID' }) },
  { additionalProperties: false },
);

export function adminRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
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
          body: Type.Object(
            {
              code: Type.String({ minLength: 2, maxLength: 40 }),
              name: Type.String({ minLength: 1, maxLength: 60, description: '简称，如“常平乡”' }),
              fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '全称，如“常平乡人民政府”' })),
              creditCode: Type.Optional(Type.String({ maxLength: 18, description: '统一社会信用代码' })),
              level: AgencyLevelSchema,
              parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: '上级机构；顶级机构仅平台运维人员可建' }),
            },
            { additionalProperties: false },
          ),
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
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
              fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
              creditCode: Type.Optional(Type.Union([Type.String({ maxLength: 18 }), Type.Null()])),
              parentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
              closed: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
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
        await requireStaff(deps, req, req.params.id);
        return getSelfReview(deps.db, req.params.id);
      },
    );
    app.put(
      '/agencies/:id/self-review',
      {
        schema: {
          tags: ['机构'],
          summary: '开启或关闭自审（须写明理由，管理员）',
          params: IdParams,
          body: Type.Object({ allowed: Type.Boolean(), reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
          response: withErrors({ 200: SelfReview }),
        },
      },
      async (req) => setSelfReview(deps, requireUser(req), req.params.id, req.body),
    );

    app.get(
      '/users',
      {
        schema: {
          tags: ['用户'],
          summary: '机构的用户',
          querystring: AgencyQuery,
          response: withErrors({ 200: Type.Object({ items: Type.Array(UserSchema) }) }),
        },
      },
      async (req) => ({ items: await listUsers(deps, requireUser(req), req.query.agencyId) }),
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['用户'],
          summary: '创建用户（返回一次性密码）',
          body: Type.Object(
            {
              username: Type.String({ minLength: 3, maxLength: 40 }),
              displayName: Type.String({ minLength: 1, maxLength: 60 }),
              agencyId: Type.Integer({ minimum: 1 }),
              roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 4 }),
            },
            { additionalProperties: false },
          ),
          response: withErrors({ 201: Type.Object({ user: UserSchema, oneTimePassword: Type.String() }) }),
        },
      },
      async (req, reply) => {
        const { user, oneTimePassword } = await createUser(deps, requireUser(req), {
          username: req.body.username,
          displayName: req.body.displayName,
          roles: [...new Set(req.body.roles)].map((role) => ({ agencyId: req.body.agencyId, role })),
        });
        return reply.status(201).send({ user, oneTimePassword: oneTimePassword! });
      },
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['用户'],
          summary: '修改用户姓名或停用状态',
          params: IdParams,
          body: Type.Object(
            {
              displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
              disabled: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: withErrors({ 200: UserSchema }),
        },
      },
      async (req) => updateUser(deps, requireUser(req), req.params.id, req.body),
    );

    app.put(
      '/users/:id/roles',
      {
        schema: {
          tags: ['用户'],
          summary: '设置用户在某机构的角色',
          params: IdParams,
          body: Type.Object(
            { agencyId: Type.Integer({ minimum: 1 }), roles: Type.Array(RoleSchema, { maxItems: 4 }), scope: Type.Optional(ScopeSchema) },
            { additionalProperties: false },
          ),
          response: withErrors({ 200: UserSchema }),
        },
      },
      async (req) => setUserRoles(deps, requireUser(req), req.params.id, req.body.agencyId, req.body.roles, req.body.scope ?? 'agency'),
    );

    app.post(
      '/users/:id/reset-password',
      {
        schema: {
          tags: ['用户'],
          summary: '重置密码（返回一次性密码）',
          params: IdParams,
          response: withErrors({ 200: Type.Object({ oneTimePassword: Type.String() }) }),
        },
      },
      async (req) => resetPassword(deps, requireUser(req), req.params.id),
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
