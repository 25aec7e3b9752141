/**
 * 年报体检 on the portal: anyone may upload or paste a published annual report and see the
 * checker's findings. Nothing is stored: the file is held in memory for the one request, parsed in
 * the bounded worker (docs/decisions/006) and dropped. Multipart parsing is registered in this
 * plugin's own scope, so no other route accepts multipart bodies. docs/decisions/012.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPublishedReport } from '../../domain/report/index.ts';
import { readReportFile } from '../../exports/report/read.ts';
import { AppError } from '../../services/errors.ts';
import type { PortalAgency } from '../../views/portal/layout.ts';
import { reportCheckPage, type ReportCheckState } from '../../views/portal/report-check-page.ts';

const HTML = 'text/html; charset=utf-8';
const MiB = 1024 * 1024;

/** Per address: a person checks a few reports; parsing costs a worker for seconds. */
export const CHECK_LIMIT = { max: 20, timeWindow: '10 minutes' };
export const CHECK_LIMITS = {
  /** As for the workspace's checker (POST /api/v1/report-check/file). */
  maxFileBytes: 20 * MiB,
  /** As for the workspace's pasted text (POST /api/v1/report-check). */
  maxTextChars: 2_000_000,
} as const;
const pageLimits = { maxFileMb: CHECK_LIMITS.maxFileBytes / MiB, maxTextChars: CHECK_LIMITS.maxTextChars };

type Submission = { kind: 'file'; name: string; data: Buffer } | { kind: 'text'; text: string };

/** A submission that cannot be checked: the page says why, with this status. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly text?: string,
  ) {
    super(message);
  }
}

/** The file or the pasted text of a multipart form (or of a url-encoded one, for the text). */
async function readSubmission(req: FastifyRequest): Promise<Submission> {
  let file: { name: string; data: Buffer } | undefined;
  let text = '';
  if (req.isMultipart()) {
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (part.fieldname === 'file' && (data.length > 0 || part.filename)) file = { name: part.filename.slice(0, 200), data };
        } else if (part.fieldname === 'text' && typeof part.value === 'string') {
          if (part.valueTruncated) throw new Refusal(413, `粘贴的文字超过 ${CHECK_LIMITS.maxTextChars / 10_000} 万字，请改为上传文件`);
          text = part.value;
        }
      }
    } catch (err) {
      if (err instanceof Refusal) throw err;
      const code = (err as FastifyError).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new Refusal(413, `文件超过 ${pageLimits.maxFileMb} MB，无法检查；请压缩图片或拆分后再上传`);
      if (code === 'FST_FILES_LIMIT') throw new Refusal(400, '一次只能检查一个文件');
      throw new Refusal(400, '上传的内容不完整或格式不正确，请重新选择文件上传');
    }
  } else {
    const body = req.body as Record<string, unknown> | undefined;
    text = typeof body?.text === 'string' ? body.text : '';
  }
  if (file) return { kind: 'file', ...file };
  if (text.length > CHECK_LIMITS.maxTextChars) throw new Refusal(413, `粘贴的文字超过 ${CHECK_LIMITS.maxTextChars / 10_000} 万字，请改为上传文件`);
  if (text.trim()) return { kind: 'text', text };
  throw new Refusal(400, '请选择要上传的报告文件，或粘贴报告全文');
}

async function check(submission: Submission): Promise<NonNullable<ReportCheckState['result']>> {
  const source = submission.kind === 'file' ? `上传的文件“${submission.name || '未命名'}”` : '粘贴的文字';
  const name = submission.kind === 'file' ? submission.name : '';
  const text = submission.kind === 'text' ? submission.text : undefined;
  const read = submission.kind === 'file' ? await readReportFile(submission.data, name) : { ok: true as const, input: submission.text };
  if (!read.ok) throw new Refusal(422, read.message);
  // The file name may carry the agency and year a text leaves out.
  const result = checkPublishedReport(read.input, name ? { fileName: name } : undefined);
  if (!result.ok) throw new Refusal(422, result.message, text);
  return { source, json: result.json };
}

export function registerReportCheckPortal(app: FastifyInstance, portalAgency: (code: string) => Promise<PortalAgency | null>): void {
  const send = (reply: FastifyReply, status: number, agency: PortalAgency, state: ReportCheckState) =>
    reply.status(status).type(HTML).header('cache-control', 'no-store').send(reportCheckPage(agency, state, pageLimits));

  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      // One file and one text field; anything beyond is refused rather than read.
      limits: { fileSize: CHECK_LIMITS.maxFileBytes, files: 1, fields: 2, parts: 3, fieldSize: CHECK_LIMITS.maxTextChars * 4, headerPairs: 50 },
    });
    // Errors raised before the handler (the rate limit) are shown as the page, not as JSON.
    scope.setErrorHandler(async (err: FastifyError, req: FastifyRequest<{ Params: { code?: string } }>, reply) => {
      const agency = err instanceof AppError && err.status < 500 ? await portalAgency(req.params.code ?? '') : null;
      if (!agency || !(err instanceof AppError)) throw err;
      return send(reply, err.status, agency, { error: err.message });
    });

    scope.get<{ Params: { code: string } }>('/org/:code/open/annual-reports/check', async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      if (!agency) return reply.callNotFound();
      return reply.type(HTML).send(reportCheckPage(agency, {}, pageLimits));
    });

    scope.post<{ Params: { code: string } }>('/org/:code/open/annual-reports/check', { config: { rateLimit: CHECK_LIMIT } }, async (req, reply) => {
      const agency = await portalAgency(req.params.code);
      if (!agency) return reply.callNotFound();
      let text: string | undefined;
      try {
        const submission = await readSubmission(req);
        if (submission.kind === 'text') text = submission.text;
        return send(reply, 200, agency, { text, result: await check(submission) });
      } catch (err) {
        if (err instanceof Refusal) return send(reply, err.status, agency, { error: err.message, text: err.text ?? text });
        // FILE_TOO_COMPLEX comes back as a refusal from readReportFile; SERVER_BUSY is thrown.
        if (err instanceof AppError && err.status !== 500) return send(reply, err.status, agency, { error: err.message, text });
        throw err;
      }
    });
  });
}
