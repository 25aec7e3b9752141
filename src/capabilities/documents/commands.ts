/** The documents capability's writes: drafting, the review workflow, findings, columns and index numbers. */
import { dateProblem } from '../../domain/calendar/index.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { nextStatus, validateIndexScheme, validityLabels, type DocumentStatus } from '../../domain/documents/catalogue.ts';
import type { DocumentRow } from '../../storage/schema.ts';
import { appendAudit } from '../../storage/audit.ts';
import { indexDocument, removeDocument } from '../../storage/search-index.ts';
import { htmlToPlainText, sanitizeDocumentHtml } from '../../views/sanitize.ts';
import { extractText, inspectAttachment } from '../../services/attachments/index.ts';
import { AppError, forbidden, notFound } from '../../services/errors.ts';
import { systemActor, type Actor, type ServiceDeps, type Tx } from '../../services/context.ts';
import { getAgency } from '../../services/agencies.ts';
import { invalidatePublicCaches } from '../../services/publications.ts';
import { searchDocumentsOf } from '../../services/search-index.ts';
import { allows, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { workflowFacts } from './queries.ts';
import { interpretationColumns, interpretationInputProblems, publishGate } from './interpretations.ts';
import { interpretationRows } from './interpretation-sql.ts';
import {
  agencyOfDocument,
  agencyOfScanHit,
  categoryByCode,
  categoryId,
  documentRow,
  dueScheduledDocuments,
  indexNoTaken,
  insertAttachment,
  insertCategory,
  insertDocument,
  nextIndexNo,
  readIndexScheme,
  rescan,
  resolveScanHitRow,
  scanHitRow,
  unresolvedHits,
  updateDocumentRow,
  writeIndexScheme,
} from './sql.ts';
import { reviewChecklistLabels, type DocumentInput, type ReviewChecklist, type TransitionAction } from './contract.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

/** Adds an agency's own sub-column under an Art. 20 item (or at the top level). */
export async function createCategory(deps: ServiceDeps, actor: Actor, agencyId: number, input: { code: string; name: string; parentCode?: string | undefined }) {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'settings.catalogue');
    if (!/^[a-z0-9-]{2,40}$/.test(input.code)) throw new AppError('INVALID_CATEGORY_CODE', '栏目代码须为 2–40 位小写字母、数字或连字符');
    const name = input.name.trim();
    if (!name || name.length > 60) throw new AppError('INVALID_CATEGORY_NAME', '栏目名称须为 1–60 个字符');
    const parent = input.parentCode ? await categoryByCode(tx, scope, input.parentCode) : undefined;
    if (input.parentCode && !parent) throw notFound('上级栏目');
    if (await categoryByCode(tx, scope, input.code)) throw new AppError('CATEGORY_CODE_TAKEN', '栏目代码已存在', 409);
    const row = await insertCategory(tx, scope, { code: input.code, name, parentId: parent?.id ?? null, art20Item: parent?.art20_item ?? null });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'category.create', entity: 'document_category', entityId: row.id, after: row });
    return row;
  }).then((row) => {
    invalidatePublicCaches(deps);
    return row;
  });
}

export async function setIndexScheme(deps: ServiceDeps, actor: Actor, agencyId: number, scheme: string): Promise<void> {
  const problem = validateIndexScheme(scheme);
  if (problem) throw new AppError('INVALID_INDEX_SCHEME', problem);
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'settings.indexScheme');
    const before = await readIndexScheme(tx, scope);
    await writeIndexScheme(tx, scope, scheme);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'agency.index-scheme', entity: 'agency', entityId: agencyId, before, after: scheme });
  });
}

/**
 * The checks a schema cannot make, each tied to its field so the form marks it there. `today` is
 * Beijing's date: a 成文日期 after it is a typing slip (the paper is not signed yet).
 */
