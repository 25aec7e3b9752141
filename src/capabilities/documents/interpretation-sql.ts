/**
 * Storage of 政策解读, the 三同步 exemption and document versions (decision 018). Every function
 * takes the AgencyScope and stays within its agency, like sql.ts.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';

export interface LinkedRow {
  id: number;
  title: string;
  index_no: string;
  status: string;
  interpretation_form: string | null;
}

/** The 解读 of a policy document, oldest first. */
export async function interpretationRows(tx: Tx, scope: AgencyScope, policyId: number): Promise<LinkedRow[]> {
  return tx
    .selectFrom('documents')
    .select(['id', 'title', 'index_no', 'status', 'interpretation_form'])
    .where('agency_id', '=', scope.agencyId)
    .where('interprets_id', '=', policyId)
    .orderBy('id')
    .execute();
}

/** One document of the scope as a link (title, 索引号, status), or undefined. */
export async function linkedRow(tx: Tx, scope: AgencyScope, id: number | null): Promise<LinkedRow | undefined> {
  if (id === null) return undefined;
  return tx.selectFrom('documents').select(['id', 'title', 'index_no', 'status', 'interpretation_form']).where('agency_id', '=', scope.agencyId).where('id', '=', id).executeTakeFirst();
}

/** The revision of a withdrawn document, if one was made. */
export async function revisionRow(tx: Tx, scope: AgencyScope, id: number): Promise<LinkedRow | undefined> {
  return tx.selectFrom('documents').select(['id', 'title', 'index_no', 'status', 'interpretation_form']).where('agency_id', '=', scope.agencyId).where('revises_id', '=', id).executeTakeFirst();
}

/**
 * The 三同步 condition in SQL: a 规章 or 规范性文件, not withdrawn, without an exemption and
 * without a 解读 that is not withdrawn. The list filter and the per-row flag use it alike.
 */
export function lacksInterpretationSql(eb: ExpressionBuilder<Database, 'documents'>) {
  return eb.and([
    eb('documents.doc_kind', 'in', ['rule', 'normative']),
    eb('documents.status', '!=', 'withdrawn'),
    eb('documents.exemption_reason', 'is', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('documents as i')
          .select('i.id')
          .whereRef('i.interprets_id', '=', 'documents.id')
          .where('i.status', '!=', 'withdrawn'),
      ),
    ),
  ]);
}

/** Which of these documents of the scope lack a 解读 (see lacksInterpretationSql). */
export async function lackingInterpretation(tx: Tx, scope: AgencyScope, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await tx.selectFrom('documents').select('id').where('agency_id', '=', scope.agencyId).where('id', 'in', ids).where(lacksInterpretationSql).execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether a document of the scope has an image attachment (a 图解's picture). */
export async function hasImageAttachment(tx: Tx, scope: AgencyScope, documentId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('document_attachments')
    .innerJoin('documents', 'documents.id', 'document_attachments.document_id')
    .select('document_attachments.id')
    .where('document_attachments.document_id', '=', documentId)
    .where('documents.agency_id', '=', scope.agencyId)
    .where('document_attachments.kind', 'in', ['png', 'jpeg', 'gif', 'webp'])
    .executeTakeFirst();
  return !!row;
}

/** Display names of users (who recorded an exemption or returned a draft). */
export async function userNames(tx: Tx, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map();
  const rows = await tx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
