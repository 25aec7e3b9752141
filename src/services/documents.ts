import { compareIsoDates, dateProblem, type IsoDate } from '../domain/calendar/index.ts';
import { getSelfReview } from './self-review.ts';
import { scopeFor } from './policy.ts';
import { proactivePublicationDue } from '../domain/deadlines/index.ts';
import {
  DEFAULT_INDEX_SCHEME,
  formatIndexNo,
  nextStatus,
  documentActions,
  statusLabels,
  validateIndexScheme,
  validityLabels,
  type DocKind,
  type DocumentAction,
  type DocumentStatus,
  type Validity,
} from '../domain/documents/catalogue.ts';
import { maskScanMatch, scanText, type ScanHit } from '../domain/scan/index.ts';
import type { DocumentRow, Role } from '../storage/schema.ts';
import { appendAudit } from '../storage/audit.ts';
import { indexDocument, removeDocument } from '../storage/search-index.ts';
import { htmlToPlainText, sanitizeDocumentHtml } from '../views/sanitize.ts';
import { extractText, inspectAttachment } from './attachments/index.ts';
import { AppError, forbidden, notFound } from './errors.ts';
import type { Actor, ServiceDeps, Tx } from './context.ts';
import { ensureCategories, getAgency } from './agencies.ts';
import { loadCalendar } from './calendar.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { invalidatePublicCaches } from './publications.ts';
import { searchDocumentsOf } from './search-index.ts';

export interface DocumentInput {
  title: string;
  issuer?: string | undefined;
  docNo?: string | undefined;
  writtenAt?: IsoDate | undefined;
  /** 形成或者变更之日 (Art. 26 clock); defaults to the written date. */
  formedAt?: IsoDate | undefined;
  topic?: string | undefined;
  categoryCode?: string | undefined;
  docKind?: DocKind | null | undefined;
  validity?: Validity | undefined;
  effectiveFrom?: IsoDate | undefined;
  invalidFrom?: IsoDate | undefined;
  bodyHtml: string;
  /** Given for legacy imports; otherwise assigned from the agency's scheme. */
  indexNo?: string | undefined;
}

/** The actor's roles in the agency, through the one policy (FORBIDDEN for non-staff). */
async function staffRoles(tx: Tx, actor: Actor, agencyId: number): Promise<readonly Role[]> {
  return (await scopeFor(tx, actor, agencyId)).roles;
}

/** The agency's catalogue columns (read only: agencies get their Art. 20 columns when created). */
export async function listCategories(deps: ServiceDeps, agencyId: number) {
  return deps.db.selectFrom('document_categories').select(['id', 'code', 'name', 'parent_id as parentId', 'art20_item as art20Item']).where('agency_id', '=', agencyId).orderBy('sort').orderBy('id').execute();
}

/** Adds an agency's own sub-column under an Art. 20 item (or at the top level). */
export async function createCategory(deps: ServiceDeps, actor: Actor, agencyId: number, input: { code: string; name: string; parentCode?: string | undefined }) {
  return deps.db.transaction().execute(async (tx) => {
    const roles = await staffRoles(tx, actor, agencyId);
    if (!roles.includes('admin') && !roles.includes('head')) throw forbidden('只有管理员或负责人可以设置栏目');
    if (!/^[a-z0-9-]{2,40}$/.test(input.code)) throw new AppError('INVALID_CATEGORY_CODE', '栏目代码须为 2–40 位小写字母、数字或连字符');
    const name = input.name.trim();
    if (!name || name.length > 60) throw new AppError('INVALID_CATEGORY_NAME', '栏目名称须为 1–60 个字符');
    await ensureCategories(tx, agencyId);
    const parent = input.parentCode ? await tx.selectFrom('document_categories').selectAll().where('agency_id', '=', agencyId).where('code', '=', input.parentCode).executeTakeFirst() : undefined;
    if (input.parentCode && !parent) throw notFound('上级栏目');
    const dup = await tx.selectFrom('document_categories').select('id').where('agency_id', '=', agencyId).where('code', '=', input.code).executeTakeFirst();
    if (dup) throw new AppError('CATEGORY_CODE_TAKEN', '栏目代码已存在', 409);
    const row = await tx
      .insertInto('document_categories')
      .values({ agency_id: agencyId, code: input.code, name, parent_id: parent?.id ?? null, art20_item: parent?.art20_item ?? null, sort: 100 })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'category.create', entity: 'document_category', entityId: row.id, after: row });
    return row;
  }).then((row) => {
    invalidatePublicCaches(deps);
    return row;
  });
}

