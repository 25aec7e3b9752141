import { art20Items, validityLabels, type Validity } from '../domain/documents/catalogue.ts';
import { interpretationFormLabels, type InterpretationForm } from '../domain/documents/interpretation.ts';
import { chinaYearRange } from '../domain/calendar/china-time.ts';
import { SEARCH_COUNT_CAP } from '../storage/search-index.ts';
import { runRead } from '../storage/sqlite-readers/ops.ts';
import type { DocumentRow } from '../storage/schema.ts';
import { AppError } from './errors.ts';
import type { ServiceDeps } from './context.ts';
import { TtlCache } from './ttl-cache.ts';
import { clearPageSearchCache, searchAgencyPages, type PageHit } from './portal-page-search.ts';
import type { PublishedDocumentView } from '../views/channels/index.ts';

/** What the public sees of a published document: no workflow state, no reviewer data. */
export interface PublicDocument {
  id: number;
  indexNo: string;
  title: string;
  issuer: string;
  docNo: string | null;
  writtenAt: string | null;
  publishedAt: string;
  topic: string | null;
  category: { code: string; name: string } | null;
  docKindLabel: string | null;
  validity: string;
  validityLabel: string;
  invalidFrom: string | null;
  bodyHtml: string;
  viewCount: number;
  attachments: { id: number; name: string; mime: string; sizeBytes: number }[];
  /** Set on a 政策解读: its form, its text alternative or 文字稿, and the policy it interprets. */
  interpretation: { form: string; formLabel: string; text: string | null; mediaUrl: string | null; policy: { id: number; title: string } | null } | null;
  /** The published 解读 of this document. */
  interpretations: { id: number; title: string; formLabel: string }[];
  version: number;
  /** The withdrawn version this one revises (its page keeps the 撤回 note). */
  previousVersion: { id: number; version: number } | null;
}

/** A withdrawn version that was revised: the portal keeps its 撤回 note and links the current version. */
export interface EarlierVersion {
  id: number;
  indexNo: string;
  title: string;
  docNo: string | null;
  version: number;
  publishedAt: string | null;
  withdrawnAt: string;
  withdrawnReason: string;
  current: { id: number; title: string; version: number } | null;
}

export interface PublicListItem {
  id: number;
  title: string;
  publishedAt: string;
  indexNo: string;
  docNo: string | null;
  validityLabel: string;
}

export interface CatalogueFilters {
  agencyId: number;
  category?: string | undefined;
  year?: number | undefined;
  validity?: string | undefined;
  page: number;
  pageSize: number;
}

const PUBLIC_CACHE_MS = 5000;
const categoryCache = new WeakMap<ServiceDeps, TtlCache<number, CategoryRow[]>>();
const documentCache = new WeakMap<ServiceDeps, TtlCache<string, Omit<PublicDocument, 'viewCount'> & { storedViews: number } | null>>();
/** Search and catalogue pages of published documents: popular queries repeat, and each miss is a trip to a read worker. */
const resultCache = new WeakMap<ServiceDeps, TtlCache<string, unknown>>();
type CategoryRow = { id: number; code: string; name: string; parent_id: number | null; art20_item: number | null };

function cacheFor<K, V>(map: WeakMap<ServiceDeps, TtlCache<K, V>>, deps: ServiceDeps): TtlCache<K, V> {
  let cache = map.get(deps);
  if (!cache) map.set(deps, (cache = new TtlCache<K, V>(PUBLIC_CACHE_MS)));
  return cache;
}

/** Drops this process's cached public copies after a change (publish, withdraw, edit). */
export function invalidatePublicCaches(deps: ServiceDeps): void {
  categoryCache.get(deps)?.clear();
  documentCache.get(deps)?.clear();
  resultCache.get(deps)?.clear();
  clearPageSearchCache(deps);
}

/** A read of public results through the 5-second cache; the same object comes back while it holds, so a view may key its rendering on it. */
function cachedResult<T>(deps: ServiceDeps, kind: string, input: object, load: () => Promise<T>): Promise<T> {
  return cacheFor(resultCache, deps).get(`${kind}:${JSON.stringify(input)}`, load) as Promise<T>;
}

