/** The website annual report's reads: the facts counted from the records, the report, the section 一 draft. */
import { chinaDate, chinaDateTime } from '../../domain/calendar/china-time.ts';
import { earliestPublication } from '../../domain/report/index.ts';
import { checkWebsiteReport, computeWebsiteReport, websiteReportDeadline, type WebsiteReport, type WebsiteReportFacts } from '../../domain/website-report/form.ts';
import { overviewDraft, type OverviewFacts } from '../../domain/website-report/overview.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { getAgency } from '../../services/agencies.ts';
import { scopeFor, type AgencyScope } from '../../services/policy.ts';
import { getSiteSettings } from '../agencies/site-settings.ts';
import { messageStatisticsOf } from '../messages/public.ts';
import { trainingRows } from '../records/sql.ts';
import { contactsOf } from '../reports/queries.ts';
import { reportStatusLabels, type ReportStatus } from '../reports/contract.ts';
import { channelPosts, columnTree, interactionCounts, publishedInYear, publishedReplyCount, websiteReportRow } from './sql.ts';
import type { OverviewDraftView, WebsiteReportView } from './contract.ts';

type ColumnKind = 'overview' | 'news' | 'catalogue' | 'other';

/** The form's kind of a top-level column: 概况类 is Art. 20 item 2, the other items the 目录. */
function columnKind(code: string, name: string): ColumnKind {
  if (code === 'art20-02') return 'overview';
  if (code.startsWith('art20-')) return 'catalogue';
  return /动态|要闻|新闻/.test(name) ? 'news' : 'other';
}

/** The year's published documents and 解读, each document under its top-level column. */
async function documentsOfYear(tx: Tx, scope: AgencyScope, year: number) {
  const tree = await columnTree(tx, scope);
  const byId = new Map(tree.map((c) => [c.id, c]));
  const top = (id: number | null) => {
    let c = id === null ? undefined : byId.get(id);
    while (c?.parentId != null && byId.has(c.parentId)) c = byId.get(c.parentId);
    return c;
  };
  const rows = await publishedInYear(tx, scope, year);
  const documents = rows.filter((r) => r.interprets_id === null).map((r) => ({ column: top(r.category_id), reads: r.view_count }));
  const interpretations = rows.filter((r) => r.interprets_id !== null);
  // Columns in the catalogue's order, then documents filed under none.
  const columns = tree.filter((c) => c.parentId === null || !byId.has(c.parentId)).map((c) => ({ name: c.name, count: documents.filter((d) => d.column === c).length }));
  const unfiled = documents.filter((d) => !d.column).length;
  if (unfiled) columns.push({ name: '未分栏目', count: unfiled });
  return { documents, interpretations, columns };
}

export async function websiteReportFacts(deps: ServiceDeps, scope: AgencyScope, year: number): Promise<WebsiteReportFacts> {
  const agency = await getAgency(deps.db, scope.agencyId);
  const contacts = await contactsOf(deps.db, scope);
  const site = await getSiteSettings(deps.db, scope);
  const { documents, interpretations } = await documentsOfYear(deps.db, scope, year);
  const kinds = documents.map((d) => (d.column ? columnKind(d.column.code, d.column.name) : 'other'));
  const count = (k: ColumnKind) => kinds.filter((x) => x === k).length;
  const stats = (await messageStatisticsOf(deps, scope.agencyId, year)).year;
  const posts = await channelPosts(deps.db, scope, year);
  const interaction = await interactionCounts(deps.db, scope, year, chinaDateTime(deps.now()));
  return {
    agencyName: agency.full_name?.trim() || agency.name,
    year,
    identity: { websiteName: contacts.websiteName, homeUrl: contacts.websiteUrl, sponsor: site.sponsor ?? '', siteCode: site.siteCode ?? '', icp: site.icp ?? '', policeRecord: site.policeRecord ?? '' },
    published: { total: documents.length, overview: count('overview'), news: count('news'), catalogue: count('catalogue'), other: count('other') },
    interpretations: { total: interpretations.length, materials: interpretations.filter((i) => i.interpretation_form === 'text').length, products: interpretations.filter((i) => i.interpretation_form !== 'text').length },
    messages: { received: stats.received, replied: stats.replied, averageWorkingDays: stats.averageWorkingDays, publishedReplies: await publishedReplyCount(deps.db, scope, year) },
    channels: { wechat: posts.wechat ?? 0 },
    consultations: interaction.surveys,
    interviews: interaction.interviews,
  };
}

export async function websiteReportView(deps: ServiceDeps, scope: AgencyScope, year: number): Promise<WebsiteReportView> {
  const row = await websiteReportRow(deps.db, scope, year);
  const status = (row?.status ?? 'draft') as ReportStatus;
  const report: WebsiteReport = status === 'published' && row?.snapshot_json ? (JSON.parse(row.snapshot_json) as WebsiteReport) : computeWebsiteReport(await websiteReportFacts(deps, scope, year));
  const findings = checkWebsiteReport(report);
  const deadline = websiteReportDeadline(year);
  return {
    agencyId: scope.agencyId,
    year,
    status,
    statusLabel: reportStatusLabels[status],
    report,
    findings,
    canPublish: !findings.some((f) => f.severity === 'error'),
    deadline: { date: deadline, overdue: status !== 'published' && chinaDate(deps.now()) > deadline },
    publishableFrom: earliestPublication(year),
    publishedAt: row?.published_at ?? null,
  };
}

export async function getWebsiteReport(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<WebsiteReportView> {
  return websiteReportView(deps, await scopeFor(deps.db, actor, agencyId), year);
}

/** The section 一 draft, written from the year's records (staff edit it before saving it as the report's text). */
export async function getOverviewDraft(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<OverviewDraftView> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const agency = await getAgency(deps.db, scope.agencyId);
  const { documents, interpretations, columns } = await documentsOfYear(deps.db, scope, year);
  const trainings = await trainingRows(deps.db, scope, year);
  const stats = (await messageStatisticsOf(deps, scope.agencyId, year)).year;
  const posts = await channelPosts(deps.db, scope, year);
  const interaction = await interactionCounts(deps.db, scope, year, chinaDateTime(deps.now()));
  const facts: OverviewFacts = {
    agencyName: agency.name,
    year,
    columns,
    website: documents.length,
    wechat: posts.wechat ?? 0,
    board: posts.board ?? 0,
    reads: documents.reduce((sum, d) => sum + d.reads, 0),
    interpretations: interpretations.length,
    trainings: { sessions: trainings.length, attendances: trainings.reduce((sum, t) => sum + t.attendee_count, 0) },
    messages: { received: stats.received, replied: stats.replied },
    meetings: interaction.meetings,
    consultations: interaction.consultationsOpened,
  };
  return { agencyId: scope.agencyId, year, ...overviewDraft(facts) };
}