export async function getIndexScheme(tx: Tx, agencyId: number): Promise<string> {
  const row = await tx.selectFrom('agency_settings').select('value').where('agency_id', '=', agencyId).where('key', '=', 'index_scheme').executeTakeFirst();
  return row?.value ?? DEFAULT_INDEX_SCHEME;
}

export async function setIndexScheme(deps: ServiceDeps, actor: Actor, agencyId: number, scheme: string): Promise<void> {
  const problem = validateIndexScheme(scheme);
  if (problem) throw new AppError('INVALID_INDEX_SCHEME', problem);
  await deps.db.transaction().execute(async (tx) => {
    const roles = await staffRoles(tx, actor, agencyId);
    if (!roles.includes('admin')) throw forbidden('只有管理员可以设置索引号规则');
    const before = await getIndexScheme(tx, agencyId);
    await tx.deleteFrom('agency_settings').where('agency_id', '=', agencyId).where('key', '=', 'index_scheme').execute();
    await tx.insertInto('agency_settings').values({ agency_id: agencyId, key: 'index_scheme', value: scheme }).execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'agency.index-scheme', entity: 'agency', entityId: agencyId, before, after: scheme });
  });
}

/** The next free index number for the agency's scheme, in the year of the document. */
async function nextIndexNo(tx: Tx, agencyId: number, year: number, categoryCode: string | undefined): Promise<string> {
  const agency = await getAgency(tx, agencyId);
  const scheme = await getIndexScheme(tx, agencyId);
  const { n } = await tx.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', '=', agencyId).executeTakeFirstOrThrow();
  for (let seq = Number(n) + 1; ; seq++) {
    const candidate = formatIndexNo(scheme, { agency: agency.code, year, seq, category: categoryCode });
    const clash = await tx.selectFrom('documents').select('id').where('index_no', '=', candidate).executeTakeFirst();
    if (!clash) return candidate;
  }
}

function checkInput(input: DocumentInput): void {
  const problems: string[] = [];
  const title = input.title?.trim() ?? '';
  if (!title || title.length > 300) problems.push('标题须为 1–300 个字符');
  for (const [name, value] of [['成文日期', input.writtenAt], ['形成日期', input.formedAt], ['生效日期', input.effectiveFrom], ['失效日期', input.invalidFrom]] as const) {
    const problem = value !== undefined && value !== null ? dateProblem(value, name) : null;
    if (problem) problems.push(problem);
  }
  if (input.validity && !(input.validity in validityLabels)) problems.push('有效性应为 有效、失效 或 废止');
  if (input.validity && input.validity !== 'valid' && !input.invalidFrom) problems.push('失效或废止的文件须填写失效日期');
  if (input.docKind && input.docKind !== 'rule' && input.docKind !== 'normative') problems.push('文件类型无效');
  if ((input.bodyHtml ?? '').length > 2_000_000) problems.push('正文过长');
  if (problems.length) throw new AppError('INVALID_DOCUMENT', problems.join('；'), 400, { problems });
}

async function categoryId(tx: Tx, agencyId: number, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  await ensureCategories(tx, agencyId);
  const row = await tx.selectFrom('document_categories').select('id').where('agency_id', '=', agencyId).where('code', '=', code).executeTakeFirst();
  if (!row) throw new AppError('UNKNOWN_CATEGORY', `栏目“${code}”不存在`);
  return row.id;
}

/**
 * Runs the leak scan over the body and every attachment's text and replaces the document's
 * open findings. Findings already resolved by a reviewer stay resolved if they still match.
 */
