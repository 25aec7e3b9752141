import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { inboxOf } from './queries.ts';

export function inboxRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/inbox', { schema: { tags: ['待办'], summary: '本人待办：按机构列出等待本人角色处理的事项及数量' } }, async (req) => inboxOf(deps, requireUser(req)));
  };
}
