/**
 * A superior office's spring review in the workspace: the published annual report of every agency
 * below it, and files the office uploads for those that published none here, run through the same
 * reader and checker as `gongkai report check` (exports/report/batch.ts), one line per agency.
 */
import { RULES, type CheckerJson } from '../../domain/report/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { agencyLevels } from '../../domain/agencies/hierarchy.ts';
import { permissions } from '../../domain/access/policy.ts';
import type { AnnualReport } from '../../domain/report/index.ts';
import { renderReportHtml } from '../../exports/report/html.ts';
import { batchWorkbook, checkBytes, countOf, type BatchEntry } from '../../exports/report/batch.ts';
import type { Agency } from '../../storage/schema.ts';
import { listAllAgencies } from '../../services/agencies.ts';
import { AppError } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { agencyIdsInReach, scopeFor } from '../../services/policy.ts';
import { subordinateStatusLabels, type SubordinateCheckView, type SubordinateLine, type SubordinateStatus } from './contract.ts';

export interface SubordinateCheck extends SubordinateCheckView {
  /** For the workbook; not sent as JSON. */
  entries: BatchEntry[];
}

/** The agencies below `agencyId`, depth first, each level in id order, with their depth. */
function below(agencyId: number, all: readonly Agency[]): { agency: Agency; depth: number }[] {
  const children = new Map<number, Agency[]>();
  for (const a of all) if (a.parent_id !== null) children.set(a.parent_id, [...(children.get(a.parent_id) ?? []), a]);
  const out: { agency: Agency; depth: number }[] = [];
  const seen = new Set<number>([agencyId]);
  const walk = (id: number, depth: number): void => {
    for (const child of (children.get(id) ?? []).sort((a, b) => a.id - b.id)) {
      if (seen.has(child.id)) continue; // a cycle in stored data still ends
      seen.add(child.id);
      out.push({ agency: child, depth });
      walk(child.id, depth + 1);
    }
  };
  walk(agencyId, 1);
  return out;
}

/**
 * The subordinates the actor may review: those where its roles (from a 本机关及下级 grant above,
 * or its own there) allow it. Those out of reach are counted, not named.
 */
async function subordinatesInReach(deps: ServiceDeps, actor: Actor, agencyId: number) {
  await scopeFor(deps.db, actor, agencyId, 'reports.reviewSubordinates');
  const all = await listAllAgencies(deps.db);
  const subs = below(agencyId, all);
  if (actor.kind === 'system') return { all, subs, outOfReach: 0 };
  const reach = new Set<number>();
  for (const role of permissions['reports.reviewSubordinates']) for (const id of await agencyIdsInReach(deps.db, actor.userId, role)) reach.add(id);
  const allowed = subs.filter((s) => reach.has(s.agency.id));
  return { all, subs: allowed, outOfReach: subs.length - allowed.length };
}

/** The report as the portal publishes it (HTML with its 落款 date), read back like any published page. */
async function checkPublished(report: AnnualReport, publishedAt: string | null, label: string, name: string, year: number): Promise<BatchEntry> {
  const html = renderReportHtml(report, publishedAt ? { date: chinaDate(publishedAt) } : {});
  return checkBytes(Buffer.from(html, 'utf8'), `${name}${year}年政府信息公开工作年度报告.html`, label);
}

function lineOf(sub: { agency: Agency; depth: number }, byId: Map<number, Agency>, base: Omit<SubordinateLine, 'agencyId' | 'code' | 'name' | 'levelLabel' | 'depth' | 'parentName' | 'statusLabel' | 'errors' | 'warnings' | 'readAgency' | 'readYear' | 'findings' | 'message'>, entry: BatchEntry | null, message: string | null): SubordinateLine {
  const json: CheckerJson | null = entry?.ok ? entry.json : null;
  return {
    agencyId: sub.agency.id,
    code: sub.agency.code,
    name: sub.agency.name,
    levelLabel: agencyLevels[sub.agency.level],
    depth: sub.depth,
    parentName: sub.agency.parent_id !== null ? (byId.get(sub.agency.parent_id)?.name ?? null) : null,
    ...base,
    statusLabel: subordinateStatusLabels[base.status],
    errors: json ? countOf(json, 'error') : null,
    warnings: json ? countOf(json, 'warning') : null,
    message: entry && !entry.ok ? entry.message : message,
    readAgency: json?.agency ?? null,
    readYear: json?.year ?? null,
    findings: (json?.findings ?? []).map((f) => ({ rule: f.rule, ruleTitle: RULES[f.rule].title, severity: f.severity, message: f.message, location: f.location.text })),
  };
}

/** A review in progress: who is below, what is published, and the uploads checked so far. */
export interface SubordinateReview {
  readonly agencyId: number;
  readonly year: number;
  readonly all: Map<number, Agency>;
  readonly subs: { agency: Agency; depth: number }[];
  readonly published: Map<number, { snapshot_json: string | null; published_at: string | null }>;
  readonly uploaded: Map<number, { fileName: string; entry: BatchEntry }>;
  readonly outOfReach: number;
}

