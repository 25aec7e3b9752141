/** The roll-up (汇总) of a government's annual reports for a year, as JSON for the workspace or as an XLSX / exchange JSON download. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams } from '../../http/api/schemas.ts';
import { rollupFor } from './rollup.ts';
import { rollupToJson, rollupWorkbook } from './rollup-export.ts';
import { rollupFormats, rollupScopes } from './rollup-contract.ts';

const lit = <T extends string>(values: readonly T[], title: string) => Type.Union(values.map((v) => Type.Literal(v)), { title });

export function rollupRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/agencies/:id/report-rollup',
      {
        schema: {
          tags: ['年度报告'],
          summary: '年度报告汇总：表二、表三、表四按所选范围（subtree 本级及全部下级，departments 本级政府部门）求和，列出未发布和数据有误的机关；export=xlsx|json 下载',
          params: IdParams,
          querystring: Type.Object(
            {
              year: Type.Integer({ minimum: 2008, maximum: 2100, title: '报告年度' }),
              scope: Type.Optional(lit(rollupScopes, '汇总范围')),
              export: Type.Optional(lit(Object.keys(rollupFormats) as (keyof typeof rollupFormats)[], '导出格式')),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const { view, reports } = await rollupFor(deps, requireUser(req), req.params.id, req.query.year, req.query.scope ?? 'subtree');
        if (!req.query.export) return view;
        const base = `${view.agencyName}${view.year}年度报告汇总`;
        if (req.query.export === 'json') {
          return reply.type(rollupFormats.json).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.json`)}`).send(JSON.stringify(rollupToJson(view), null, 2));
        }
        const { body, fileName } = await rollupWorkbook(view, reports);
        return reply.type(rollupFormats.xlsx).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(body);
      },
    );
  };
}