async function rescan(tx: Tx, doc: Pick<DocumentRow, 'id' | 'body_text' | 'title'>): Promise<number> {
  const attachments = await tx.selectFrom('document_attachments').select(['id', 'name', 'text']).where('document_id', '=', doc.id).execute();
  const sources = [{ source: '正文', text: `${doc.title}\n${doc.body_text}` }, ...attachments.map((a) => ({ source: `附件：${a.name}`, text: a.text }))];
  // Findings keep their ids across rescans, so a reviewer's work on them is not lost.
  const existing = await tx.selectFrom('document_scan_hits').selectAll().where('document_id', '=', doc.id).execute();
  const keyOf = (h: { source: string; kind: string; masked: string; context: string }) => `${h.source}|${h.kind}|${h.masked}|${h.context}`;
  const resolvedKeys = new Set(existing.filter((r) => r.resolution !== null).map((r) => `${r.source}|${r.kind}|${r.masked}`));
  const openByKey = new Map(existing.filter((r) => r.resolution === null).map((r) => [keyOf(r), r.id]));
  const found = new Map<string, { source: string; hit: ScanHit; masked: string; context: string }>();
  for (const { source, text } of sources) {
    for (const hit of scanText(text)) {
      const masked = maskScanMatch(hit.kind, hit.match);
      if (resolvedKeys.has(`${source}|${hit.kind}|${masked}`)) continue;
      // The stored context never repeats the personal data in full.
      const context = hit.context.split(hit.match).join(masked);
      found.set(keyOf({ source, kind: hit.kind, masked, context }), { source, hit, masked, context });
    }
  }
  const stale = [...openByKey].filter(([key]) => !found.has(key)).map(([, id]) => id);
  if (stale.length) await tx.deleteFrom('document_scan_hits').where('id', 'in', stale).execute();
  for (const [key, f] of found) {
    if (openByKey.has(key)) continue;
    await tx
      .insertInto('document_scan_hits')
      .values({ document_id: doc.id, source: f.source, kind: f.hit.kind, masked: f.masked, context: f.context, message: f.hit.message, resolution: null, resolved_by: null, resolved_at: null })
      .execute();
  }
  const open = found.size;
  return open;
}

async function unresolvedHits(tx: Tx, documentId: number): Promise<number> {
  const { n } = await tx.selectFrom('document_scan_hits').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', documentId).where('resolution', 'is', null).executeTakeFirstOrThrow();
  return Number(n);
}

export async function createDocument(deps: ServiceDeps, actor: Actor, agencyId: number, input: DocumentInput, options: { publishedAt?: string; status?: DocumentStatus; needsReview?: boolean } = {}): Promise<DocumentRow> {
  checkInput(input);
  const bodyHtml = sanitizeDocumentHtml(input.bodyHtml ?? '');
  const bodyText = htmlToPlainText(bodyHtml);
  return deps.db.transaction().execute(async (tx) => {
    const roles = await staffRoles(tx, actor, agencyId);
    const check = nextStatus({ status: 'draft', unresolvedHits: 0, roles }, 'edit');
    if (!check.ok) throw forbidden(check.reason);
    const agency = await getAgency(tx, agencyId);
    const year = Number((input.writtenAt ?? chinaDate(deps.now())).slice(0, 4));
    const indexNo = input.indexNo?.trim() || (await nextIndexNo(tx, agencyId, year, input.categoryCode));
    const dup = await tx.selectFrom('documents').select('id').where('index_no', '=', indexNo).executeTakeFirst();
    if (dup) throw new AppError('INDEX_NO_TAKEN', `索引号 ${indexNo} 已被使用`, 409);
    const now = deps.now().toISOString();
    const row = await tx
      .insertInto('documents')
      .values({
        agency_id: agencyId,
        index_no: indexNo,
        title: input.title.trim(),
        issuer: input.issuer?.trim() || agency.name,
        doc_no: input.docNo?.trim() || null,
        written_at: input.writtenAt ?? null,
        formed_at: input.formedAt ?? input.writtenAt ?? null,
        published_at: options.publishedAt ?? null,
        topic: input.topic?.trim() || null,
        category_id: await categoryId(tx, agencyId, input.categoryCode),
        disclosure_method: 'proactive',
        doc_kind: input.docKind ?? null,
        validity: input.validity ?? 'valid',
        effective_from: input.effectiveFrom ?? null,
        invalid_from: input.invalidFrom ?? null,
        body_html: bodyHtml,
        body_text: bodyText,
        status: options.status ?? 'draft',
        scheduled_at: null,
        review_json: null,
        withdrawn_reason: null,
        needs_review: options.needsReview ? 1 : 0,
        view_count: 0,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await rescan(tx, row);
    if (row.status === 'published') await indexPublished(tx, deps, row);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId, action: 'document.create', entity: 'document', entityId: row.id, after: { ...row, body_html: undefined, body_text: undefined } });
    return row;
  }).then((row) => {
    invalidatePublicCaches(deps);
    return row;
  });
}

async function getRow(tx: Tx, id: number): Promise<DocumentRow> {
  const row = await tx.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('文件');
  return row;
}