function checkInput(input: DocumentInput, today: string): void {
  const problems: { field: keyof DocumentInput; message: string }[] = [];
  const add = (field: keyof DocumentInput, message: string) => problems.push({ field, message });
  const title = input.title?.trim() ?? '';
  if (!title || title.length > 300) add('title', '标题须为 1–300 个字符');
  const dates = [['writtenAt', '成文日期'], ['formedAt', '形成日期'], ['effectiveFrom', '生效日期'], ['invalidFrom', '失效日期']] as const;
  const bad = new Set<string>();
  for (const [field, name] of dates) {
    const value = input[field];
    const problem = value !== undefined && value !== null ? dateProblem(value, name) : null;
    if (problem) {
      add(field, problem);
      bad.add(field);
    }
  }
  const { writtenAt, invalidFrom } = input;
  if (writtenAt && !bad.has('writtenAt') && writtenAt > today) add('writtenAt', `成文日期不能晚于今天（${today}）`);
  if (writtenAt && invalidFrom && !bad.has('writtenAt') && !bad.has('invalidFrom') && invalidFrom < writtenAt) add('invalidFrom', `失效日期不能早于成文日期（${writtenAt}）`);
  if (input.validity && !(input.validity in validityLabels)) add('validity', '有效性应为 有效、失效 或 废止');
  if (input.validity && input.validity !== 'valid' && !invalidFrom) add('invalidFrom', '失效或废止的文件须填写失效日期');
  if (input.docKind && input.docKind !== 'rule' && input.docKind !== 'normative') add('docKind', '文件类型无效');
  if ((input.bodyHtml ?? '').length > 2_000_000) add('bodyHtml', '正文过长');
  problems.push(...interpretationInputProblems(input));
  if (problems.length) {
    const messages = problems.map((p) => p.message);
    throw new AppError('INVALID_DOCUMENT', messages.join('；'), 400, { problems: messages, fields: problems });
  }
}

async function indexPublished(tx: Tx, deps: ServiceDeps, row: DocumentRow): Promise<void> {
  const [doc] = await searchDocumentsOf(tx, [row], deps.now());
  await indexDocument(tx, deps.dialect, doc!);
}

export async function createDocument(deps: ServiceDeps, actor: Actor, agencyId: number, input: DocumentInput, options: { publishedAt?: string; status?: DocumentStatus; needsReview?: boolean } = {}): Promise<DocumentRow> {
  checkInput(input, chinaDate(deps.now()));
  const bodyHtml = sanitizeDocumentHtml(input.bodyHtml ?? '');
  const bodyText = htmlToPlainText(bodyHtml);
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId);
    const check = nextStatus({ status: 'draft', unresolvedHits: 0, roles: scope.roles }, 'edit');
    if (!check.ok) throw forbidden(check.reason);
    const agency = await getAgency(tx, agencyId);
    const year = Number((input.writtenAt ?? chinaDate(deps.now())).slice(0, 4));
    const indexNo = input.indexNo?.trim() || (await nextIndexNo(tx, scope, year, input.categoryCode));
    if (await indexNoTaken(tx, indexNo)) throw new AppError('INDEX_NO_TAKEN', `索引号 ${indexNo} 已被使用`, 409);
    const now = deps.now().toISOString();
    const row = await insertDocument(tx, scope, {
      index_no: indexNo,
      title: input.title.trim(),
      issuer: input.issuer?.trim() || agency.name,
      doc_no: input.docNo?.trim() || null,
      written_at: input.writtenAt ?? null,
      formed_at: input.formedAt ?? input.writtenAt ?? null,
      published_at: options.publishedAt ?? null,
      topic: input.topic?.trim() || null,
      category_id: await categoryId(tx, scope, input.categoryCode),
      ...(await interpretationColumns(tx, scope, input, null)),
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
      created_by: actorId(actor),
      created_at: now,
      updated_at: now,
    });
    await rescan(tx, scope, row);
    if (row.status === 'published') await indexPublished(tx, deps, row);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'document.create', entity: 'document', entityId: row.id, after: { ...row, body_html: undefined, body_text: undefined } });
    return row;
  }).then((row) => {
    invalidatePublicCaches(deps);
    return row;
  });
}

/** The document and its scope, if the actor may edit it now (a clerk or admin of its agency, and a draft). */
async function editable(tx: Tx, actor: Actor, documentId: number): Promise<{ scope: AgencyScope; doc: DocumentRow }> {
  const scope = await scopeFor(tx, actor, await agencyOfDocument(tx, documentId));
  const doc = await documentRow(tx, scope, documentId);
  const check = nextStatus({ status: doc.status as DocumentStatus, unresolvedHits: 0, roles: scope.roles }, 'edit');
  if (!check.ok) throw check.byRole ? forbidden(check.reason) : new AppError('DOCUMENT_LOCKED', check.reason, 409);
  return { scope, doc };
}

