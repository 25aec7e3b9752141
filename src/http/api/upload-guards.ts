/**
 * Checks run in a route's onRequest hook, before an upload's body is read: a request the service
 * would refuse anyway must not first cost receiving and parsing up to 20 MB. The session is
 * already resolved by then (registerSessionHook); the services check again.
 */
import type { FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/context.ts';
import { assertArt20Editor } from '../../capabilities/disclosure/commands.ts';
import { assertDocumentEditable } from '../../services/documents.ts';
import { AppError } from '../../services/errors.ts';
import { requireUser } from '../auth.ts';

/** The raw (not yet validated) query or path value as a positive integer, or 400. */
function idFrom(values: unknown, key: string, where: string): number {
  const raw = (values as Record<string, unknown> | undefined)?.[key];
  const n = typeof raw === 'string' && /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n)) throw new AppError('VALIDATION_FAILED', `${where}不合法：字段“${key}”应为正整数`, 400);
  return n;
}

/** Signed in, else 401 before the body is read. */
export async function signedInBeforeBody(req: FastifyRequest): Promise<void> {
  requireUser(req);
}

/** Clerk, head or admin of the agency in ?agencyId=, else 401/403 before the body is read. */
export function art20EditorBeforeBody(deps: ServiceDeps) {
  return async (req: FastifyRequest): Promise<void> => {
    const actor = requireUser(req);
    await assertArt20Editor(deps, actor, idFrom(req.query, 'agencyId', '查询参数'));
  };
}

/** May edit the document at /documents/:id (its agency comes from the document), else 401/403/404/409. */
export function documentEditorBeforeBody(deps: ServiceDeps) {
  return async (req: FastifyRequest): Promise<void> => {
    const actor = requireUser(req);
    await assertDocumentEditable(deps, actor, idFrom(req.params, 'id', '路径参数'));
  };
}
