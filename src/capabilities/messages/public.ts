/**
 * The portal's reads of 互动交流: the published replies (list, search, one reply), the statistics,
 * and the replies as the site search's pages. Only messages whose writer agreed and whose approved
 * reply was published are ever read here; the texts are those resolved for publication (masked
 * hits) and the writer's name is masked (张**).
 */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { compareIsoDates, type WorkingCalendar } from '../../domain/calendar/index.ts';
import {
  RATING_WORKING_DAYS,
  maskWriterName,
  maskedForPublication,
  messageKindLabels,
  messageStatistics,
  ratingLabels,
  replayMessage,
  type MessagePeriodStats,
  type MessageStatRecord,
  type Rating,
} from '../../domain/messages/index.ts';
import { matchesAll, parseQuery } from '../../domain/search/index.ts';
import type { MessageRow } from '../../storage/schema-messages.ts';
import type { ServiceDeps, Tx } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { publicIntakeScope, type AgencyScope } from '../../services/policy.ts';
import { eventsOf } from './sql.ts';
import type { PublishedReply } from './contract.ts';

/** Published messages of the agency answering them, newest reply first, each with its events. */
async function publishedRows(tx: Tx, scope: AgencyScope, id?: number): Promise<(MessageRow & { agency: string })[]> {
  let q = tx
    .selectFrom('messages')
    .innerJoin('agencies', 'agencies.id', 'messages.agency_id')
    .selectAll('messages')
    .select('agencies.name as agency')
    .where('messages.agency_id', '=', scope.agencyId)
    .where('messages.published_date', 'is not', null)
    .where('messages.consent_to_publish', '=', 1)
    .orderBy('messages.closed_date', 'desc')
    .orderBy('messages.id', 'desc');
  if (id !== undefined) q = q.where('messages.id', '=', id);
  return q.execute();
}

function publicReply(row: MessageRow & { agency: string }, events: ReturnType<typeof eventsOf>, calendar: WorkingCalendar, today: string): PublishedReply | null {
  const replayed = replayMessage(events, calendar);
  if (!replayed.ok) return null;
  const s = replayed.value;
  // Checked again on the fold: the projection alone never decides what becomes public.
  if (!s.reply || !s.publishedDate || !s.consentToPublish) return null;
  const texts = maskedForPublication({ title: row.title, body: row.body, reply: s.reply.text }, s.publicationResolutions);
  const rating: Rating | null = s.rating?.rating ?? (compareIsoDates(today, calendar.addWorkingDays(s.reply.date, RATING_WORKING_DAYS).date!) > 0 ? 'satisfied' : null);
  return {
    id: row.id,
    title: texts.title,
    kindLabel: messageKindLabels[s.kind],
    writer: maskWriterName(row.writer_name),
    receivedDate: s.receivedDate,
    acceptedDate: s.acceptedDate,
    replyDate: s.reply.date,
    replyAgency: row.agency,
    publishedDate: s.publishedDate,
    body: texts.body,
    reply: texts.reply,
    ratingLabel: rating ? ratingLabels[rating] : null,
  };
}

/** Every published reply of the agency (or the one with `id`), newest first. */
export async function allPublishedReplies(deps: ServiceDeps, agencyId: number, id?: number): Promise<PublishedReply[]> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const rows = await publishedRows(deps.db, scope, id);
  if (rows.length === 0) return [];
  const events = await deps.db.selectFrom('message_events').selectAll().where('message_id', 'in', rows.map((r) => r.id)).orderBy('message_id').orderBy('seq').execute();
  const byMessage = new Map<number, typeof events>();
  for (const e of events) byMessage.set(e.message_id, [...(byMessage.get(e.message_id) ?? []), e]);
  const calendar = await loadCalendar(deps.db);
  const today = chinaDate(deps.now());
  return rows.flatMap((r) => publicReply(r, eventsOf(byMessage.get(r.id) ?? []), calendar, today) ?? []);
}

/** One page of published replies, optionally only those whose texts hold every term of `q`. */
export async function publishedReplies(deps: ServiceDeps, agencyId: number, q: string, page: number, pageSize: number): Promise<{ total: number; items: PublishedReply[] }> {
  const parsed = parseQuery(q.slice(0, 256));
  const all = await allPublishedReplies(deps, agencyId);
  const hits = parsed.terms.length ? all.filter((r) => matchesAll(replyText(r), parsed)) : all;
  return { total: hits.length, items: hits.slice((page - 1) * pageSize, page * pageSize) };
}

export async function publishedReply(deps: ServiceDeps, agencyId: number, id: number): Promise<PublishedReply | null> {
  return (await allPublishedReplies(deps, agencyId, id))[0] ?? null;
}

/** The text the site search matches: title, the writer's message and the reply, as published. */
export const replyText = (r: PublishedReply): string => `${r.title}\n${r.body}\n${r.reply}`;

/** The agency's statistics for a year, counted over its messages (by the agency handling each now). */
export async function messageStatisticsOf(deps: ServiceDeps, agencyId: number, year: number): Promise<{ year: MessagePeriodStats; months: MessagePeriodStats[] }> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const calendar = await loadCalendar(deps.db);
  const today = chinaDate(deps.now());
  const rows = await deps.db
    .selectFrom('messages')
    .select(['received_date', 'phase', 'closed_date', 'replied_on_time', 'rating'])
    .where('agency_id', '=', scope.agencyId)
    .where((eb) => eb.or([eb('received_date', '>=', `${year}-01-01`), eb('closed_date', '>=', `${year}-01-01`)]))
    .where('received_date', '<=', `${year}-12-31`)
    .execute();
  const records: MessageStatRecord[] = rows.map((r) => {
    const replyDate = r.phase === 'replied' ? r.closed_date : null;
    const lapsed = replyDate !== null && compareIsoDates(today, calendar.addWorkingDays(replyDate, RATING_WORKING_DAYS).date!) > 0;
    return {
      receivedDate: r.received_date,
      replyDate,
      repliedOnTime: r.replied_on_time === null ? null : r.replied_on_time === 1,
      effectiveRating: (r.rating as Rating | null) ?? (lapsed ? 'satisfied' : null),
    };
  });
  return messageStatistics(records, calendar, year);
}

/** The years with messages, newest first, for the statistics page's choice of year. */
export async function messageYears(deps: ServiceDeps, agencyId: number): Promise<number[]> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const rows = await deps.db.selectFrom('messages').select('received_date').where('agency_id', '=', scope.agencyId).execute();
  const years = new Set(rows.map((r) => Number(r.received_date.slice(0, 4))));
  years.add(Number(chinaDate(deps.now()).slice(0, 4)));
  return [...years].sort((a, b) => b - a);
}

/** The published replies as the site search's pages (portal-page-search.ts); none for a closed agency. */
export async function replySearchPages(deps: ServiceDeps, agencyId: number): Promise<{ path: string; kindLabel: string; title: string; text: string; year: number }[]> {
  const agency = await deps.db.selectFrom('agencies').select('closed_at').where('id', '=', agencyId).executeTakeFirst();
  if (!agency || agency.closed_at) return [];
  return (await allPublishedReplies(deps, agencyId)).map((r) => ({ path: `/open/interaction/replies/${r.id}`, kindLabel: '留言答复', title: r.title, text: `${r.body}\n${r.reply}`, year: Number(r.replyDate.slice(0, 4)) }));
}
