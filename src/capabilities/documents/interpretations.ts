/**
 * 政策解读 and the 三同步 gate, the exemption, and revising a withdrawn document (decision 018).
 * The transition in commands.ts calls publishGate before a policy or a 解读 is published or
 * scheduled, and publishes the returned 解读 in its own transaction.
 */
import { interpretationAloneRefusal, interpretationGate, interpretationForms, mediaUrlProblem, needsInterpretation, revisionIndexNo } from '../../domain/documents/interpretation.ts';
import type { DocumentStatus } from '../../domain/documents/catalogue.ts';
import type { DocumentRow } from '../../storage/schema.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { allows, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { invalidatePublicCaches } from '../../services/publications.ts';
import { agencyOfDocument, documentRow, indexNoTaken, insertDocument, rescan, updateDocumentRow } from './sql.ts';
import { interpretationRows, linkedRow, revisionRow } from './interpretation-sql.ts';
import type { DocumentInput } from './contract.ts';

const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

/** The problems of a 解读's own fields, each with its field (checked with the rest of the form). */
export function interpretationInputProblems(input: DocumentInput): { field: keyof DocumentInput; message: string }[] {
  const out: { field: keyof DocumentInput; message: string }[] = [];
  if (input.interpretsId === undefined || input.interpretsId === null) return out;
  if (!input.interpretationForm || !interpretationForms.includes(input.interpretationForm)) out.push({ field: 'interpretationForm', message: '请选择解读形式：文字解读、图解或视频解读' });
  if (input.docKind) out.push({ field: 'docKind', message: '解读本身不是规章或规范性文件，文件类型须留空' });
  if ((input.interpretationText ?? '').length > 20_000) out.push({ field: 'interpretationText', message: '文字说明或文字稿过长（不超过 20000 字）' });
  const url = input.interpretationMediaUrl?.trim();
  const urlProblem = url ? mediaUrlProblem(url) : null;
  if (urlProblem) out.push({ field: 'interpretationMediaUrl', message: urlProblem });
  return out;
}

/** The 解读 columns of a document from the form, after checking the policy it points at. */
export async function interpretationColumns(tx: Tx, scope: AgencyScope, input: DocumentInput, selfId: number | null) {
  const none = { interprets_id: null, interpretation_form: null, interpretation_text: null, interpretation_media_url: null };
  if (input.interpretsId === undefined || input.interpretsId === null) return none;
  const policy = await tx.selectFrom('documents').select(['id', 'status', 'interprets_id']).where('id', '=', input.interpretsId).where('agency_id', '=', scope.agencyId).executeTakeFirst();
  const refuse = (message: string) => new AppError('INVALID_DOCUMENT', message, 400, { problems: [message], fields: [{ field: 'interpretsId', message }] });
  if (!policy) throw refuse('所解读的政策文件不存在（须为本机关的文件）');
  if (policy.id === selfId) throw refuse('文件不能解读它自己');
  if (policy.interprets_id !== null) throw refuse('所选文件本身是一篇解读，请选择政策文件');
  if (policy.status === 'withdrawn') throw refuse('所选政策文件已撤回，不能为它新增解读');
  return {
    interprets_id: policy.id,
    interpretation_form: input.interpretationForm!,
    interpretation_text: input.interpretationText?.trim() || null,
    interpretation_media_url: input.interpretationMediaUrl?.trim() || null,
  };
}

/**
 * The 三同步 check before `action` (publish or schedule) on `doc`: a 解读 waits for its policy;
 * a 规章/规范性文件 needs a ready 解读 or an exemption. Returns the 解读 to publish with it.
 */
export async function publishGate(tx: Tx, scope: AgencyScope, doc: DocumentRow, action: 'publish' | 'schedule'): Promise<number[]> {
  if (doc.interprets_id !== null) {
    const policy = await linkedRow(tx, scope, doc.interprets_id);
    const refusal = interpretationAloneRefusal((policy?.status ?? 'withdrawn') as DocumentStatus);
    if (refusal) throw new AppError('INTERPRETATION_WAITS_FOR_POLICY', refusal, 409);
    return [];
  }
  const linked = (await interpretationRows(tx, scope, doc.id)).map((r) => ({ id: r.id, title: r.title, status: r.status as DocumentStatus }));
  const gate = interpretationGate({ docKind: doc.doc_kind, exempted: doc.exemption_reason !== null }, linked);
  if (!gate.ok) throw new AppError(gate.code, gate.message, 409);
  // A scheduled policy takes its 解读 along when the scheduler publishes it.
  return action === 'publish' ? gate.publishWith : [];
}

