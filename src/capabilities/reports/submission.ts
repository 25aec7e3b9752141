/**
 * Report submission (报送, issue 12 item 2). A published report counts as submitted to the
 * superior: nothing else is sent. The superior sees each subordinate's status for a year against
 * the statutory deadline of its kind (条例第四十九条: 部门 31 January, 县级以上政府 31 March; the
 * 乡镇（街道） date is set by the office above it, default 31 March), and may send a reminder (催报),
 * which is recorded and shown to both sides.
 */
import { annualReportDeadline, DEFAULT_TOWNSHIP_DEADLINE, type AnnualReportDeadline } from '../../domain/deadlines/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { Agency } from '../../storage/schema.ts';
import { ancestorsOf, type AgencyNode } from '../../domain/agencies/hierarchy.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { scopeFor } from '../../services/policy.ts';
import { memberIdentity, subordinateReach, type SubordinateReach } from './submission-reach.ts';
import { insertReminder, reminderRows, remindersTo, reportStates, saveTownshipDeadlineRow, townshipDeadlineRows } from './submission-sql.ts';
import { submissionStatusLabels, type ReportReminder, type SubmissionLine, type SubmissionStatus, type SubmissionView } from './submission-contract.ts';

type ReminderRow = Awaited<ReturnType<typeof reminderRows>>[number];

function reminderOf(r: ReminderRow): ReportReminder {
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    year: r.year,
    fromAgencyId: r.from_agency_id,
    fromAgencyName: r.from_agency_name,
    sentBy: r.sent_by ?? null,
    sentAt: r.sent_at,
    note: r.note,
  };
}

/**
 * The deadline of an agency's report: a department of a county-level or higher government has
 * the department date, one of a township the township date; a township's date is the one set by
 * the nearest office above it.
 */
export function deadlineOf(agency: Agency, year: number, nodes: ReadonlyMap<number, AgencyNode>, townshipDates: ReadonlyMap<number, string>): AnnualReportDeadline {
  const above = ancestorsOf(agency.id, nodes);
  const parentLevel = above[0]?.level;
  const township = agency.level === 'township' || (agency.level === 'department' && parentLevel === 'township');
  if (!township) return annualReportDeadline(agency.level === 'department' ? 'department' : 'government', year);
  const set = above.map((a) => townshipDates.get(a.id)).find((d) => d !== undefined);
  return annualReportDeadline('township', year, set ? { townshipDeadline: set } : {});
}

/** The status list of every subordinate in reach, in tree order. */
export async function submissionStatus(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<SubmissionView> {
  const reach = await subordinateReach(deps.db, actor, agencyId);
  return statusOf(deps, reach, year);
}

async function statusOf(deps: ServiceDeps, reach: SubordinateReach, year: number): Promise<SubmissionView> {
  const today = chinaDate(deps.now());
  const rows = new Map((await reportStates(deps.db, reach, year)).map((r) => [r.agency_id, r]));
  const reminders = await reminderRows(deps.db, reach, year);
  const dates = await townshipDeadlineRows(deps.db, reach, ancestorsOf(reach.superior.id, reach.nodes).map((a) => a.id));
  const lines: SubmissionLine[] = reach.members
    .filter((m) => m.depth > 0)
    .map((m) => {
      const row = rows.get(m.agency.id);
      const deadline = deadlineOf(m.agency, year, reach.nodes, dates);
      const publishedAt = row?.status === 'published' ? row.published_at : null;
      const status: SubmissionStatus = publishedAt ? 'published' : today > deadline.date ? 'overdue' : row?.status === 'checked' ? 'checked' : row ? 'draft' : 'not_started';
      const mine = reminders.filter((r) => r.agency_id === m.agency.id);
      return {
        ...memberIdentity(m),
        parentName: m.parentName,
        status,
        statusLabel: submissionStatusLabels[status],
        deadline: deadline.date,
        deadlineLocal: deadline.local,
        publishedAt,
        publishedLate: !!publishedAt && chinaDate(publishedAt) > deadline.date,
        reminders: mine.length,
        lastReminder: mine.length ? reminderOf(mine[mine.length - 1]!) : null,
      };
    });
  const count = (s: SubmissionStatus) => lines.filter((l) => l.status === s).length;
  return {
    agencyId: reach.superior.id,
    agencyName: reach.superior.name,
    year,
    today,
    townshipDeadline: dates.get(reach.superior.id) ?? null,
    lines,
    summary: {
      agencies: lines.length,
      not_started: count('not_started'),
      draft: count('draft'),
      checked: count('checked'),
      published: count('published'),
      overdue: count('overdue'),
      publishedLate: lines.filter((l) => l.publishedLate).length,
    },
    outOfReach: reach.outOfReach,
  };
}

/** Records a reminder (催报) from the superior to one subordinate in reach whose report is not published. */
export async function sendReminder(deps: ServiceDeps, actor: Actor, agencyId: number, input: { targetId: number; year: number; note?: string | undefined }): Promise<ReportReminder> {
  const note = (input.note ?? '').trim();
  if (note.length > 500) throw new AppError('VALIDATION_FAILED', '催报说明不能超过500字', 400);
  return deps.db.transaction().execute(async (tx) => {
    const reach = await subordinateReach(tx, actor, agencyId);
    const target = reach.members.find((m) => m.agency.id === input.targetId && m.depth > 0);
    if (!target) throw new AppError('NOT_A_SUBORDINATE', `机关（编号 ${input.targetId}）不是本机关可催报的下级机关`, 400);
    const state = (await reportStates(tx, reach, input.year)).find((r) => r.agency_id === input.targetId);
    if (state?.status === 'published') throw new AppError('REPORT_ALREADY_PUBLISHED', `${target.agency.name}的${input.year}年度报告已发布，无需催报`, 409);
    const at = deps.now();
    const sentBy = actor.kind === 'user' ? actor.userId : null;
    const id = await insertReminder(tx, reach, { agencyId: input.targetId, year: input.year, sentBy, sentAt: at.toISOString(), note });
    await appendAudit(tx, { at, actorUserId: sentBy, agencyId, action: 'report.remind', entity: 'annual_report', entityId: `${input.targetId}-${input.year}`, after: { note } });
    return reminderOf((await reminderRows(tx, reach, input.year)).find((r) => r.id === id)!);
  });
}

/** The reminders an agency received from the offices above it (of one year, or all), newest first. */
export async function remindersReceived(deps: ServiceDeps, actor: Actor, agencyId: number, year: number | null): Promise<ReportReminder[]> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  return (await remindersTo(deps.db, scope, year)).map(reminderOf);
}

/** Sets (or, with null, clears back to 03-31) the 乡镇（街道） deadline for the townships below this office. */
export async function setTownshipDeadline(deps: ServiceDeps, actor: Actor, agencyId: number, value: string | null): Promise<{ townshipDeadline: string | null; default: string }> {
  if (value !== null) {
    try {
      // Checked in a common year: 02-29 would not exist most years.
      annualReportDeadline('township', 2024, { townshipDeadline: value });
    } catch {
      throw new AppError('INVALID_DEADLINE', `期限“${value}”无效：应为“月-日”，如 03-31`, 400);
    }
  }
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'settings.notices');
    await saveTownshipDeadlineRow(tx, scope, value);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'report.townshipDeadline', entity: 'agency', entityId: agencyId, after: { townshipDeadline: value } });
  });
  return { townshipDeadline: value, default: DEFAULT_TOWNSHIP_DEADLINE };
}