/** The document, if the actor may edit it now (a clerk or admin of its agency, and a draft). */
async function editableRow(tx: Tx, actor: Actor, documentId: number): Promise<DocumentRow> {
  const doc = await getRow(tx, documentId);
  const roles = await staffRoles(tx, actor, doc.agency_id);
  const check = nextStatus({ status: doc.status as DocumentStatus, unresolvedHits: 0, roles }, 'edit');
  if (!check.ok) throw check.byRole ? forbidden(check.reason) : new AppError('DOCUMENT_LOCKED', check.reason, 409);
  return doc;
}

export async function updateDocument(deps: ServiceDeps, actor: Actor, id: number, input: DocumentInput): Promise<DocumentRow> {
  checkInput(input);
  const bodyHtml = sanitizeDocumentHtml(input.bodyHtml ?? '');
  return deps.db.transaction().execute(async (tx) => {
    const before = await editableRow(tx, actor, id);
    await tx
      .updateTable('documents')
      .set({
        title: input.title.trim(),
        issuer: input.issuer?.trim() || before.issuer,
        doc_no: input.docNo?.trim() || null,
        written_at: input.writtenAt ?? null,
        formed_at: input.formedAt ?? input.writtenAt ?? null,
        topic: input.topic?.trim() || null,
        category_id: await categoryId(tx, before.agency_id, input.categoryCode),
        doc_kind: input.docKind ?? null,
        validity: input.validity ?? 'valid',
        effective_from: input.effectiveFrom ?? null,
        invalid_from: input.invalidFrom ?? null,
        body_html: bodyHtml,
        body_text: htmlToPlainText(bodyHtml),
        updated_at: deps.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const after = await getRow(tx, id);
    await rescan(tx, after);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId: before.agency_id, action: 'document.update', entity: 'document', entityId: id, before: { ...before, body_text: undefined }, after: { ...after, body_text: undefined } });
    return after;
  });
}

async function categoryCodeOf(tx: Tx, categoryId: number | null): Promise<string | null> {
  if (categoryId === null) return null;
  const row = await tx.selectFrom('document_categories').select('code').where('id', '=', categoryId).executeTakeFirst();
  return row?.code ?? null;
}

async function indexPublished(tx: Tx, deps: ServiceDeps, row: DocumentRow): Promise<void> {
  const [doc] = await searchDocumentsOf(tx, [row], deps.now());
  await indexDocument(tx, deps.dialect, doc!);
}

export interface ReviewChecklist {
  /** 是否涉及国家秘密 */
  noStateSecret: boolean;
  /** 是否涉及工作秘密、商业秘密、个人隐私 */
  noPrivacy: boolean;
  /** 公开后是否可能危及“三安全一稳定” */
  noSecurityRisk: boolean;
  /** 是否属于主动公开范围 */
  inScope: boolean;
  opinion: string;
}

/** Moves a document through the workflow; every step is audited. */
export async function transitionDocument(...args: Parameters<typeof transitionDocumentInTx>): Promise<DocumentRow> {
  const row = await transitionDocumentInTx(...args);
  invalidatePublicCaches(args[0]);
  return row;
}

