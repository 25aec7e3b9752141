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
  /** The schema holding the failed keyword (Ajv's `verbose`): its `title` is the field's Chinese label. */
  parentSchema?: { title?: unknown; properties?: Record<string, { title?: unknown }> };
}

/** One invalid field: its path as the API names it (for the form to find it), and a Chinese sentence naming its label. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The field an issue is about ('a.b'), and its Chinese label when the schema gives one. */
function fieldOf(issue: AjvIssue): { field: string; label: string | undefined } {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const child = issue.keyword === 'required' ? issue.params.missingProperty : issue.keyword === 'additionalProperties' ? issue.params.additionalProperty : undefined;
  if (typeof child === 'string') {
    const title = issue.parentSchema?.properties?.[child]?.title;
    return { field: [path, child].filter(Boolean).join('.'), label: typeof title === 'string' ? title : undefined };
  }
  const title = issue.parentSchema?.title;
  return { field: path, label: typeof title === 'string' ? title : undefined };
}

/** Turns one schema-validation issue into a sentence a clerk can act on, naming the field by its label when it has one. */
export function describeValidationIssue(issue: AjvIssue): string {
  const { field, label } = fieldOf(issue);
  const at = label ? `“${label}”` : field ? `字段“${field}”` : '内容';
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return label ? `请填写“${label}”` : `缺少必填字段“${field}”`;
    case 'type':
      return `${at}类型应为${String(p.type).split(',').map((t) => typeLabel[t] ?? t).join('或')}`;
    case 'additionalProperties':
      return `不允许的字段“${field}”`;
    case 'minLength':
      return label && p.limit === 1 ? `请填写“${label}”` : `${at}长度不能少于 ${p.limit} 个字符`;
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

/**
 * Every invalid field once, in the schema's order. With `allErrors` a union's branches each report
 * (a wrong literal fails every `const` and then the `anyOf`): the issue on the field's own schema,
 * the one with its label, is the one a clerk should read.
 */
export function fieldIssues(issues: readonly AjvIssue[]): FieldIssue[] {
  const byField = new Map<string, { message: string; labelled: boolean }>();
  for (const issue of issues) {
    const { field, label } = fieldOf(issue);
    const seen = byField.get(field);
    if (seen && (seen.labelled || !label)) continue;
    byField.set(field, { message: describeValidationIssue(issue), labelled: label !== undefined });
  }
  return [...byField].map(([field, { message }]) => ({ field, message }));
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
      // A body comes from a form: say "提交的内容", not the HTTP part's name.
      const where = fe.validationContext === 'body' || !fe.validationContext ? '提交的内容有误' : `${partLabel[fe.validationContext] ?? '请求'}不合法`;
      const fields = fieldIssues(fe.validation);
      const issues = fields.map((f) => f.message);
      return reply.status(400).send(toBody('VALIDATION_FAILED', `${where}：${issues.join('；')}`, { issues, fields }));
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
