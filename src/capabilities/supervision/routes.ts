/** The 督办 dashboard of an agency (and of the agencies below it), as JSON for the workspace or an XLSX download. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams, titled } from '../../http/api/schemas.ts';
import { supervisionFor } from './queries.ts';
import { supervisionWorkbook } from './export.ts';
import { supervisionFieldLabels, supervisionFormats } from './contract.ts';

export function supervisionRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/agencies/:id/supervision',
      {
        schema: {
          tags: ['统计分析'],
          summary: '督办统计与网站自查：首页与栏目更新、超期留言与申请、第二十六条期限、年度报告，以及国办秘函〔2019〕19号单项否决项；subtree=true 含下级机关；export=xlsx 下载',
          params: IdParams,
          querystring: titled(
            Type.Object({ subtree: Type.Optional(Type.Boolean()), export: Type.Optional(Type.Literal('xlsx')) }, { additionalProperties: false }),
            supervisionFieldLabels,
          ),
        },
      },
      async (req, reply) => {
        const view = await supervisionFor(deps, requireUser(req), req.params.id, req.query.subtree ?? true);
        if (!req.query.export) return view;
        const { body, fileName } = await supervisionWorkbook(view);
        return reply.type(supervisionFormats.xlsx).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(body);
      },
    );
  };
}
