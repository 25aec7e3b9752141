import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { checkPublishedReport, REQUEST_COLUMNS, REQUEST_ROWS } from '../../domain/report/index.ts';
import { AppError } from '../../services/errors.ts';
import { readReportFile } from '../../exports/report/read.ts';
import { requireUser } from '../../http/auth.ts';
import { signedInBeforeBody } from '../../http/api/upload-guards.ts';
import { DateString, IdParams, titled } from '../../http/api/schemas.ts';
import { advanceReport, correctReport, saveAppeal, saveNarrative, saveReportContacts } from './commands.ts';
import { getReport, getReportContacts, listAppeals, reportCellRecords } from './queries.ts';
import { exportReport } from './exports.ts';
import { rollupRoutes } from './rollup-routes.ts';
import { submissionRoutes } from './submission-routes.ts';
import { APPEAL_KINDS, appealResults, narrativeLabels, reportContactLabels, reportFieldLabels, reportFormatNames, type ClosedAppealResult } from './contract.ts';

const YearParams = Type.Object({ year: Type.Integer({ minimum: 2008, maximum: 2100 }) });
const AgencyBody = { agencyId: Type.Integer({ minimum: 1, title: reportFieldLabels.agencyId }) };
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
// Titled, so a schema error names the field as the editor does (提交的内容有误：请填写“…”).
const NarrativeFields = {
  preamble: Type.Optional(Type.String({ maxLength: 20000, title: '开头' })),
  overview: Type.String({ maxLength: 20000, title: narrativeLabels.overview }),
  problems: Type.String({ maxLength: 20000, title: narrativeLabels.problems }),
  other: Type.String({ maxLength: 20000, title: narrativeLabels.other }),
};
const ContactsBody = Type.Object(
  { ...AgencyBody, ...Object.fromEntries(Object.entries(reportContactLabels).map(([k, title]) => [k, Type.String({ maxLength: 200, title })])) } as typeof AgencyBody & Record<keyof typeof reportContactLabels, ReturnType<typeof Type.String>>,
  { additionalProperties: false },
);

