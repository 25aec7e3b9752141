import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams, RoleSchema, ScopeSchema, titled, UserSchema, withErrors } from '../../http/api/schemas.ts';
import { userFieldLabels } from './contract.ts';
import { createUser, resetPassword, setUserRoles, updateUser } from './commands.ts';
import { listUsers } from './queries.ts';

const AgencyQuery = Type.Object(
  { agencyId: Type.Integer({ minimum: 1, description: '机构 ID' }) },
  { additionalProperties: false },
);

/** Accounts and their roles in an agency (用户管理). */
export function userRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
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
          body: titled(Type.Object(
            {
              username: Type.String({ minLength: 3, maxLength: 40 }),
              displayName: Type.String({ minLength: 1, maxLength: 60 }),
              agencyId: Type.Integer({ minimum: 1 }),
              roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 4 }),
            },
            { additionalProperties: false },
          ), userFieldLabels),
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
          body: titled(Type.Object(
            {
              displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
              disabled: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false, minProperties: 1 },
          ), userFieldLabels),
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
          body: titled(
            Type.Object({ agencyId: Type.Integer({ minimum: 1 }), roles: Type.Array(RoleSchema, { maxItems: 4 }), scope: Type.Optional(ScopeSchema) }, { additionalProperties: false }),
            userFieldLabels,
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
  };
}
