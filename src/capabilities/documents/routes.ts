import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { addAttachment, createCategory, createDocument, resolveScanHit, setIndexScheme, transitionDocument, updateDocument } from './commands.ts';
import { getDocument, listCategories, listDocuments } from './queries.ts';
import { clearExemption, recordExemption, reviseDocument } from './interpretations.ts';
import { documentActionFieldLabels, documentFieldLabels as label, documentStatuses, interpretationForms } from './contract.ts';
import { AppError } from '../../services/errors.ts';
import { getAgency } from '../../services/agencies.ts';
import { getPublished, toChannelView } from '../../services/publications.ts';
import { renderNoticeBoardSheet, renderWechatArticle } from '../../views/channels/index.ts';
import { requireUser } from '../../http/auth.ts';
import { documentEditorBeforeBody } from '../../http/api/upload-guards.ts';
import { DateString, titled } from '../../http/api/schemas.ts';
import { IdParams } from '../../http/api/schemas.ts';

const Opt = (max: number, title?: string) => Type.Optional(Type.String({ maxLength: max, ...(title ? { title } : {}) }));

/** Every field carries its form label as `title`, so a validation error names it in Chinese. */
export const DocumentBody = {
  title: Type.String({ minLength: 1, maxLength: 300, title: label.title }),
  issuer: Opt(100, label.issuer),
  docNo: Opt(100, label.docNo),
  writtenAt: Type.Optional(DateString('成文日期', label.writtenAt)),
  formedAt: Type.Optional(DateString('形成或变更日期（第二十六条计时起点）', label.formedAt)),
  topic: Opt(100, label.topic),
  categoryCode: Opt(40, label.categoryCode),
  docKind: Type.Optional(Type.Union([Type.Literal('rule'), Type.Literal('normative'), Type.Null()], { title: label.docKind })),
  validity: Type.Optional(Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('repealed')], { title: label.validity })),
  effectiveFrom: Type.Optional(DateString('生效日期', label.effectiveFrom)),
  invalidFrom: Type.Optional(DateString('失效或废止日期', label.invalidFrom)),
  bodyHtml: Type.String({ maxLength: 2_000_000, title: label.bodyHtml }),
  interpretsId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: label.interpretsId })),
  interpretationForm: Type.Optional(Type.Union(interpretationForms.map((f) => Type.Literal(f)), { title: label.interpretationForm })),
  interpretationText: Opt(20_000, label.interpretationText),
  interpretationMediaUrl: Opt(500, label.interpretationMediaUrl),
};

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Uploads arrive as raw bytes; their type is decided by content, never by this header. */
export const uploadContentTypes = [
  'application/octet-stream',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
  'application/ofd',
  'application/zip',
];

