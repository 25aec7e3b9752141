import { describeChainProblem, type Anchor } from '../domain/audit/chain.ts';
import { auditChainHead, verifyAuditChain } from '../storage/audit.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { forbidden } from './errors.ts';

export interface ChainReport {
  ok: boolean;
  /** Entries checked, up to the head at the start of the check. */
  entries: number;
  head: { seq: number; hash: string };
  problem: { kind: string; message: string; seq: number | null; id: number | null } | null;
}

/**
 * The chain spans every agency (one log for the platform), and checking it reads all of it: a
 * platform operator's task, like the shared calendar. The CLI acts as the system.
 */
async function requireOperator(deps: ServiceDeps, actor: Actor): Promise<void> {
  if (actor.kind === 'system') return;
  const user = await deps.db.selectFrom('users').select('platform_operator').where('id', '=', actor.userId).executeTakeFirst();
  if (user?.platform_operator !== 1) throw forbidden('审计日志完整性校验与链头导出仅限平台运维人员（由命令行 gongkai user operator 授予）');
}

export async function checkAuditChain(deps: ServiceDeps, actor: Actor, anchor?: Anchor): Promise<ChainReport> {
  await requireOperator(deps, actor);
  const result = await verifyAuditChain(deps.db, anchor);
  const p = result.problem;
  return {
    ok: !p,
    entries: result.entries,
    head: result.head,
    problem: p ? { kind: p.kind, message: describeChainProblem(p), seq: 'seq' in p ? p.seq : 'nextSeq' in p ? p.nextSeq : null, id: 'id' in p ? p.id : null } : null,
  };
}

/** The newest entry's hash, to be kept outside the database (printed, mailed, filed). */
export async function exportAuditHead(deps: ServiceDeps, actor: Actor): Promise<{ seq: number; hash: string; at: string | null; anchor: string }> {
  await requireOperator(deps, actor);
  const head = await auditChainHead(deps.db);
  return { ...head, anchor: `${head.seq}:${head.hash}` };
}
