/**
 * Failed sign-ins, counted per name as typed (existing or not) and per address, within a
 * window. Past a threshold the next attempt needs a captcha answer: friction for a guesser, never
 * a lock that a stranger could put on someone else's account (docs/decisions/011).
 */
import { appendAudit } from '../storage/audit.ts';
import type { ServiceDeps, Tx } from './context.ts';

/** Failures from one address on one name before that address must answer a captcha. */
export const FAILURES_BEFORE_CAPTCHA = 5;
/** Failures on one name from all addresses before every address must answer a captcha. */
export const ACCOUNT_FAILURES_BEFORE_CAPTCHA = 20;
/** Failures older than this are forgotten. */
export const FAILURE_WINDOW_MINUTES = 60;

export interface FailureCounts {
  /** From this address on this name. */
  here: number;
  /** From every address on this name. */
  all: number;
}

const windowStart = (now: Date): string => new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000).toISOString();

export const captchaNeeded = (c: FailureCounts): boolean => c.here >= FAILURES_BEFORE_CAPTCHA || c.all >= ACCOUNT_FAILURES_BEFORE_CAPTCHA;

export async function failureCounts(deps: ServiceDeps, username: string, address: string): Promise<FailureCounts> {
  const rows = await deps.db
    .selectFrom('login_failures')
    .select(['address', (eb) => eb.fn.countAll<number>().as('n')])
    .where('username', '=', username)
    .where('failed_at', '>=', windowStart(deps.now()))
    .groupBy('address')
    .execute();
  return {
    here: Number(rows.find((r) => r.address === address)?.n ?? 0),
    all: rows.reduce((sum, r) => sum + Number(r.n), 0),
  };
}

/**
 * Records a failed password check (sign-in or the current password on a change) with an audit
 * entry, the same for names that exist and names that do not, and returns the new counts.
 */
export async function recordFailure(
  deps: ServiceDeps,
  attempt: { username: string; address: string; userId: number | null; action: string },
): Promise<FailureCounts> {
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('login_failures').where('failed_at', '<', windowStart(now)).execute();
    await tx.insertInto('login_failures').values({ username: attempt.username, address: attempt.address, failed_at: now.toISOString() }).execute();
  });
  const counts = await failureCounts(deps, attempt.username, attempt.address);
  await appendAudit(deps.db, {
    at: now,
    actorUserId: null,
    agencyId: null,
    action: attempt.action,
    entity: 'user',
    entityId: attempt.userId,
    // The name as typed tells an administrator what was tried, known account or not.
    after: { username: attempt.username, knownUser: attempt.userId !== null, address: attempt.address, failures: counts.here, accountFailures: counts.all, captchaRequired: captchaNeeded(counts) },
  });
  return counts;
}

/** After a successful sign-in: this address starts afresh on this name; other addresses do not. */
export async function clearFailures(deps: ServiceDeps, username: string, address: string): Promise<void> {
  await deps.db.deleteFrom('login_failures').where('username', '=', username).where('address', '=', address).execute();
}

/** After an administrator's password reset: the name starts afresh everywhere. */
export async function clearAllFailures(tx: Tx, username: string): Promise<void> {
  await tx.deleteFrom('login_failures').where('username', '=', username).execute();
}