async function transitionDocumentInTx(
  deps: ServiceDeps,
  actor: Actor,
  id: number,
  action: Exclude<DocumentAction, 'edit'>,
  input: { reason?: string | undefined; checklist?: ReviewChecklist | undefined; scheduledAt?: string | undefined } = {},
): Promise<DocumentRow> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await getRow(tx, id);
    const roles = await staffRoles(tx, actor, before.agency_id);
    if (action === 'submit') await rescan(tx, before);
    const hits = await unresolvedHits(tx, id);
    const next = nextStatus({ status: before.status as DocumentStatus, unresolvedHits: hits, roles, ...(await fourEyesFacts(tx, actor, before)) }, action);
    const selfReview = next.ok && next.selfReview === true;
    if (!next.ok) throw next.byRole ? forbidden(next.reason) : new AppError('WORKFLOW_REFUSED', next.reason, 409, { unresolvedHits: hits });
    const patch: Partial<DocumentRow> = { status: next.status, updated_at: deps.now().toISOString() };
    if (action === 'review') {
      const c = input.checklist;
      if (!c || !c.noStateSecret || !c.noPrivacy || !c.noSecurityRisk || !c.inScope) {
        throw new AppError('REVIEW_INCOMPLETE', '保密审查须逐项确认：不涉及国家秘密；不涉及工作秘密、商业秘密和个人隐私；不危及“三安全一稳定”；属于主动公开范围', 400);
      }
      patch.review_json = JSON.stringify({ ...c, reviewer: actor.kind === 'user' ? actor.userId : null, at: deps.now().toISOString(), ...(selfReview ? { selfReview: true } : {}) });
    }
    if ((action === 'reject' || action === 'withdraw') && !input.reason?.trim()) {
      throw new AppError('REASON_REQUIRED', action === 'reject' ? '退回须写明理由' : '撤回须写明理由', 400);
    }
    if (action === 'withdraw') patch.withdrawn_reason = input.reason!.trim();
    if (action === 'schedule') {
      const at = input.scheduledAt ? new Date(input.scheduledAt) : null;
      if (!at || Number.isNaN(at.getTime()) || at.getTime() <= deps.now().getTime()) throw new AppError('INVALID_SCHEDULE', '定时发布时间须晚于现在');
      patch.scheduled_at = at.toISOString();
    }
    if (action === 'publish') {
      patch.published_at = before.published_at ?? deps.now().toISOString();
      patch.scheduled_at = null;
    }
    await tx.updateTable('documents').set(patch).where('id', '=', id).execute();
    const after = await getRow(tx, id);
    if (action === 'publish') await indexPublished(tx, deps, after);
    if (action === 'withdraw') await removeDocument(tx, deps.dialect, id);
    await appendAudit(tx, {
      at: deps.now(),
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      agencyId: before.agency_id,
      action: `document.${action}`,
      entity: 'document',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, reason: input.reason, checklist: input.checklist, scheduledAt: patch.scheduled_at, ...(selfReview ? { selfReview: true } : {}) },
    });
    return after;
  });
}

/** Publishes scheduled documents whose time has come (called every minute by the server). */
export async function publishDueDocuments(deps: ServiceDeps): Promise<number> {
  const due = await deps.db.selectFrom('documents').select('id').where('status', '=', 'scheduled').where('scheduled_at', '<=', deps.now().toISOString()).execute();
  let published = 0;
  for (const { id } of due) {
    try {
      await transitionDocument(deps, { kind: 'system', label: 'scheduler' }, id, 'publish');
      published++;
    } catch {
      // A document that can no longer be published (e.g. a new finding) stays scheduled and shows on the dashboard.
    }
  }
  return published;
}

/** A reviewer marks a finding as handled: a false positive, or authorised for publication. */
export async function resolveScanHit(deps: ServiceDeps, actor: Actor, hitId: number, resolution: string): Promise<void> {
  const text = resolution.trim();
  if (!text) throw new AppError('RESOLUTION_REQUIRED', '请说明处理意见（如：误报，或经审查同意公开的依据）');
  await deps.db.transaction().execute(async (tx) => {
    const hit = await tx.selectFrom('document_scan_hits').selectAll().where('id', '=', hitId).executeTakeFirst();
    if (!hit) throw notFound('检测结果');
    const doc = await getRow(tx, hit.document_id);
    const roles = await staffRoles(tx, actor, doc.agency_id);
    if (!roles.includes('reviewer')) throw forbidden('疑似敏感信息须由审核人确认处理');
    await tx.updateTable('document_scan_hits').set({ resolution: text, resolved_by: actor.kind === 'user' ? actor.userId : null, resolved_at: deps.now().toISOString() }).where('id', '=', hitId).execute();
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId: doc.agency_id, action: 'document.scan-resolve', entity: 'document', entityId: doc.id, after: { hitId, kind: hit.kind, masked: hit.masked, resolution: text } });
  });
}

/** Refuses (404/403/409) unless the actor may edit the document now: checked before an upload is read. */
export async function assertDocumentEditable(deps: ServiceDeps, actor: Actor, documentId: number): Promise<void> {
  await editableRow(deps.db, actor, documentId);
}

export async function addAttachment(deps: ServiceDeps, actor: Actor, documentId: number, name: string, data: Buffer) {
  // Checked before the file is parsed (parsing is the costly part), and again in the transaction.
  await assertDocumentEditable(deps, actor, documentId);
  const inspected = await inspectAttachment(data, name);
  if (!inspected.ok) throw new AppError(inspected.code, inspected.message, inspected.code === 'FILE_TOO_COMPLEX' ? 422 : 400);
  const extracted = await extractText(data, inspected.kind);
  const key = await deps.files.put(data);
  return deps.db.transaction().execute(async (tx) => {
    const doc = await editableRow(tx, actor, documentId);
    const row = await tx
      .insertInto('document_attachments')
      .values({ document_id: documentId, name: inspected.fileName, kind: inspected.kind, mime: inspected.mime, size_bytes: data.length, storage_key: key, text: extracted.text, created_at: deps.now().toISOString() })
      .returning(['id', 'name', 'kind', 'mime', 'size_bytes'])
      .executeTakeFirstOrThrow();
    await rescan(tx, doc);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.kind === 'user' ? actor.userId : null, agencyId: doc.agency_id, action: 'document.attach', entity: 'document', entityId: documentId, after: { ...row, warning: extracted.warning } });
    return { ...row, warning: extracted.warning ?? null };
  });
}

