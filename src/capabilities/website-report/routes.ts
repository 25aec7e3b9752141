/** Routes of the website annual report and of the section 一 draft. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { requireUser } from '../../http/auth.ts';
import { titled } from '../../http/api/schemas.ts';
import { advanceWebsiteReport } from './commands.ts';
import { getOverviewDraft, getWebsiteReport } from './queries.ts';
import { exportWebsiteReport } from './exports.ts';
import { websiteReportFieldLabels, websiteReportFormatNames } from './contract.ts';

const YearParams = Type.Object({ year: Type.Integer({ minimum: 2008, maximum: 2100 }) });
const AgencyFields = { agencyId: Type.Integer({ minimum: 1 }) };
const AgencyQuery = titled(Type.Object(AgencyFields, { additionalProperties: false }), websiteReportFieldLabels);

export function websiteReportRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/website-reports/:year',
      { schema: { tags: ['年度报告'], summary: '政府网站工作年度报表：由记录计算的各项数据、校验结果、状态与期限（次年1月31日）', params: YearParams, querystring: AgencyQuery } },
      async (req) => getWebsiteReport(deps, requireUser(req), req.query.agencyId, req.params.year),
    );
    for (const action of ['check', 'publish'] as const) {
      app.post(
        `/website-reports/:year/${action}`,
        { schema: { tags: ['年度报告'], summary: action === 'check' ? '校验网站年度报表' : '发布网站年度报表（负责人）', params: YearParams, body: AgencyQuery } },
        async (req) => advanceWebsiteReport(deps, requireUser(req), req.body.agencyId, req.params.year, action),
      );
    }
    app.get(
      '/website-reports/:year/export',
      {
        schema: {
          tags: ['年度报告'],
          summary: '导出网站年度报表：HTML（A4 打印）、XLSX、JSON',
          params: YearParams,
          querystring: titled(Type.Object({ ...AgencyFields, format: Type.Union(websiteReportFormatNames.map((f) => Type.Literal(f))) }, { additionalProperties: false }), websiteReportFieldLabels),
        },
      },
      async (req, reply) => {
        const view = await getWebsiteReport(deps, requireUser(req), req.query.agencyId, req.params.year);
        const out = await exportWebsiteReport(view.report, req.query.format, chinaDate(view.publishedAt ?? deps.now()));
        if (req.query.format !== 'html') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
        return reply.type(out.contentType).send(out.body);
      },
    );
    app.get(
      '/reports/:year/overview-draft',
      { schema: { tags: ['年度报告'], summary: '年度报告“一、总体情况”初稿：按本年记录生成，每个数字附其来源计数', params: YearParams, querystring: AgencyQuery } },
      async (req) => getOverviewDraft(deps, requireUser(req), req.query.agencyId, req.params.year),
    );
  };
}
