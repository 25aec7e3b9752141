/** The documents capability's reads for the workspace: lists, the detail with its buttons, columns. */
import { compareIsoDates, type IsoDate } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { proactivePublicationDue } from '../../domain/deadlines/index.ts';
import { documentActions, statusLabels, validityLabels, type DocumentStatus, type Validity } from '../../domain/documents/catalogue.ts';
import type { DocumentRow } from '../../storage/schema.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { getSelfReview } from '../agencies/queries.ts';
import { scopeFor, type AgencyScope } from '../../services/policy.ts';
import { agencyOfDocument, attachmentsOf, categoryCodeOf, categoryRows, documentPage, documentRow, scanFindings, unresolvedHitCounts } from './sql.ts';
import { documentFieldLabels, type DocumentDetail, type DocumentListFilters, type DocumentSummary, type ReviewChecklist } from './contract.ts';
import { interpretationGaps, type InterpretationForm } from '../../domain/documents/interpretation.ts';
import { hasImageAttachment, lackingInterpretation } from './interpretation-sql.ts';
import { interpretationDetail } from './interpretation-queries.ts';

/** The agency's catalogue columns (read only: agencies get their Art. 20 columns when created). */
export async function listCategories(deps: ServiceDeps, actor: Actor, agencyId: number) {
  return categoryRows(deps.db, await scopeFor(deps.db, actor, agencyId));
}

async function summarise(tx: Tx, scope: AgencyScope, rows: DocumentRow[], today: IsoDate): Promise<DocumentSummary[]> {
  if (rows.length === 0) return [];
  const calendar = await loadCalendar(tx);
  const hitCount = await unresolvedHitCounts(tx, scope, rows.map((r) => r.id));
  const lacking = await lackingInterpretation(tx, scope, rows.map((r) => r.id));
  return rows.map((r) => {
    const due = r.formed_at ? (proactivePublicationDue(r.formed_at, calendar).date ?? null) : null;
    const publishedDay = r.published_at ? chinaDate(new Date(r.published_at)) : null;
    return {
      id: r.id,
      indexNo: r.index_no,
      title: r.title,
      issuer: r.issuer,
      docNo: r.doc_no,
      writtenAt: r.written_at,
      publishedAt: r.published_at,
      status: r.status as DocumentStatus,
      statusLabel: statusLabels[r.status as DocumentStatus] ?? r.status,
      validity: r.validity,
      validityLabel: validityLabels[r.validity as Validity] ?? r.validity,
      docKind: r.doc_kind,
      categoryId: r.category_id,
      needsReview: r.needs_review === 1,
      unresolvedHits: hitCount.get(r.id) ?? 0,
      publicationDue: due,
      publicationOverdue: !!due && compareIsoDates(publishedDay ?? today, due) > 0,
      interpretsId: r.interprets_id,
      lacksInterpretation: lacking.has(r.id),
      version: r.version,
    };
  });
}

export async function listDocuments(deps: ServiceDeps, actor: Actor, agencyId: number, filters: DocumentListFilters): Promise<{ total: number; items: DocumentSummary[] }> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const { total, rows } = await documentPage(deps.db, scope, filters);
  return { total, items: await summarise(deps.db, scope, rows, chinaDate(deps.now())) };
}

export async function getDocument(deps: ServiceDeps, actor: Actor, id: number): Promise<DocumentDetail> {
  const scope = await scopeFor(deps.db, actor, await agencyOfDocument(deps.db, id));
  const row = await documentRow(deps.db, scope, id);
  const [summary] = await summarise(deps.db, scope, [row], chinaDate(deps.now()));
  const facts = await workflowFacts(deps.db, scope, row);
  const more = await interpretationDetail(deps.db, scope, row);
  return {
    ...summary!,
    agencyId: row.agency_id,
    topic: row.topic,
    formedAt: row.formed_at,
    effectiveFrom: row.effective_from,
    invalidFrom: row.invalid_from,
    bodyHtml: row.body_html,
    categoryCode: await categoryCodeOf(deps.db, scope, row.category_id),
    scheduledAt: row.scheduled_at,
    review: row.review_json ? (JSON.parse(row.review_json) as ReviewChecklist) : null,
    withdrawnReason: row.withdrawn_reason,
    viewCount: row.view_count,
    attachments: await attachmentsOf(deps.db, scope, id),
    scanHits: await scanFindings(deps.db, scope, id),
    ...more,
    // The 三同步 gate disables 发布 with its reason, as the server would refuse it.
    actions: documentActions({ status: row.status as DocumentStatus, unresolvedHits: 0, roles: scope.roles, ...facts }).map((a) =>
      a.allowed && (a.action === 'publish' || a.action === 'schedule') && more.interpretationGate.blocked ? { ...a, allowed: false, reason: more.interpretationGate.blocked.message } : a,
    ),
  };
}

/**
 * The workflow's facts beyond status and roles: whether the actor drafted the document, whether its
 * agency allows self-review, and what a published document needs that this one lacks.
 */
export async function workflowFacts(tx: Tx, scope: AgencyScope, row: DocumentRow): Promise<{ isDrafter: boolean; selfReviewAllowed: boolean; missing: string[] }> {
  const missing = [row.category_id === null ? documentFieldLabels.categoryCode : null, row.formed_at === null ? documentFieldLabels.formedAt : null].filter((m) => m !== null);
  if (row.interpretation_form) {
    const form = row.interpretation_form as InterpretationForm;
    const hasImage = form === 'graphic' && (await hasImageAttachment(tx, scope, row.id));
    missing.push(...interpretationGaps({ form, text: row.interpretation_text, mediaUrl: row.interpretation_media_url, hasImage }));
  }
  return { isDrafter: scope.actor.kind === 'user' && row.created_by === scope.actor.userId, selfReviewAllowed: (await getSelfReview(tx, scope)).allowed, missing };
}