export async function updateDocument(deps: ServiceDeps, actor: Actor, id: number, input: DocumentInput): Promise<DocumentRow> {
  checkInput(input, chinaDate(deps.now()));
  const bodyHtml = sanitizeDocumentHtml(input.bodyHtml ?? '');
  return deps.db.transaction().execute(async (tx) => {
    const { scope, doc: before } = await editable(tx, actor, id);
    const after = await updateDocumentRow(tx, scope, id, {
      title: input.title.trim(),
      issuer: input.issuer?.trim() || before.issuer,
      doc_no: input.docNo?.trim() || null,
      written_at: input.writtenAt ?? null,
      formed_at: input.formedAt ?? input.writtenAt ?? null,
      topic: input.topic?.trim() || null,
      category_id: await categoryId(tx, scope, input.categoryCode),
      ...(await interpretationColumns(tx, scope, input, id)),
      doc_kind: input.docKind ?? null,
      validity: input.validity ?? 'valid',
      effective_from: input.effectiveFrom ?? null,
      invalid_from: input.invalidFrom ?? null,
      body_html: bodyHtml,
      body_text: htmlToPlainText(bodyHtml),
      updated_at: deps.now().toISOString(),
    });
    await rescan(tx, scope, after);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: before.agency_id, action: 'document.update', entity: 'document', entityId: id, before: { ...before, body_text: undefined }, after: { ...after, body_text: undefined } });
    return after;
  });
}

/** Moves a document through the workflow; every step is audited. */
export async function transitionDocument(...args: Parameters<typeof transitionDocumentInTx>): Promise<DocumentRow> {
  const row = await transitionDocumentInTx(...args);
  invalidatePublicCaches(args[0]);
  return row;
}

type TransitionInput = { reason?: string | undefined; checklist?: ReviewChecklist | undefined; scheduledAt?: string | undefined };

async function transitionDocumentInTx(deps: ServiceDeps, actor: Actor, id: number, action: TransitionAction, input: TransitionInput = {}): Promise<DocumentRow> {
  return deps.db.transaction().execute((tx) => applyTransition(tx, deps, actor, id, action, input, false));
}

/**
 * One step of the workflow inside the caller's transaction. `withPolicy`: a 解读 published or
 * withdrawn along with its policy, so a failure of either undoes both (三同步).
 */
async function applyTransition(tx: Tx, deps: ServiceDeps, actor: Actor, id: number, action: TransitionAction, input: TransitionInput, withPolicy: boolean): Promise<DocumentRow> {
  const scope = await scopeFor(tx, actor, await agencyOfDocument(tx, id));
  const before = await documentRow(tx, scope, id);
  if (action === 'submit') await rescan(tx, scope, before);
  const hits = await unresolvedHits(tx, scope, id);
  const next = nextStatus({ status: before.status as DocumentStatus, unresolvedHits: hits, roles: scope.roles, ...(await workflowFacts(tx, scope, before)) }, action);
  const selfReview = next.ok && next.selfReview === true;
  if (!next.ok) throw next.byRole ? forbidden(next.reason) : new AppError('WORKFLOW_REFUSED', next.reason, 409, { unresolvedHits: hits });
  const patch: Partial<DocumentRow> = { status: next.status, updated_at: deps.now().toISOString() };
  if (action === 'review') {
    const c = input.checklist;
    if (!c || !c.noStateSecret || !c.noPrivacy || !c.noSecurityRisk || !c.inScope) {
      throw new AppError('REVIEW_INCOMPLETE', `保密审查须逐项确认：${Object.values(reviewChecklistLabels).join('；')}`, 400);
    }
    patch.review_json = JSON.stringify({ ...c, reviewer: actorId(actor), at: deps.now().toISOString(), ...(selfReview ? { selfReview: true } : {}) });
  }
  if ((action === 'reject' || action === 'withdraw') && !input.reason?.trim()) {
    throw new AppError('REASON_REQUIRED', action === 'reject' ? '退回须写明理由' : '撤回须写明理由', 400);
  }
  if (action === 'withdraw') patch.withdrawn_reason = input.reason!.trim();
  // The reason stays on the draft until it is submitted again.
  if (action === 'reject') Object.assign(patch, { returned_reason: input.reason!.trim(), returned_by: actorId(actor), returned_at: deps.now().toISOString() });
  if (action === 'submit') Object.assign(patch, { returned_reason: null, returned_by: null, returned_at: null });
  const publishWith = (action === 'publish' || action === 'schedule') && !withPolicy ? await publishGate(tx, scope, before, action) : [];
  if (action === 'schedule') {
    const at = input.scheduledAt ? new Date(input.scheduledAt) : null;
    if (!at || Number.isNaN(at.getTime()) || at.getTime() <= deps.now().getTime()) throw new AppError('INVALID_SCHEDULE', '定时发布时间须晚于现在');
    patch.scheduled_at = at.toISOString();
  }
  if (action === 'publish') {
    patch.published_at = before.published_at ?? deps.now().toISOString();
    patch.scheduled_at = null;
  }
  const after = await updateDocumentRow(tx, scope, id, patch);
  if (action === 'publish') await indexPublished(tx, deps, after);
  if (action === 'withdraw') await removeDocument(tx, deps.dialect, id);
  for (const other of publishWith) await alongWithPolicy(tx, deps, actor, other, 'publish', {});
  if (action === 'withdraw' && after.interprets_id === null) {
    // A 解读 does not outlive its policy on the portal.
    for (const i of await interpretationRows(tx, scope, id)) {
      if (i.status === 'published' || i.status === 'scheduled') await alongWithPolicy(tx, deps, actor, i.id, 'withdraw', { reason: `所解读的政策文件已撤回：${input.reason!.trim()}` });
    }
  }
  await appendAudit(tx, {
    at: deps.now(),
    actorUserId: actorId(actor),
    agencyId: before.agency_id,
    action: `document.${action}`,
    entity: 'document',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status, reason: input.reason, checklist: input.checklist, scheduledAt: patch.scheduled_at, ...(selfReview ? { selfReview: true } : {}), ...(withPolicy ? { withPolicy: true } : {}) },
  });
  return after;
}