const AppealBody = titled(Type.Object(
  {
    ...AgencyBody,
    kind: lit(APPEAL_KINDS),
    caseNo: Type.Optional(Type.String({ maxLength: 100 })),
    filedDate: DateString('受理或立案日期'),
    closedDate: Type.Optional(Type.Union([DateString('审结日期'), Type.Null()])),
    result: Type.Optional(Type.Union([lit(Object.keys(appealResults) as ClosedAppealResult[]), Type.Null()])),
    requestId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    summary: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
), reportFieldLabels);

export function reportRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // 报送 and 汇总 (issue 12) live in files of their own.
    await app.register(submissionRoutes(deps));
    await app.register(rollupRoutes(deps));
    app.get(
      '/reports/:year',
      { schema: { tags: ['年度报告'], summary: '年度报告：由记录计算的表格、校验结果、状态与期限', params: YearParams, querystring: Type.Object(AgencyBody, { additionalProperties: false }) } },
      async (req) => getReport(deps, requireUser(req), req.query.agencyId, req.params.year),
    );
    app.put(
      '/reports/:year/narrative',
      {
        schema: {
          tags: ['年度报告'],
          summary: '编辑文字部分（一、五、六及开头）',
          params: YearParams,
          body: Type.Object({ ...AgencyBody, ...NarrativeFields }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const { agencyId, ...narrative } = req.body;
        return saveNarrative(deps, requireUser(req), agencyId, req.params.year, narrative);
      },
    );
    for (const action of ['check', 'publish'] as const) {
      app.post(
        `/reports/:year/${action}`,
        { schema: { tags: ['年度报告'], summary: action === 'check' ? '校验（有错误不能通过）' : '发布（负责人）', params: YearParams, body: Type.Object(AgencyBody, { additionalProperties: false }) } },
        async (req) => advanceReport(deps, requireUser(req), req.body.agencyId, req.params.year, action),
      );
    }
    app.post(
      '/reports/:year/correct',
      {
        schema: {
          tags: ['年度报告'],
          summary: '更正已发布的报告（负责人）：按当前记录和更正后的文字发布新版本，须说明原因，原版本仍可查阅',
          params: YearParams,
          body: Type.Object({ ...AgencyBody, reason: Type.String({ minLength: 1, maxLength: 1000, title: '更正原因' }), ...NarrativeFields }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const { agencyId, ...correction } = req.body;
        return correctReport(deps, requireUser(req), agencyId, req.params.year, correction);
      },
    );
    app.get(
      '/report-contacts',
      { schema: { tags: ['年度报告'], summary: '年度报告开头的网址和联系方式（按机构设置）', querystring: Type.Object(AgencyBody, { additionalProperties: false }) } },
      async (req) => getReportContacts(deps, requireUser(req), req.query.agencyId),
    );
    app.put('/report-contacts', { schema: { tags: ['年度报告'], summary: '设置年度报告开头的网址和联系方式', body: ContactsBody } }, async (req) => {
      const { agencyId, ...contacts } = req.body;
      return saveReportContacts(deps, requireUser(req), agencyId, contacts);
    });
    app.get(
      '/reports/:year/cells',
      {
        schema: {
          tags: ['年度报告'],
          summary: '表三某一格统计的申请（按当前记录）',
          params: YearParams,
          querystring: Type.Object({ ...AgencyBody, row: lit(REQUEST_ROWS), col: lit(REQUEST_COLUMNS) }, { additionalProperties: false }),
        },
      },
      async (req) => reportCellRecords(deps, requireUser(req), req.query.agencyId, req.params.year, req.query.row, req.query.col),
    );
    app.get(
      '/reports/:year/export',
      {
        schema: {
          tags: ['年度报告'],
          summary: '导出：HTML（A4 打印）、DOCX、XLSX、JSON',
          params: YearParams,
          querystring: Type.Object({ ...AgencyBody, format: lit(reportFormatNames) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const view = await getReport(deps, requireUser(req), req.query.agencyId, req.params.year);
        if (!view.report) throw new AppError('REPORT_INVALID', `报告数据有误：${view.errors.join('；')}`, 409);
        const out = await exportReport(view.report, req.query.format, { date: view.signedOn, signer: view.signedBy });
        if (req.query.format !== 'html') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
        return reply.type(out.contentType).send(out.body);
      },
    );

    app.post(
      '/report-check/file',
      {
        schema: {
          tags: ['年度报告'],
          summary: '检查上传的年度报告文件（TXT、HTML、DOCX、PDF；请求体为文件内容）',
          querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        },
        bodyLimit: 20 * 1024 * 1024,
        onRequest: signedInBeforeBody,
      },
      async (req) => {
        requireUser(req);
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以文件内容作为请求体上传', 415);
        const read = await readReportFile(req.body, req.query.name);
        if (!read.ok) throw new AppError(read.code ?? 'NOT_A_REPORT', read.message, 422);
        // The file name may carry the agency and year a text leaves out.
        const result = checkPublishedReport(read.input, { fileName: req.query.name });
        if (!result.ok) throw new AppError('NOT_A_REPORT', result.message, 422);
        return result.json;
      },
    );

    app.post(
      '/report-check',
      {
        schema: {
          tags: ['年度报告'],
          summary: '检查任意已发布的年度报告（粘贴文本）',
          body: titled(Type.Object({ text: Type.String({ minLength: 1, maxLength: 2_000_000 }) }, { additionalProperties: false }), reportFieldLabels),
        },
      },
      async (req) => {
        requireUser(req);
        const result = checkPublishedReport(req.body.text);
        if (!result.ok) throw new AppError('NOT_A_REPORT', result.message, 422);
        return result.json;
      },
    );

    app.get('/appeals', { schema: { tags: ['复议诉讼'], summary: '复议诉讼案件', querystring: Type.Object(AgencyBody, { additionalProperties: false }) } }, async (req) => ({
      items: await listAppeals(deps, requireUser(req), req.query.agencyId),
    }));
    app.post('/appeals', { schema: { tags: ['复议诉讼'], summary: '登记案件', body: AppealBody } }, async (req, reply) => {
      const { agencyId, ...input } = req.body;
      return reply.status(201).send(await saveAppeal(deps, requireUser(req), agencyId, input));
    });
    app.put('/appeals/:id', { schema: { tags: ['复议诉讼'], summary: '更新案件（结果、审结日期）', params: IdParams, body: AppealBody } }, async (req) => {
      const { agencyId, ...input } = req.body;
      return saveAppeal(deps, requireUser(req), agencyId, input, req.params.id);
    });
  };
}
