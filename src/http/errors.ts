import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../services/errors.ts';
import { DATE_PATTERN } from './api/schemas.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const partLabel: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

const typeLabel: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
};

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns one schema-validation issue into a sentence a clerk can act on. */
export function describeValidationIssue(issue: AjvIssue): string {
  const field = issue.instancePath ? issue.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
  const at = field ? `字段“${field}”` : '内容';
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return `缺少必填字段“${[field, p.missingProperty].filter(Boolean).join('.')}”`;
    case 'type':
      return `${at}类型应为${String(p.type).split(',').map((t) => typeLabel[t] ?? t).join('或')}`;
    case 'additionalProperties':
      return `不允许的字段“${[field, p.additionalProperty].filter(Boolean).join('.')}”`;
    case 'minLength':
      return `${at}长度不能少于 ${p.limit} 个字符`;
    case 'maxLength':
      return `${at}长度不能超过 ${p.limit} 个字符`;
    case 'minimum':
      return `${at}不能小于 ${p.limit}`;
    case 'maximum':
      return `${at}不能大于 ${p.limit}`;
    case 'minItems':
      return `${at}至少需要 ${p.limit} 项`;
    case 'maxItems':
      return `${at}不能超过 ${p.limit} 项`;
    case 'enum':
    case 'anyOf':
    case 'const':
      return `${at}的取值不在允许范围内`;
    case 'pattern':
      if (p.pattern === DATE_PATTERN) return `${at}应为 1949 年至 2100 年之间的日期，格式为 YYYY-MM-DD`;
      return `${at}格式不正确`;
    case 'format':
      return `${at}格式不正确`;
    default:
      return `${at}不合法`;
  }
}

function toBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps every failure to `{"error":{"code","message"}}`; bad input is always a 4xx. */
export function registerErrorHandling(app: FastifyInstance, renderNotFoundPage: (req: FastifyRequest) => Promise<string>): void {
  app.setErrorHandler((err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(toBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation) {
      const where = partLabel[fe.validationContext ?? 'body'] ?? '请求';
      const issues = fe.validation.map(describeValidationIssue);
      return reply
        .status(400)
        .send(toBody('VALIDATION_FAILED', `${where}不合法：${issues.join('；')}`, { issues }));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.status(400).send(toBody('MALFORMED_JSON', '请求体不是合法的 JSON'));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(toBody('EMPTY_BODY', '请求体为空'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(toBody('BODY_TOO_LARGE', '请求体过大'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(toBody('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请使用 application/json'));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send(toBody('INVALID_CONTENT_LENGTH', '请求长度与声明不符'));
      case 'FST_ERR_BAD_URL':
      case 'FST_ERR_ASYNC_CONSTRAINT':
        return reply.status(400).send(toBody('BAD_URL', '请求地址不合法'));
      default:
        break;
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(toBody('BAD_REQUEST', '请求不合法'));
    }
    // The route pattern, not the URL: a query string may hold a tracking secret.
    req.log.error({ err, method: req.method, route: req.routeOptions.url ?? req.url.split('?')[0] }, 'unhandled error');
    // The request id is in the message too, since the workspace shows a clerk only the message.
    return reply.status(500).send({
      error: { code: 'INTERNAL_ERROR', message: `服务器内部错误，请稍后重试（请求编号 ${req.id}）`, requestId: req.id },
    });
  });

  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      return reply.status(404).send(toBody('NOT_FOUND', '接口不存在'));
    }
    return reply.status(404).type('text/html; charset=utf-8').send(await renderNotFoundPage(req));
  });
}
