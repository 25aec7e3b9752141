import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/context.ts';
import { checkAuditChain, exportAuditHead } from '../../services/audit-chain.ts';
import { parseAnchor } from '../../domain/audit/chain.ts';
import { AppError } from '../../services/errors.ts';
import { requireUser } from '../auth.ts';
import { withErrors } from './schemas.ts';

const Head = Type.Object({ seq: Type.Integer(), hash: Type.String() });

/** The audit chain: integrity check and the newest hash for anchoring (platform operators). */
export function auditChainRoutes(deps: ServiceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/audit/chain/head',
      {
        schema: {
          tags: ['审计'],
          summary: '审计日志链头（最新一条记录的序号和哈希），供在系统之外留存',
          response: withErrors({ 200: Type.Object({ seq: Type.Integer(), hash: Type.String(), at: Type.Union([Type.String(), Type.Null()]), anchor: Type.String() }) }),
        },
      },
      async (req) => exportAuditHead(deps, requireUser(req)),
    );
    app.get(
      '/audit/chain/verify',
      {
        schema: {
          tags: ['审计'],
          summary: '校验审计日志的哈希链，报告第一处断链或缺失',
          querystring: Type.Object({ anchor: Type.Optional(Type.String({ maxLength: 80, description: '先前导出的链头 seq:hash' })) }, { additionalProperties: false }),
          response: withErrors({
            200: Type.Object({
              ok: Type.Boolean(),
              entries: Type.Integer(),
              head: Head,
              problem: Type.Union([Type.Object({ kind: Type.String(), message: Type.String(), seq: Type.Union([Type.Integer(), Type.Null()]), id: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
            }),
          }),
        },
      },
      async (req) => {
        const actor = requireUser(req);
        const anchor = req.query.anchor === undefined ? undefined : parseAnchor(req.query.anchor);
        if (anchor === null) throw new AppError('INVALID_ANCHOR', '链头应为“序号:哈希”，如 gongkai audit head 所输出的 1024:3f…（64 位十六进制）');
        return checkAuditChain(deps, actor, anchor);
      },
    );
  };
}