export async function publicCategories(deps: ServiceDeps, agencyId: number): Promise<CategoryRow[]> {
  return cacheFor(categoryCache, deps).get(agencyId, async () => {
    return deps.db.selectFrom('document_categories').select(['id', 'code', 'name', 'parent_id', 'art20_item']).where('agency_id', '=', agencyId).orderBy('sort').orderBy('id').execute();
  });
}

/** The 公开目录: published documents newest first, with filters (on a read worker, where there are any). */
export async function listPublished(deps: ServiceDeps, f: CatalogueFilters): Promise<{ total: number; items: PublicListItem[] }> {
  let categoryIds: number[] | undefined;
  if (f.category) {
    const cats = await publicCategories(deps, f.agencyId);
    const root = cats.find((c) => c.code === f.category);
    if (!root) return { total: 0, items: [] };
    categoryIds = cats.filter((c) => c.id === root.id || c.parent_id === root.id).map((c) => c.id);
  }
  const range = f.year ? chinaYearRange(f.year) : undefined;
  const input = { agencyId: f.agencyId, categoryIds, from: range?.from, to: range?.to, validity: f.validity, page: f.page, pageSize: f.pageSize };
  return cachedResult(deps, 'catalogue', input, async () => {
    const { total, rows } = await runRead(deps, 'catalogue', input);
    return {
      total,
      items: rows.map((r) => ({ id: r.id, title: r.title, publishedAt: r.published_at!, indexNo: r.index_no, docNo: r.doc_no, validityLabel: validityLabels[r.validity as Validity] ?? r.validity })),
    };
  });
}

/**
 * View counts are buffered in memory and written in batches (flushViewCounts, called by the
 * server every few seconds), so reading a document page costs no write.
 */
const pendingViews = new WeakMap<ServiceDeps, Map<number, number>>();

export async function flushViewCounts(deps: ServiceDeps): Promise<void> {
  const pending = pendingViews.get(deps);
  if (!pending || pending.size === 0) return;
  const batch = [...pending];
  pending.clear();
  documentCache.get(deps)?.clear(); // cached rows would otherwise show the counts from before the flush
  await deps.db.transaction().execute(async (tx) => {
    for (const [id, n] of batch) await tx.updateTable('documents').set((eb) => ({ view_count: eb('view_count', '+', n) })).where('id', '=', id).execute();
  });
}

/** One published document; counts the view. Withdrawn and unpublished documents are not found. */
export async function getPublished(deps: ServiceDeps, agencyId: number, id: number, countView: boolean): Promise<PublicDocument | null> {
  const stored = await cacheFor(documentCache, deps).get(`${agencyId}:${id}`, () => loadPublished(deps, agencyId, id));
  if (!stored) return null;
  let pending = pendingViews.get(deps);
  if (!pending) pendingViews.set(deps, (pending = new Map()));
  if (countView) pending.set(id, (pending.get(id) ?? 0) + 1);
  const { storedViews, ...doc } = stored;
  return { ...doc, viewCount: storedViews + (pending.get(id) ?? 0) };
}

async function loadPublished(deps: ServiceDeps, agencyId: number, id: number) {
  const row: DocumentRow | undefined = await deps.db.selectFrom('documents').selectAll().where('id', '=', id).where('agency_id', '=', agencyId).where('status', '=', 'published').executeTakeFirst();
  if (!row) return null;
  const category = row.category_id ? await deps.db.selectFrom('document_categories').select(['code', 'name']).where('id', '=', row.category_id).executeTakeFirst() : undefined;
  const attachments = await deps.db.selectFrom('document_attachments').select(['id', 'name', 'mime', 'size_bytes as sizeBytes']).where('document_id', '=', id).orderBy('id').execute();
  return {
    id: row.id,
    indexNo: row.index_no,
    title: row.title,
    issuer: row.issuer,
    docNo: row.doc_no,
    writtenAt: row.written_at,
    publishedAt: row.published_at!,
    topic: row.topic,
    category: category ?? null,
    docKindLabel: row.doc_kind === 'rule' ? '规章' : row.doc_kind === 'normative' ? '行政规范性文件' : null,
    validity: row.validity,
    validityLabel: validityLabels[row.validity as Validity] ?? row.validity,
    invalidFrom: row.invalid_from,
    bodyHtml: row.body_html,
    storedViews: row.view_count,
    attachments,
    ...(await publicLinks(deps, row)),
  };
}