/** Records why a 规章/规范性文件 is published without a 解读 (who and when come from the session). */
export async function recordExemption(deps: ServiceDeps, actor: Actor, id: number, reason: string): Promise<void> {
  const text = reason.trim();
  if (text.length < 5) throw new AppError('EXEMPTION_REASON_REQUIRED', '请写明不作解读的理由（不少于 5 个字）', 400, { fields: [{ field: 'reason', message: '请写明不作解读的理由（不少于 5 个字）' }] });
  await deps.db.transaction().execute(async (tx) => {
    const { scope, doc } = await exemptible(tx, actor, id);
    if (doc.status === 'withdrawn') throw new AppError('WORKFLOW_REFUSED', '已撤回的文件不能记录不解读的理由', 409);
    await updateDocumentRow(tx, scope, id, { exemption_reason: text, exemption_by: actorId(actor), exemption_at: deps.now().toISOString() });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: doc.agency_id, action: 'document.interpretation-exemption', entity: 'document', entityId: id, before: { reason: doc.exemption_reason }, after: { reason: text } });
  });
}

/** Removes an exemption before publication (once published, it is the record of why). */
export async function clearExemption(deps: ServiceDeps, actor: Actor, id: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const { scope, doc } = await exemptible(tx, actor, id);
    if (doc.exemption_reason === null) return;
    if (doc.status === 'published' || doc.status === 'withdrawn') throw new AppError('WORKFLOW_REFUSED', '文件已发布，不作解读的理由作为记录保留', 409);
    await updateDocumentRow(tx, scope, id, { exemption_reason: null, exemption_by: null, exemption_at: null });
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: doc.agency_id, action: 'document.interpretation-exemption-clear', entity: 'document', entityId: id, before: { reason: doc.exemption_reason }, after: { reason: null } });
  });
}

/** The clerk who drafts or the head who approves may record the exemption; only for a 规章/规范性文件. */
async function exemptible(tx: Tx, actor: Actor, id: number) {
  const scope = await scopeFor(tx, actor, await agencyOfDocument(tx, id));
  if (!allows(scope, 'documents.draft') && !allows(scope, 'documents.approve')) throw forbidden('不作解读的理由须由信息员或负责人记录');
  const doc = await documentRow(tx, scope, id);
  if (!needsInterpretation(doc.doc_kind) || doc.interprets_id !== null) throw new AppError('EXEMPTION_NOT_APPLICABLE', '只有规章和行政规范性文件须同步解读，无需记录理由', 400);
  return { scope, doc };
}

/**
 * A withdrawn document revised as a new version: a draft with the same content, attachments and
 * 解读 link, the next version number and the first version's 索引号 with -vN; it goes through
 * review again. One revision per withdrawn version.
 */
export async function reviseDocument(deps: ServiceDeps, actor: Actor, id: number): Promise<DocumentRow> {
  const row = await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, await agencyOfDocument(tx, id));
    if (!allows(scope, 'documents.draft')) throw forbidden('只有信息员可以修订文件');
    const old = await documentRow(tx, scope, id);
    if (old.status !== 'withdrawn') throw new AppError('WORKFLOW_REFUSED', '只有已撤回的文件可以修订为新版本', 409);
    const existing = await revisionRow(tx, scope, id);
    if (existing) throw new AppError('REVISION_EXISTS', `该文件已有修订版本（${existing.index_no}）`, 409, { id: existing.id });
    const indexNo = revisionIndexNo({ indexNo: old.index_no, version: old.version });
    if (await indexNoTaken(tx, indexNo)) throw new AppError('INDEX_NO_TAKEN', `索引号 ${indexNo} 已被使用`, 409);
    const now = deps.now().toISOString();
    const { id: _id, agency_id: _agency, ...copy } = old;
    const created = await insertDocument(tx, scope, {
      ...copy,
      index_no: indexNo,
      published_at: null,
      status: 'draft',
      scheduled_at: null,
      review_json: null,
      withdrawn_reason: null,
      needs_review: 0,
      view_count: 0,
      exemption_reason: null,
      exemption_by: null,
      exemption_at: null,
      returned_reason: null,
      returned_by: null,
      returned_at: null,
      revises_id: old.id,
      version: old.version + 1,
      created_by: actorId(actor),
      created_at: now,
      updated_at: now,
    });
    const attachments = await tx.selectFrom('document_attachments').selectAll().where('document_id', '=', old.id).orderBy('id').execute();
    for (const { id: _a, document_id: _d, ...a } of attachments) await tx.insertInto('document_attachments').values({ ...a, document_id: created.id }).execute();
    await rescan(tx, scope, created);
    await appendAudit(tx, { at: deps.now(), actorUserId: actorId(actor), agencyId: old.agency_id, action: 'document.revise', entity: 'document', entityId: created.id, after: { revises: old.id, version: created.version, indexNo } });
    return created;
  });
  invalidatePublicCaches(deps);
  return row;
}