/** A 解读's step taken with its policy's; its refusal names the 解读 and undoes the policy's step. */
async function alongWithPolicy(tx: Tx, deps: ServiceDeps, actor: Actor, id: number, action: 'publish' | 'withdraw', input: TransitionInput): Promise<void> {
  try {
    await applyTransition(tx, deps, actor, id, action, input, true);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const title = (await tx.selectFrom('documents').select('title').where('id', '=', id).executeTakeFirst())?.title ?? String(id);
    const verb = action === 'publish' ? '发布' : '撤回';
    throw new AppError('INTERPRETATION_PUBLISH_FAILED', `解读《${title}》不能随政策文件${verb}：${err.message}。政策文件未${verb}`, 409, { interpretationId: id });
  }
}

/** Publishes scheduled documents whose time has come (called every minute by the server). */
export async function publishDueDocuments(deps: ServiceDeps): Promise<number> {
  const due = await dueScheduledDocuments(deps.db, deps.now().toISOString());
  let published = 0;
  for (const { id } of due) {
    try {
      await transitionDocument(deps, systemActor('scheduler'), id, 'publish');
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
    const agencyId = await agencyOfScanHit(tx, hitId);
    const scope = await scopeFor(tx, actor, agencyId);
    if (!allows(scope, 'documents.review')) throw forbidden('疑似敏感信息须由审核人确认处理');
    const hit = await scanHitRow(tx, scope, hitId);
    await resolveScanHitRow(tx, hit, text, actorId(actor), deps.now().toISOString());
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId, action: 'document.scan-resolve', entity: 'document', entityId: hit.document_id, after: { hitId, kind: hit.kind, masked: hit.masked, resolution: text } });
  });
}

/** Refuses (404/403/409) unless the actor may edit the document now: checked before an upload is read. */
export async function assertDocumentEditable(deps: ServiceDeps, actor: Actor, documentId: number): Promise<void> {
  await editable(deps.db, actor, documentId);
}

export async function addAttachment(deps: ServiceDeps, actor: Actor, documentId: number, name: string, data: Buffer) {
  // Checked before the file is parsed (parsing is the costly part), and again in the transaction.
  await assertDocumentEditable(deps, actor, documentId);
  const inspected = await inspectAttachment(data, name);
  if (!inspected.ok) throw new AppError(inspected.code, inspected.message, inspected.code === 'FILE_TOO_COMPLEX' ? 422 : 400);
  const extracted = await extractText(data, inspected.kind);
  const key = await deps.files.put(data);
  return deps.db.transaction().execute(async (tx) => {
    const { scope, doc } = await editable(tx, actor, documentId);
    const row = await insertAttachment(tx, doc, { name: inspected.fileName, kind: inspected.kind, mime: inspected.mime, sizeBytes: data.length, storageKey: key, text: extracted.text, createdAt: deps.now().toISOString() });
    await rescan(tx, scope, doc);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: doc.agency_id, action: 'document.attach', entity: 'document', entityId: documentId, after: { ...row, warning: extracted.warning } });
    return { ...row, warning: extracted.warning ?? null };
  });
}
