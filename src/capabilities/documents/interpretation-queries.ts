/** The document detail's 解读, 三同步, 退回 and version parts, for the workspace (decision 018). */
import { interpretationAloneRefusal, interpretationFormLabels, interpretationGate, needsInterpretation, type InterpretationForm } from '../../domain/documents/interpretation.ts';
import { statusLabels, type DocumentStatus } from '../../domain/documents/catalogue.ts';
import type { DocumentRow } from '../../storage/schema.ts';
import type { Tx } from '../../services/context.ts';
import type { AgencyScope } from '../../services/policy.ts';
import { interpretationRows, linkedRow, revisionRow, userNames, type LinkedRow } from './interpretation-sql.ts';
import type { DocumentDetail, LinkedDocument } from './contract.ts';

type InterpretationParts = Pick<DocumentDetail, 'interpretation' | 'interpretations' | 'interpretationGate' | 'exemption' | 'returned' | 'previousVersion' | 'nextVersion'>;

export function toLinked(r: LinkedRow): LinkedDocument {
  const status = r.status as DocumentStatus;
  return {
    id: r.id,
    title: r.title,
    indexNo: r.index_no,
    status,
    statusLabel: statusLabels[status] ?? r.status,
    ...(r.interpretation_form ? { formLabel: interpretationFormLabels[r.interpretation_form as InterpretationForm] } : {}),
  };
}

export async function interpretationDetail(tx: Tx, scope: AgencyScope, row: DocumentRow): Promise<InterpretationParts> {
  const linked = await interpretationRows(tx, scope, row.id);
  const policy = await linkedRow(tx, scope, row.interprets_id);
  const previous = await linkedRow(tx, scope, row.revises_id);
  const next = await revisionRow(tx, scope, row.id);
  const names = await userNames(tx, [row.exemption_by, row.returned_by]);
  const required = row.interprets_id === null && needsInterpretation(row.doc_kind);
  const gate = required
    ? interpretationGate({ docKind: row.doc_kind, exempted: row.exemption_reason !== null }, linked.map((l) => ({ id: l.id, title: l.title, status: l.status as DocumentStatus })))
    : null;
  const form = row.interpretation_form as InterpretationForm | null;
  // A 解读 goes out with its policy: alone, only once the policy is published.
  const waiting = row.interprets_id !== null && row.status !== 'published' && row.status !== 'withdrawn' ? interpretationAloneRefusal((policy?.status ?? 'withdrawn') as DocumentStatus) : null;
  return {
    interpretation:
      form && policy
        ? { form, formLabel: interpretationFormLabels[form], text: row.interpretation_text, mediaUrl: row.interpretation_media_url, policy: toLinked(policy) }
        : null,
    interpretations: linked.map(toLinked),
    interpretationGate: { required, blocked: gate && !gate.ok ? { code: gate.code, message: gate.message } : waiting ? { code: 'INTERPRETATION_WAITS_FOR_POLICY', message: waiting } : null },
    exemption: row.exemption_reason && row.exemption_at ? { reason: row.exemption_reason, by: names.get(row.exemption_by ?? -1) ?? null, at: row.exemption_at } : null,
    returned: row.returned_reason && row.returned_at ? { reason: row.returned_reason, by: names.get(row.returned_by ?? -1) ?? null, at: row.returned_at } : null,
    previousVersion: previous ? toLinked(previous) : null,
    nextVersion: next ? toLinked(next) : null,
  };
}