export interface DocumentSummary {
  id: number;
  indexNo: string;
  title: string;
  issuer: string;
  docNo: string | null;
  writtenAt: string | null;
  publishedAt: string | null;
  status: DocumentStatus;
  statusLabel: string;
  validity: string;
  validityLabel: string;
  docKind: string | null;
  categoryId: number | null;
  needsReview: boolean;
  unresolvedHits: number;
  /** Art. 26: the last day to publish, counted from 形成/变更. */
  publicationDue: string | null;
  publicationOverdue: boolean;
}

async function summarise(tx: Tx, rows: DocumentRow[], today: IsoDate): Promise<DocumentSummary[]> {
  if (rows.length === 0) return [];
  const calendar = await loadCalendar(tx);
  const hits = await tx
    .selectFrom('document_scan_hits')
    .select(['document_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('document_id', 'in', rows.map((r) => r.id))
    .where('resolution', 'is', null)
    .groupBy('document_id')
    .execute();
  const hitCount = new Map(hits.map((h) => [h.document_id, Number(h.n)]));
  return rows.map((r) => {
    let due: string | null = null;
    if (r.formed_at) {
      due = proactivePublicationDue(r.formed_at, calendar).date ?? null;
    }
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
    };
  });
}

export async function listDocuments(deps: ServiceDeps, actor: Actor, agencyId: number, filters: { status?: string | undefined; q?: string | undefined; page: number; pageSize: number }) {
  await staffRoles(deps.db, actor, agencyId);
  let query = deps.db.selectFrom('documents').selectAll().where('agency_id', '=', agencyId);
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('title', 'like', like), eb('index_no', 'like', like), eb('doc_no', 'like', like)]));
  }
  const { n } = await query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.orderBy('id', 'desc').limit(filters.pageSize).offset((filters.page - 1) * filters.pageSize).execute();
  return { total: Number(n), items: await summarise(deps.db, rows, chinaDate(deps.now())) };
}

export async function getDocument(deps: ServiceDeps, actor: Actor, id: number) {
  const row = await getRow(deps.db, id);
  const roles = await staffRoles(deps.db, actor, row.agency_id);
  const [summary] = await summarise(deps.db, [row], chinaDate(deps.now()));
  const fourEyes = await fourEyesFacts(deps.db, actor, row);
  const attachments = await deps.db.selectFrom('document_attachments').select(['id', 'name', 'kind', 'mime', 'size_bytes as sizeBytes']).where('document_id', '=', id).execute();
  const hits = await deps.db.selectFrom('document_scan_hits').select(['id', 'source', 'kind', 'masked', 'context', 'message', 'resolution']).where('document_id', '=', id).orderBy('id').execute();
  return {
    ...summary!,
    agencyId: row.agency_id,
    topic: row.topic,
    formedAt: row.formed_at,
    effectiveFrom: row.effective_from,
    invalidFrom: row.invalid_from,
    bodyHtml: row.body_html,
    categoryCode: await categoryCodeOf(deps.db, row.category_id),
    scheduledAt: row.scheduled_at,
    review: row.review_json ? (JSON.parse(row.review_json) as ReviewChecklist) : null,
    withdrawnReason: row.withdrawn_reason,
    viewCount: row.view_count,
    attachments,
    scanHits: hits,
    // The workspace's buttons: the same rules the transition applies, for this actor.
    actions: documentActions({ status: row.status as DocumentStatus, unresolvedHits: 0, roles, ...fourEyes }),
  };
}

/** Whether the actor drafted the document, and whether its agency allows self-review. */
async function fourEyesFacts(tx: Tx, actor: Actor, row: DocumentRow): Promise<{ isDrafter: boolean; selfReviewAllowed: boolean }> {
  return { isDrafter: actor.kind === 'user' && row.created_by === actor.userId, selfReviewAllowed: (await getSelfReview(tx, row.agency_id)).allowed };
}
