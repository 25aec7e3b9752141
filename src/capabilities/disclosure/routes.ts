import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { AppError } from '../../services/errors.ts';
import { requireUser } from '../../http/auth.ts';
import { art20EditorBeforeBody } from '../../http/api/upload-guards.ts';
import { DateString, titled } from '../../http/api/schemas.ts';
import { addPlanItem, importArt20Xlsx, saveArt20Statistics, savePortalPage } from './commands.ts';
import { getArt20Statistics, getPortalPageForEditing, listPlan, staleColumns } from './queries.ts';
import { art20Items, disclosureFieldLabels, planChannels, portalPageSlugs, type PlanChannel } from './contract.ts';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const AgencyId = Type.Integer({ minimum: 1 });
const Year = Type.Integer({ minimum: 2008, maximum: 2100 });
const AgencyYear = Type.Object({ agencyId: AgencyId, year: Year }, { additionalProperties: false });
const Slug = Type.Object({ slug: lit(portalPageSlugs) });

export function disclosureRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/art20-statistics', { schema: { tags: ['主动公开'], summary: '第二十条统计（许可、处罚、强制、收费）', querystring: AgencyYear } }, async (req) =>
      getArt20Statistics(deps, requireUser(req), req.query.agencyId, req.query.year),
    );

    app.put(
      '/art20-statistics',
      {
        schema: {
          tags: ['主动公开'],
          summary: '录入第二十条月度统计',
          body: titled(Type.Object(
            {
              agencyId: AgencyId,
              year: Year,
              entries: Type.Array(Type.Object({ month: Type.Integer({ minimum: 1, maximum: 12 }), item: lit(art20Items), value: Type.Number({ minimum: 0 }) }, { additionalProperties: false }), { maxItems: 48 }),
            },
            { additionalProperties: false },
          ), disclosureFieldLabels),
        },
      },
      async (req) => {
        const actor = requireUser(req);
        await saveArt20Statistics(deps, actor, req.body.agencyId, req.body.year, req.body.entries);
        return getArt20Statistics(deps, actor, req.body.agencyId, req.body.year);
      },
    );

    app.post(
      '/art20-statistics/import',
      { schema: { tags: ['主动公开'], summary: '从 XLSX 导入第二十条统计（请求体为文件内容）', querystring: AgencyYear }, bodyLimit: 5 * 1024 * 1024, onRequest: art20EditorBeforeBody(deps) },
      async (req) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 XLSX 文件内容作为请求体上传', 415);
        return importArt20Xlsx(deps, requireUser(req), req.query.agencyId, req.query.year, req.body);
      },
    );

    app.get('/portal-pages/:slug', { schema: { tags: ['门户'], summary: '公开指南、公开制度', params: Slug, querystring: Type.Object({ agencyId: AgencyId }, { additionalProperties: false }) } }, async (req) =>
      getPortalPageForEditing(deps, requireUser(req), req.query.agencyId, req.params.slug),
    );
    app.put(
      '/portal-pages/:slug',
      {
        schema: {
          tags: ['门户'],
          summary: '编辑公开指南、公开制度',
          params: Slug,
          body: titled(Type.Object({ agencyId: AgencyId, title: Type.String({ minLength: 1, maxLength: 100 }), bodyHtml: Type.String({ maxLength: 500_000 }) }, { additionalProperties: false }), disclosureFieldLabels),
        },
      },
      async (req) => {
        await savePortalPage(deps, requireUser(req), req.body.agencyId, req.params.slug, req.body);
        return { ok: true };
      },
    );

    app.get(
      '/publishing-plan',
      { schema: { tags: ['主动公开'], summary: '发布计划', querystring: Type.Object({ agencyId: AgencyId, month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }) }, { additionalProperties: false }) } },
      async (req) => ({ items: await listPlan(deps, requireUser(req), req.query.agencyId, req.query.month) }),
    );
    app.post(
      '/publishing-plan',
      {
        schema: {
          tags: ['主动公开'],
          summary: '添加发布计划',
          body: titled(
            Type.Object(
              { agencyId: AgencyId, channel: lit(Object.keys(planChannels) as PlanChannel[]), plannedDate: DateString(), title: Type.String({ minLength: 1, maxLength: 200 }), documentId: Type.Optional(Type.Integer({ minimum: 1 })) },
              { additionalProperties: false },
            ),
            disclosureFieldLabels,
          ),
        },
      },
      async (req, reply) => reply.status(201).send(await addPlanItem(deps, requireUser(req), req.body.agencyId, req.body)),
    );

    app.get(
      '/dashboard/stale-columns',
      { schema: { tags: ['统计分析'], summary: '超过 N 天未更新的栏目', querystring: Type.Object({ agencyId: AgencyId, days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }, { additionalProperties: false }) } },
      async (req) => ({ items: await staleColumns(deps, requireUser(req), req.query.agencyId, req.query.days ?? 90) }),
    );
  };
}