/** The 解读 ⇄ policy links and the earlier version of a published document, as the public may see them. */
async function publicLinks(deps: ServiceDeps, row: DocumentRow): Promise<Pick<PublicDocument, 'interpretation' | 'interpretations' | 'version' | 'previousVersion'>> {
  const base = () => deps.db.selectFrom('documents').where('agency_id', '=', row.agency_id);
  const policy = row.interprets_id === null ? undefined : await base().select(['id', 'title']).where('id', '=', row.interprets_id).where('status', '=', 'published').executeTakeFirst();
  const form = row.interpretation_form as InterpretationForm | null;
  const interpretations = await base().select(['id', 'title', 'interpretation_form']).where('interprets_id', '=', row.id).where('status', '=', 'published').orderBy('published_at').orderBy('id').execute();
  const previous = row.revises_id === null ? undefined : await base().select(['id', 'version']).where('id', '=', row.revises_id).where('status', '=', 'withdrawn').executeTakeFirst();
  return {
    interpretation: form ? { form, formLabel: interpretationFormLabels[form], text: row.interpretation_text, mediaUrl: row.interpretation_media_url, policy: policy ?? null } : null,
    interpretations: interpretations.map((i) => ({ id: i.id, title: i.title, formLabel: interpretationFormLabels[i.interpretation_form as InterpretationForm] ?? '解读' })),
    version: row.version,
    previousVersion: previous ?? null,
  };
}

/**
 * A withdrawn document that was revised as a new version: its 撤回 note, never its body (a
 * withdrawal may be for what the body said), and the newest published version of its line.
 * Withdrawn documents without a revision stay not found.
 */
export async function earlierVersion(deps: ServiceDeps, agencyId: number, id: number): Promise<EarlierVersion | null> {
  const docs = () => deps.db.selectFrom('documents').where('agency_id', '=', agencyId);
  const row = await docs().select(['id', 'index_no', 'title', 'doc_no', 'version', 'published_at', 'updated_at', 'withdrawn_reason']).where('id', '=', id).where('status', '=', 'withdrawn').executeTakeFirst();
  if (!row) return null;
  let current: EarlierVersion['current'] = null;
  let at = row.id;
  for (let step = 0; step < 50; step++) {
    const next = await docs().select(['id', 'title', 'version', 'status']).where('revises_id', '=', at).executeTakeFirst();
    if (!next) break;
    if (next.status === 'published') current = { id: next.id, title: next.title, version: next.version };
    at = next.id;
  }
  if (at === row.id) return null;
  return {
    id: row.id,
    indexNo: row.index_no,
    title: row.title,
    docNo: row.doc_no,
    version: row.version,
    publishedAt: row.published_at,
    // A withdrawn document is never edited again, so its last change is the withdrawal.
    withdrawnAt: row.updated_at,
    withdrawnReason: row.withdrawn_reason ?? '',
    current,
  };
}

/** An attachment of a published document, for download. */
export async function publishedAttachment(deps: ServiceDeps, agencyId: number, documentId: number, attachmentId: number) {
  const row = await deps.db
    .selectFrom('document_attachments')
    .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
    .select(['document_attachments.name', 'document_attachments.mime', 'document_attachments.storage_key'])
    .where('document_attachments.id', '=', attachmentId)
    .where('documents.id', '=', documentId)
    .where('documents.agency_id', '=', agencyId)
    .where('documents.status', '=', 'published')
    .executeTakeFirst();
  if (!row) return null;
  return { name: row.name, mime: row.mime, data: await deps.files.get(row.storage_key) };
}

export interface SearchQuery {
  q: string;
  agencyId?: number | undefined;
  /** This agency and every agency below it (one index token, decision 027). */
  subtreeOf?: number | undefined;
  category?: string | undefined;
  year?: number | undefined;
  validity?: string | undefined;
  page: number;
  pageSize: number;
}