export function documentRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {

    app.get(
      '/documents',
      {
        schema: {
          tags: ['主动公开'],
          summary: '文件列表',
          querystring: Type.Object(
            {
              agencyId: Type.Integer({ minimum: 1 }),
              status: Type.Optional(Type.Union(documentStatuses.map((s) => Type.Literal(s)))),
              q: Opt(100),
              missingInterpretation: Type.Optional(Type.Boolean({ description: '只列出缺少政策解读（且未记录不解读理由）的规章和规范性文件' })),
              page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
              pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) =>
        listDocuments(deps, requireUser(req), req.query.agencyId, { status: req.query.status, q: req.query.q, missingInterpretation: req.query.missingInterpretation, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }),
    );

    app.put(
      '/documents/:id/interpretation-exemption',
      { schema: { tags: ['主动公开'], summary: '三同步：记录规章或规范性文件不作解读的理由', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, title: '不作解读的理由' }) }, { additionalProperties: false }) } },
      async (req) => {
        await recordExemption(deps, requireUser(req), req.params.id, req.body.reason);
        return getDocument(deps, requireUser(req), req.params.id);
      },
    );

    app.delete('/documents/:id/interpretation-exemption', { schema: { tags: ['主动公开'], summary: '三同步：发布前撤销不作解读的理由', params: IdParams } }, async (req) => {
      await clearExemption(deps, requireUser(req), req.params.id);
      return getDocument(deps, requireUser(req), req.params.id);
    });

    app.post('/documents/:id/revisions', { schema: { tags: ['主动公开'], summary: '将已撤回的文件修订为新版本（新草稿，重新审查）', params: IdParams } }, async (req, reply) => {
      const row = await reviseDocument(deps, requireUser(req), req.params.id);
      return reply.status(201).send(await getDocument(deps, requireUser(req), row.id));
    });

    app.post(
      '/documents',
      { schema: { tags: ['主动公开'], summary: '新建草稿', body: Type.Object({ agencyId: Type.Integer({ minimum: 1, title: label.agencyId }), ...DocumentBody }, { additionalProperties: false }) } },
      async (req, reply) => {
        const { agencyId, ...input } = req.body;
        const row = await createDocument(deps, requireUser(req), agencyId, input);
        return reply.status(201).send(await getDocument(deps, requireUser(req), row.id));
      },
    );

    app.get('/documents/:id', { schema: { tags: ['主动公开'], summary: '文件详情（含检测结果、附件）', params: IdParams } }, async (req) => getDocument(deps, requireUser(req), req.params.id));

    app.put(
      '/documents/:id',
      { schema: { tags: ['主动公开'], summary: '修改草稿（重新检测敏感信息）', params: IdParams, body: Type.Object(DocumentBody, { additionalProperties: false }) } },
      async (req) => {
        await updateDocument(deps, requireUser(req), req.params.id, req.body);
        return getDocument(deps, requireUser(req), req.params.id);
      },
    );

    app.post(
      '/documents/:id/transitions',
      {
        schema: {
          tags: ['主动公开'],
          summary: '提交审查、保密审查、退回、批准、发布、定时发布、撤回',
          params: IdParams,
          body: titled(Type.Object(
            {
              action: Type.Union(['submit', 'review', 'reject', 'approve', 'publish', 'schedule', 'withdraw'].map((a) => Type.Literal(a))),
              reason: Opt(1000),
              scheduledAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 时间' })),
              checklist: Type.Optional(
                Type.Object(
                  { noStateSecret: Type.Boolean(), noPrivacy: Type.Boolean(), noSecurityRisk: Type.Boolean(), inScope: Type.Boolean(), opinion: Type.String({ maxLength: 2000 }) },
                  { additionalProperties: false },
                ),
              ),
            },
            { additionalProperties: false },
          ), documentActionFieldLabels),
        },
      },
      async (req) => {
        const actor = requireUser(req);
        await transitionDocument(deps, actor, req.params.id, req.body.action as 'submit', req.body);
        return getDocument(deps, actor, req.params.id);
      },
    );

    app.post(
      '/documents/:id/attachments',
      {
        schema: {
          tags: ['主动公开'],
          summary: '上传附件（请求体为文件内容；按内容识别类型：PDF、OFD、DOC/DOCX、WPS、XLS/XLSX、ZIP、图片）',
          params: IdParams,
          querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        },
        bodyLimit: MAX_UPLOAD_BYTES,
        onRequest: documentEditorBeforeBody(deps),
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以文件内容作为请求体上传（Content-Type: application/octet-stream）', 415);
        const row = await addAttachment(deps, requireUser(req), req.params.id, req.query.name, req.body);
        return reply.status(201).send(row);
      },
    );

    app.get(
      '/documents/:id/channels/:channel',
      {
        schema: {
          tags: ['主动公开'],
          summary: '发布渠道：微信公众号文章（粘贴用 HTML）、公告栏 A4 打印页',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }), channel: Type.Union([Type.Literal('wechat'), Type.Literal('board')]) }),
        },
      },
      async (req, reply) => {
        const detail = await getDocument(deps, requireUser(req), req.params.id);
        const agency = await getAgency(deps.db, detail.agencyId);
        const doc = await getPublished(deps, agency.id, detail.id, false);
        if (!doc) throw new AppError('NOT_PUBLISHED', '文件发布后才能生成微信文章和公告栏打印页（二维码指向门户页面）', 409);
        const view = toChannelView({ code: agency.code, name: agency.name }, doc, req.siteUrl);
        const html = req.params.channel === 'wechat' ? await renderWechatArticle(view) : renderNoticeBoardSheet(view);
        return reply.type('text/html; charset=utf-8').send(html);
      },
    );

    app.post(
      '/scan-hits/:id/resolve',
      { schema: { tags: ['主动公开'], summary: '审核人确认处理疑似敏感信息', params: IdParams, body: titled(Type.Object({ resolution: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }), documentActionFieldLabels) } },
      async (req) => {
        await resolveScanHit(deps, requireUser(req), req.params.id, req.body.resolution);
        return { ok: true };
      },
    );

    app.get(
      '/categories',
      { schema: { tags: ['主动公开'], summary: '公开目录栏目', querystring: Type.Object({ agencyId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }) } },
      async (req) => ({ items: await listCategories(deps, requireUser(req), req.query.agencyId) }),
    );

    app.post(
      '/categories',
      {
        schema: {
          tags: ['主动公开'],
          summary: '新增本机关子栏目',
          body: titled(Type.Object({ agencyId: Type.Integer({ minimum: 1 }), code: Type.String({ minLength: 2, maxLength: 40 }), name: Type.String({ minLength: 1, maxLength: 60 }), parentCode: Opt(40) }, { additionalProperties: false }), documentActionFieldLabels),
        },
      },
      async (req, reply) => reply.status(201).send(await createCategory(deps, requireUser(req), req.body.agencyId, req.body)),
    );

    app.put(
      '/agencies/:id/index-scheme',
      { schema: { tags: ['主动公开'], summary: '设置索引号规则', params: IdParams, body: titled(Type.Object({ scheme: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), documentActionFieldLabels) } },
      async (req) => {
        await setIndexScheme(deps, requireUser(req), req.params.id, req.body.scheme);
        return { ok: true };
      },
    );
  };
}
