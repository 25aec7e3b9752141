/**
 * Online requests from the public (the portal's form and POST /api/v1/public/…/requests):
 * an idempotency key, a captcha, then duplicate and volume checks per agency, in front of
 * submitOnline (docs/decisions/011).
 *
 * - A retry with the same idempotency key (a hidden field of the form, the `Idempotency-Key`
 *   header on the API) and the same content gets the first answer again and creates nothing;
 *   it is answered before the captcha, whose token the first attempt used up.
 * - The same applicant and description for the same agency within DUPLICATE_WINDOW_MINUTES is
 *   refused with the query code of the request already made.
 * - More than SUBMISSIONS_PER_HOUR from one address to one agency within an hour: 429.
 *
 * submitOnline runs its own transaction, so a submission first claims its row here (the unique
 * key makes a concurrent retry wait for the first), then records the query code on it.
 *
 * The fields are checked before the captcha is answered, and both are reported in one round.
 */
import { createHash } from 'node:crypto';
import type { ServiceDeps } from './context.ts';
import { AppError } from './errors.ts';
import { normalizeText } from '../domain/search/normalize.ts';
import { verifyCaptcha } from './captcha.ts';
import { submitOnline, type NewRequestInput } from './requests.ts';
import { refuseProblems } from '../capabilities/requests/commands.ts';
import { requestProblems, type FieldProblem } from '../capabilities/requests/validation.ts';

export const DUPLICATE_WINDOW_MINUTES = 30;
export const SUBMISSIONS_PER_HOUR = 5;
/** Rows (and so idempotent answers) are kept this long. */
const KEEP_HOURS = 24;

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,100}$/;

export interface PublicSubmission {
  agencyId: number;
  /** The sender's address, as the HTTP layer reads it. */
  address: string;
  idempotencyKey?: string | undefined;
  captchaToken: string;
  captchaAnswer: string;
  request: NewRequestInput;
}

export interface SubmissionAnswer {
  queryCode: string;
  trackingHint: string;
  /** True when this answers a retry of an earlier submission. */
  replayed: boolean;
}

const squash = (v: string | undefined): string => (v ?? '').replace(/\s+/g, ' ').trim();
/** Widths, case and spacing do not make another request: 2023年 高标准农田 is ２０２３年高标准农田. */
const sameText = (v: string): string => normalizeText(v).replace(/\s+/g, '');

/** Who asks for what: the applicant as identified, and the description. Stored hashed only. */
function fingerprintOf(agencyId: number, r: NewRequestInput): string {
  const a = r.applicant;
  const parts = [agencyId, a.type, squash(a.name), squash(a.idNumber).toUpperCase(), squash(a.phone), squash(a.email).toLowerCase(), sameText(r.description)];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const minutesAgo = (now: Date, minutes: number): string => new Date(now.getTime() - minutes * 60_000).toISOString();

const inProgress = (): AppError => new AppError('SUBMISSION_IN_PROGRESS', '相同的申请正在提交中，请稍候刷新页面查看结果，不要重复提交', 409);

async function answerForKey(deps: ServiceDeps, agencyId: number, key: string, fingerprint: string): Promise<SubmissionAnswer | null> {
  const row = await deps.db
    .selectFrom('public_submissions')
    .select(['fingerprint', 'query_code', 'tracking_hint'])
    .where('agency_id', '=', agencyId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.fingerprint !== fingerprint) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', '该提交编号已用于另一份内容不同的申请，请重新提交（网页表单已更换编号）', 422);
  }
  if (!row.query_code) throw inProgress();
  return { queryCode: row.query_code, trackingHint: row.tracking_hint ?? '', replayed: true };
}

export async function submitPublicRequest(deps: ServiceDeps, s: PublicSubmission): Promise<SubmissionAnswer> {
  const key = s.idempotencyKey;
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw new AppError('INVALID_IDEMPOTENCY_KEY', '提交编号格式不正确（应为 16 至 100 位字母、数字、“-”或“_”），请刷新页面后重新提交', 400);
  }
  const fingerprint = fingerprintOf(s.agencyId, s.request);
  if (key) {
    const earlier = await answerForKey(deps, s.agencyId, key, fingerprint);
    if (earlier) return earlier;
  }
  // One round: the fields' problems and a wrong captcha are told together, neither hides the other.
  const problems: FieldProblem[] = requestProblems(s.request, true);
  try {
    await verifyCaptcha(deps, s.captchaToken, s.captchaAnswer);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'CAPTCHA_INVALID') throw err;
    problems.push({ field: 'captchaAnswer', code: err.code, message: err.message });
  }
  if (problems.length) refuseProblems(problems);

  const now = deps.now();
  await deps.db.deleteFrom('public_submissions').where('created_at', '<', minutesAgo(now, KEEP_HOURS * 60)).execute();
  let claim: number;
  try {
    const row = await deps.db
      .insertInto('public_submissions')
      .values({ agency_id: s.agencyId, address: s.address, fingerprint, idempotency_key: key ?? null, query_code: null, tracking_hint: null, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    claim = row.id;
  } catch (err) {
    // Another request with this key claimed it between the look-up and here.
    if (key) {
      const earlier = await answerForKey(deps, s.agencyId, key, fingerprint);
      if (earlier) return earlier;
    }
    throw err;
  }
  const release = () => deps.db.deleteFrom('public_submissions').where('id', '=', claim).execute();

  // Only an earlier row makes this one a duplicate: of two at once, the first goes through.
  const duplicate = await deps.db
    .selectFrom('public_submissions')
    .select(['query_code'])
    .where('agency_id', '=', s.agencyId)
    .where('fingerprint', '=', fingerprint)
    .where('created_at', '>=', minutesAgo(now, DUPLICATE_WINDOW_MINUTES))
    .where('id', '<', claim)
    .orderBy('id')
    .executeTakeFirst();
  if (duplicate) {
    await release();
    if (!duplicate.query_code) throw inProgress();
    throw new AppError(
      'DUPLICATE_REQUEST',
      `您在 ${DUPLICATE_WINDOW_MINUTES} 分钟内已向本机关提交过内容相同的申请，查询码为 ${duplicate.query_code}，请勿重复提交；可凭查询码查询办理进度`,
      409,
      { queryCode: duplicate.query_code },
    );
  }
  const { n } = await deps.db
    .selectFrom('public_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', s.agencyId)
    .where('address', '=', s.address)
    .where('created_at', '>=', minutesAgo(now, 60))
    .executeTakeFirstOrThrow();
  if (Number(n) > SUBMISSIONS_PER_HOUR) {
    await release();
    throw new AppError(
      'TOO_MANY_SUBMISSIONS',
      `同一网络地址 1 小时内向本机关提交的申请已达 ${SUBMISSIONS_PER_HOUR} 件，请稍后再试，或以信函、当面等方式提交`,
      429,
    );
  }

  let created: { queryCode: string; trackingHint: string };
  try {
    created = await submitOnline(deps, s.agencyId, s.request);
  } catch (err) {
    await release();
    throw err;
  }
  await deps.db.updateTable('public_submissions').set({ query_code: created.queryCode, tracking_hint: created.trackingHint }).where('id', '=', claim).execute();
  return { queryCode: created.queryCode, trackingHint: created.trackingHint, replayed: false };
}
