/**
 * What the applicant does on the tracking page, proving the query code and the secret each time
 * (issue 18, item 2): send the 补正 online while the period runs, and download the 答复书 once the
 * request is closed, when electronic delivery was chosen. No account: the scope is the policy's
 * applicantScope, for the request that code names only.
 */
import { compareIsoDates } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { RequestEvent, SupplementFile } from '../../domain/requests/lifecycle.ts';
import { viewRequest } from '../../domain/requests/view.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError } from '../../services/errors.ts';
import type { ServiceDeps } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { applicantScope } from '../../services/policy.ts';
import { inspectAttachment } from '../../services/attachments/index.ts';
import { renderApplicantNotice } from '../../services/notices.ts';
import { appendEvents, requestEvents } from './sql.ts';
import { deliversElectronically, requestOfApplicant } from './queries.ts';
import { SUPPLEMENT_MAX_FILES, SUPPLEMENT_TEXT_MAX } from './contract.ts';

export interface SupplementInput {
  code: string;
  secret: string;
  text: string;
  files: { name: string; data: Buffer }[];
}

export interface SupplementProblem {
  field: 'text' | 'files';
  code: string;
  message: string;
}

const refuse = (problems: SupplementProblem[]): never => {
  throw new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), 400, { problems: problems.map((p) => p.message), fields: problems });
};

/**
 * Records the applicant's 补正 as 收到补正 on today's date (Beijing time), with the text and the
 * files, which are checked by content like a document's attachments. Every problem of the text and
 * of each file is told at once.
 */
export async function submitSupplement(deps: ServiceDeps, input: SupplementInput): Promise<{ date: string }> {
  const { row, events } = await requestOfApplicant(deps, input.code, input.secret);
  const today = chinaDate(deps.now());
  const calendar = await loadCalendar(deps.db);
  const view = viewRequest(events, calendar, today);
  if (!view.ok || view.value.state.phase !== 'awaitingCorrection') throw new AppError('NO_CORRECTION_PENDING', '该申请当前无需补正', 409);
  const due = view.value.deadlines?.correctionPeriodDue?.date;
  if (due && compareIsoDates(today, due) > 0) {
    throw new AppError('CORRECTION_PERIOD_ENDED', `补正期限已于 ${due} 届满，不能再在线提交补正；如有正当理由，请与受理机关联系`, 409);
  }

  const problems: SupplementProblem[] = [];
  const text = input.text.trim();
  const files = input.files.filter((f) => f.data.length > 0 || f.name);
  if (!text && files.length === 0) problems.push({ field: 'text', code: 'INVALID_SUPPLEMENT', message: '请填写补正内容，或上传补正材料' });
  const chars = Array.from(text).length;
  if (chars > SUPPLEMENT_TEXT_MAX) problems.push({ field: 'text', code: 'INVALID_SUPPLEMENT', message: `补正内容不能超过 ${SUPPLEMENT_TEXT_MAX} 字（现为 ${chars} 字）` });
  if (files.length > SUPPLEMENT_MAX_FILES) problems.push({ field: 'files', code: 'INVALID_SUPPLEMENT', message: `补正材料最多 ${SUPPLEMENT_MAX_FILES} 个文件（现为 ${files.length} 个）` });
  const accepted: { data: Buffer; name: string; mime: string }[] = [];
  for (const f of files.slice(0, SUPPLEMENT_MAX_FILES)) {
    const inspected = await inspectAttachment(f.data, f.name);
    if (inspected.ok) accepted.push({ data: f.data, name: inspected.fileName, mime: inspected.mime });
    else problems.push({ field: 'files', code: inspected.code, message: inspected.message });
  }
  if (problems.length) refuse(problems);

  const stored: SupplementFile[] = [];
  // Content-addressed: a file stored by a submission that then fails is kept once and harms nothing.
  for (const f of accepted) stored.push({ name: f.name, key: await deps.files.put(f.data), size: f.data.length, mime: f.mime });
  const event: RequestEvent = { type: 'correctionReceived', date: today, via: 'applicant', ...(text ? { text } : {}), ...(stored.length ? { files: stored } : {}) };
  await deps.db.transaction().execute(async (tx) => {
    const scope = applicantScope(row.agency_id);
    const existing = await requestEvents(tx, scope, row.id);
    await appendEvents(tx, deps, scope, row.id, existing, [event], null, calendar);
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: null,
      agencyId: row.agency_id,
      action: 'request.correctionReceived',
      entity: 'request',
      entityId: row.id,
      // The text and the files may be personal: the audit keeps their size, the request keeps them.
      after: { via: 'applicant', date: today, textChars: chars, files: stored.map((f) => ({ name: f.name, size: f.size })) },
    });
  });
  return { date: today };
}

/** The 答复书 of a closed request, for the applicant who chose electronic delivery. */
export async function applicantReply(deps: ServiceDeps, code: string, secret: string, format: 'html' | 'docx'): Promise<{ body: string | Buffer; title: string }> {
  const { row, events } = await requestOfApplicant(deps, code, secret);
  if (row.phase !== 'closed' || !events.some((e) => e.type === 'replied')) throw new AppError('REPLY_NOT_AVAILABLE', '该申请尚未办结，暂无答复书', 409);
  if (!deliversElectronically(row)) {
    throw new AppError('REPLY_NOT_AVAILABLE', '您选择的获取方式不是电子邮件或网上获取，答复书将按您选择的方式送达，不能在此下载', 409);
  }
  return renderApplicantNotice(deps, applicantScope(row.agency_id), row.id, 'reply', format);
}
