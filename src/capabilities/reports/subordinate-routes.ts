/**
 * The workspace's check of a superior's subordinates (issue 13, item 4): their published annual
 * reports, and files uploaded for those that published none here, one line each, or the same
 * workbook as `gongkai report check --xlsx`. Multipart is registered in this plugin's scope only;
 * the caller's reach is resolved before an upload's body is read.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { AppError } from '../../services/errors.ts';
import {
  acceptUpload,
  checkUpload,
  finishSubordinateReview,
  startSubordinateReview,
  subordinateWorkbook,
  type SubordinateCheck,
  type SubordinateReview,
} from './subordinates.ts';
import { requireUser } from '../../http/auth.ts';
import { IdParams, titled } from '../../http/api/schemas.ts';
import { reportFieldLabels } from './contract.ts';
import { signedInBeforeBody } from '../../http/api/upload-guards.ts';

const MiB = 1024 * 1024;
export const SUBORDINATE_UPLOAD_LIMITS = { maxFileBytes: 20 * MiB, maxFiles: 50 } as const;

const Year = Type.Integer({ minimum: 2008, maximum: 2100, description: '报告年度' });
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')], { description: 'json（默认）或 xlsx（与命令行批量检查相同的工作簿）' }));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file part's field name: "agency-<id>" names the subordinate the file is for. */
function agencyOfField(field: string, fileName: string): number {
  const m = /^agency-([1-9][0-9]{0,14})$/.exec(field);
  if (!m) throw new AppError('VALIDATION_FAILED', `文件“${fileName}”的字段名应为“agency-机关编号”`, 400);
  return Number(m[1]);
}

async function send(reply: FastifyReply, check: SubordinateCheck, format: 'json' | 'xlsx' | undefined) {
  if (format === 'xlsx') {
    const { body, fileName } = await subordinateWorkbook(check);
    return reply.type(XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(body);
  }
  const { entries: _entries, ...json } = check;
  return json;
}

/** Reads each file as it arrives and checks it at once: one file is in memory at a time. */
async function readUploads(req: FastifyRequest, review: SubordinateReview): Promise<void> {
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const name = (part.filename || '未命名').slice(0, 200);
      const agencyId = agencyOfField(part.fieldname, name);
      acceptUpload(review, agencyId, name);
      const data = await part.toBuffer();
      await checkUpload(review, agencyId, name, data);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as FastifyError).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', `文件超过 ${SUBORDINATE_UPLOAD_LIMITS.maxFileBytes / MiB} MB，无法检查`, 413);
    if (code === 'FST_FILES_LIMIT') throw new AppError('TOO_MANY_FILES', `一次最多上传 ${SUBORDINATE_UPLOAD_LIMITS.maxFiles} 个文件`, 413);
    throw new AppError('VALIDATION_FAILED', '上传的内容不完整或格式不正确，请重新选择文件', 400);
  }
}

export function subordinateReportRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: SUBORDINATE_UPLOAD_LIMITS.maxFileBytes, files: SUBORDINATE_UPLOAD_LIMITS.maxFiles, fields: 0, parts: SUBORDINATE_UPLOAD_LIMITS.maxFiles, headerPairs: 50 },
    });
    app.post(
      '/agencies/:id/report-check/subordinates',
      {
        schema: {
          tags: ['年度报告'],
          summary: '检查全部下级机关已发布的年度报告（每个下级一行；format=xlsx 下载工作簿）',
          params: IdParams,
          querystring: Type.Object({ format: Format }, { additionalProperties: false }),
          body: titled(Type.Object({ year: Year }, { additionalProperties: false }), reportFieldLabels),
        },
      },
      async (req, reply) => {
        const review = await startSubordinateReview(deps, requireUser(req), req.params.id, req.body.year);
        return send(reply, await finishSubordinateReview(review), req.query.format);
      },
    );

    app.post(
      '/agencies/:id/report-check/subordinates/uploads',
      {
        schema: {
          tags: ['年度报告'],
          summary: '同上，并检查为未在本平台发布的下级上传的报告文件（multipart/form-data，字段名 agency-机关编号，每个文件不超过 20 MB，最多 50 个）',
          params: IdParams,
          querystring: Type.Object({ year: Year, format: Format }, { additionalProperties: false }),
        },
        onRequest: signedInBeforeBody,
      },
      async (req, reply) => {
        // Who may, and for which agencies, is settled before any file is read: multipart parts
        // are read only by readUploads.
        const review = await startSubordinateReview(deps, requireUser(req), req.params.id, req.query.year);
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传报告文件', 415);
        await readUploads(req, review);
        return send(reply, await finishSubordinateReview(review), req.query.format);
      },
    );
  };
}
