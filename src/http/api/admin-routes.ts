import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { agencyRoutes } from '../../capabilities/agencies/routes.ts';
import { userRoutes } from '../../capabilities/users/routes.ts';

/** Agencies and users: their routes live with their capabilities (docs/decisions/014). */
export function adminRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(agencyRoutes(deps));
    await app.register(userRoutes(deps));
  };
}