/** Resolves the actor's reach and the year's published reports; nothing is checked yet. */
export async function startSubordinateReview(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<SubordinateReview> {
  const { all, subs, outOfReach } = await subordinatesInReach(deps, actor, agencyId);
  const ids = subs.map((s) => s.agency.id);
  const rows = ids.length
    ? await deps.db.selectFrom('annual_reports').select(['agency_id', 'snapshot_json', 'published_at']).where('agency_id', 'in', ids).where('year', '=', year).where('status', '=', 'published').execute()
    : [];
  return { agencyId, year, all: new Map(all.map((a) => [a.id, a])), subs, published: new Map(rows.filter((r) => r.snapshot_json).map((r) => [r.agency_id, r])), uploaded: new Map(), outOfReach };
}

/**
 * Refuses, before the file is read, an upload for an agency that is no subordinate in reach, one
 * whose report is published here (the published one is what counts), or a second file for one.
 */
export function acceptUpload(review: SubordinateReview, agencyId: number, fileName: string): void {
  if (!review.subs.some((s) => s.agency.id === agencyId)) throw new AppError('NOT_A_SUBORDINATE', `文件“${fileName}”对应的机关（编号 ${agencyId}）不是本机关可检查的下级机关`, 400);
  const name = review.all.get(agencyId)?.name ?? '';
  if (review.published.has(agencyId)) throw new AppError('REPORT_ALREADY_PUBLISHED', `${name}的${review.year}年度报告已在本平台发布，检查以发布的报告为准，无需上传`, 409);
  if (review.uploaded.has(agencyId)) throw new AppError('DUPLICATE_UPLOAD', `为${name}上传了不止一个文件，每个机关只能上传一个`, 400);
}

/** Checks one accepted upload at once, so only its result is kept, not the file. */
export async function checkUpload(review: SubordinateReview, agencyId: number, fileName: string, data: Uint8Array): Promise<void> {
  acceptUpload(review, agencyId, fileName);
  const name = review.all.get(agencyId)?.name ?? '';
  review.uploaded.set(agencyId, { fileName, entry: await checkBytes(data, fileName, `${name}（上传：${fileName}）`) });
}

/** Checks the published reports and gives one line per subordinate, in tree order. */
export async function finishSubordinateReview(review: SubordinateReview): Promise<SubordinateCheck> {
  const { all: byId, year } = review;
  const lines: SubordinateLine[] = [];
  const entries: BatchEntry[] = [];
  for (const sub of review.subs) {
    const { name } = sub.agency;
    const row = review.published.get(sub.agency.id);
    const upload = review.uploaded.get(sub.agency.id);
    if (row) {
      const entry = await checkPublished(JSON.parse(row.snapshot_json!) as AnnualReport, row.published_at, `${name}（已发布）`, name, year);
      entries.push(entry);
      lines.push(lineOf(sub, byId, { status: 'published', publishedAt: row.published_at, fileName: null }, entry, null));
    } else if (upload) {
      entries.push(upload.entry);
      lines.push(lineOf(sub, byId, { status: 'uploaded', publishedAt: null, fileName: upload.fileName }, upload.entry, null));
    } else {
      const message = `${year}年度报告未在本平台发布，也未上传`;
      entries.push({ file: name, ok: false, message, note: '未发布' });
      lines.push(lineOf(sub, byId, { status: 'unpublished', publishedAt: null, fileName: null }, null, message));
    }
  }
  const count = (s: SubordinateStatus) => lines.filter((l) => l.status === s).length;
  return {
    agencyId: review.agencyId,
    agencyName: byId.get(review.agencyId)?.name ?? '',
    year,
    lines,
    summary: {
      agencies: lines.length,
      published: count('published'),
      uploaded: count('uploaded'),
      unpublished: count('unpublished'),
      withErrors: lines.filter((l) => (l.errors ?? 0) > 0).length,
      unreadable: lines.filter((l) => l.status !== 'unpublished' && l.errors === null).length,
    },
    outOfReach: review.outOfReach,
    entries,
  };
}

/** The published reports only (no uploads). */
export async function checkSubordinateReports(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<SubordinateCheck> {
  return finishSubordinateReview(await startSubordinateReview(deps, actor, agencyId, year));
}

/** The review as an XLSX: the same workbook as the CLI's batch check, one "file" per subordinate. */
export async function subordinateWorkbook(check: SubordinateCheck): Promise<{ body: Buffer; fileName: string }> {
  const body = await batchWorkbook(check.entries, { fileHeader: '下级机关' });
  return { body, fileName: `${check.agencyName}下级机关${check.year}年度报告检查.xlsx` };
}