/** The portal's one search box (and GET /api/v1/search), on a read worker where there are any. */
export async function searchPublished(deps: ServiceDeps, query: SearchQuery) {
  if (query.q.length > 256) throw new AppError('QUERY_TOO_LONG', '搜索词过长，请控制在 256 个字符以内');
  if (query.page * query.pageSize > 10_000) throw new AppError('PAGE_TOO_DEEP', '结果页码过大，请缩小搜索范围');
  const input = {
    q: query.q,
    agencyId: query.agencyId,
    subtreeOf: query.subtreeOf,
    category: query.category,
    year: query.year,
    validity: query.validity,
    page: query.page,
    pageSize: query.pageSize,
    // Counted up to 10,000 on both databases and shown as "10,000+" beyond: an exact count of a
    // very frequent term costs ~10x the page itself (docs/performance.md).
    countCap: SEARCH_COUNT_CAP,
  };
  // The agency's reports and 公开指南 come first on page 1 of an agency's search without document-only filters.
  const withPages = query.agencyId !== undefined && query.page === 1 && !query.category && !query.validity;
  return cachedResult(deps, 'search', input, async () => {
    const [documents, pages] = await Promise.all([
      runRead(deps, 'search', input),
      withPages ? searchAgencyPages(deps, query.agencyId!, query.q, query.year) : Promise.resolve([] as PageHit[]),
    ]);
    return { ...documents, pages };
  });
}

/** 法定主动公开内容: the Art. 20 items, each with its latest documents. */
export async function statutoryOverview(deps: ServiceDeps, agencyId: number) {
  const cats = await publicCategories(deps, agencyId);
  const out = [];
  for (const item of art20Items) {
    const cat = cats.find((c) => c.code === item.code);
    const latest = cat ? await listPublished(deps, { agencyId, category: item.code, page: 1, pageSize: 5 }) : { total: 0, items: [] };
    out.push({ item: item.item, code: item.code, name: item.name, total: latest.total, items: latest.items });
  }
  return out;
}

export async function getPortalPage(deps: ServiceDeps, agencyId: number, slug: 'guide' | 'rules') {
  return deps.db.selectFrom('portal_pages').selectAll().where('agency_id', '=', agencyId).where('slug', '=', slug).executeTakeFirst();
}

/** A published document as the channel renderers (WeChat, notice board, feeds) take it. */
export function toChannelView(agency: { code: string; name: string }, doc: PublicDocument, siteUrl: string): PublishedDocumentView {
  const base = `${siteUrl}/org/${encodeURIComponent(agency.code)}`;
  return {
    indexNo: doc.indexNo,
    title: doc.title,
    issuer: doc.issuer,
    docNo: doc.docNo,
    writtenAt: doc.writtenAt,
    publishedAt: doc.publishedAt,
    topic: doc.topic,
    category: doc.category?.name ?? '',
    validity: doc.validity as PublishedDocumentView['validity'],
    agency: { code: agency.code, name: agency.name },
    url: `${base}/documents/${doc.id}`,
    bodyHtml: doc.bodyHtml,
    attachments: doc.attachments.map((a) => ({ name: a.name, url: `${base}/documents/${doc.id}/attachments/${a.id}`, sizeBytes: a.sizeBytes, mime: a.mime })),
  };
}

/** The newest published documents of an agency, for its feeds. */
export async function latestPublished(deps: ServiceDeps, agencyId: number, limit: number): Promise<PublicDocument[]> {
  const rows = await deps.db.selectFrom('documents').select('id').where('agency_id', '=', agencyId).where('status', '=', 'published').orderBy('published_at', 'desc').limit(limit).execute();
  const docs: PublicDocument[] = [];
  for (const { id } of rows) {
    const doc = await getPublished(deps, agencyId, id, false);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** Every public URL worth indexing: agencies' pages and their published documents. */
export async function sitemapEntries(deps: ServiceDeps, siteUrl: string) {
  const agencies = await deps.db.selectFrom('agencies').select(['id', 'code']).orderBy('id').execute();
  const docs = await deps.db.selectFrom('documents').select(['id', 'agency_id', 'published_at', 'updated_at']).where('status', '=', 'published').orderBy('id').execute();
  const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
  const urls: { loc: string; lastmod?: string }[] = [];
  for (const a of agencies) {
    const base = `${siteUrl}/org/${encodeURIComponent(a.code)}`;
    urls.push({ loc: `${base}/` }, { loc: `${base}/open/catalogue` }, { loc: `${base}/open/guide` }, { loc: `${base}/open/annual-reports` });
  }
  for (const d of docs) urls.push({ loc: `${siteUrl}/org/${encodeURIComponent(codeOf.get(d.agency_id)!)}/documents/${d.id}`, lastmod: d.updated_at ?? d.published_at ?? undefined } as { loc: string; lastmod?: string });
  return urls;
}
