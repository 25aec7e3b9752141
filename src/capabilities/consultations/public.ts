/**
 * The portal's reads of 意见征集: published consultations (open and ended), one consultation with
 * its shown comments and, once published, its 意见采纳情况; the site search's pages; the
 * consultation a catalogue document came from. Only consultations put on the portal are read here,
 * commenters' names are masked and their phones never leave.
 */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { acceptsComments, articlesOf, consultationKind, draftKindLabels, feedbackTable, type DraftKind } from '../../domain/consultations/index.ts';
import { maskWriterName } from '../../domain/messages/index.ts';
import { replay } from '../../domain/workflow/engine.ts';
import type { ServiceDeps } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { publicIntakeScope } from '../../services/policy.ts';
import { commentRows, eventsOf, publishedConsultationRows } from './sql.ts';
import type { ConsultationRow } from './tables.ts';
import type { PublicConsultation } from './contract.ts';

export interface PublicConsultationItem {
  id: number;
  title: string;
  kindLabel: string;
  startDate: string;
  endDate: string;
  open: boolean;
  feedbackPublished: boolean;
}

const agencyName = async (deps: ServiceDeps, agencyId: number) => (await deps.db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow()).name;

/** The agency's consultations on the portal: open ones (taking comments today) and ended ones. */
export async function publicConsultations(deps: ServiceDeps, agencyId: number): Promise<{ open: PublicConsultationItem[]; ended: PublicConsultationItem[] }> {
  const scope = await publicIntakeScope(deps.db, agencyId);
  const today = chinaDate(deps.now());
  const items = (await publishedConsultationRows(deps.db, scope)).map((r) => ({
    id: r.id,
    title: r.title,
    kindLabel: draftKindLabels[r.kind as DraftKind],
    startDate: r.start_date,
    endDate: r.end_date,
    open: r.phase === 'open' && r.start_date <= today && today <= r.end_date,
    feedbackPublished: r.phase === 'feedbackPublished',
  }));
  return { open: items.filter((i) => i.open), ended: items.filter((i) => !i.open) };
}

async function documentLink(deps: ServiceDeps, row: ConsultationRow, code: string): Promise<PublicConsultation['document']> {
  if (!row.document_id) return null;
  const doc = await deps.db.selectFrom('documents').select(['id', 'title', 'status']).where('id', '=', row.document_id).executeTakeFirst();
  // Only a published document has a portal page.
  return doc && doc.status === 'published' ? { id: doc.id, title: doc.title, path: `/org/${code}/documents/${doc.id}` } : null;
}

/** One consultation as the portal shows it, or null when it is not on the portal. */
export async function publicConsultation(deps: ServiceDeps, agency: { id: number; code: string }, id: number): Promise<PublicConsultation | null> {
  const scope = await publicIntakeScope(deps.db, agency.id);
  const row = (await publishedConsultationRows(deps.db, scope, id))[0];
  if (!row) return null;
  const events = eventsOf(await deps.db.selectFrom('consultation_events').selectAll().where('consultation_id', '=', id).orderBy('seq').execute());
  const replayed = replay(consultationKind(await loadCalendar(deps.db)), events);
  if (!replayed.ok || !replayed.value.openedDate) return null;
  const s = replayed.value;
  const comments = await commentRows(deps.db, scope, id);
  // Checked on the fold, not the projection alone: only moderated-in comments, only published feedback.
  const shown = comments.filter((c) => s.comments.some((x) => x.id === c.id && x.status === 'shown'));
  return {
    id: row.id,
    title: row.title,
    kindLabel: draftKindLabels[s.kind],
    agency: await agencyName(deps, agency.id),
    startDate: s.startDate,
    endDate: s.endDate,
    openedDate: s.openedDate!,
    draftText: row.draft_text,
    explanation: row.explanation,
    shortPeriodReason: s.shortPeriodReason,
    contact: row.contact,
    articles: articlesOf(row.draft_text),
    acceptsComments: acceptsComments(s, chinaDate(deps.now())),
    comments: shown.map((c) => ({ article: c.article, body: c.body, name: maskWriterName(c.name), receivedDate: c.received_date })),
    feedback: s.phase === 'feedbackPublished' ? feedbackTable(comments.map((c) => ({ id: c.id, name: c.name, article: c.article, body: c.body })), s.feedback) : null,
    feedbackPublishedDate: s.feedbackPublishedDate,
    document: await documentLink(deps, row, agency.code),
  };
}

/** The consultation a published catalogue document came from (for the document's portal page), or null. */
export async function consultationOfDocument(deps: ServiceDeps, agencyId: number, documentId: number): Promise<{ id: number; title: string } | null> {
  const row = await deps.db.selectFrom('consultations').select(['id', 'title']).where('agency_id', '=', agencyId).where('document_id', '=', documentId).where('phase', '!=', 'prepared').orderBy('id', 'desc').executeTakeFirst();
  return row ?? null;
}

/** Consultations on the portal as the site search's pages (portal-page-search.ts); none for a closed agency. */
export async function consultationSearchPages(deps: ServiceDeps, agencyId: number): Promise<{ path: string; kindLabel: string; title: string; text: string; year: number }[]> {
  const agency = await deps.db.selectFrom('agencies').select('closed_at').where('id', '=', agencyId).executeTakeFirst();
  if (!agency || agency.closed_at) return [];
  const rows = await publishedConsultationRows(deps.db, await publicIntakeScope(deps.db, agencyId));
  return rows.map((r) => ({ path: `/open/interaction/consultations/${r.id}`, kindLabel: '意见征集', title: r.title, text: `${r.explanation}\n${r.draft_text}`, year: Number(r.start_date.slice(0, 4)) }));
}
