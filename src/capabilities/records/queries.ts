/** Reads of the records capability for the workspace, and the published contact for the portal. */
import { assessmentTotals } from '../../domain/records/assessment.ts';
import { permissions } from '../../domain/access/policy.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { AppError } from '../../services/errors.ts';
import { allows, publicIntakeScope, scopeFor } from '../../services/policy.ts';
import type { Assessment, PublicContact, ResponsiblePerson, TrainingYear } from './contract.ts';
import * as q from './sql.ts';

export async function listTraining(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<TrainingYear> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const rows = await q.trainingRows(deps.db, scope, year);
  return {
    agencyId,
    year,
    items: rows.map((r) => ({ id: r.id, agencyId: r.agency_id, heldOn: r.held_on, topic: r.topic, trainer: r.trainer, attendeeCount: r.attendee_count, attendeeNames: r.attendee_names, materials: r.materials, updatedAt: r.updated_at })),
    sessions: rows.length,
    attendances: rows.reduce((s, r) => s + r.attendee_count, 0),
  };
}

export async function listPersons(deps: ServiceDeps, actor: Actor, agencyId: number): Promise<ResponsiblePerson[]> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  return (await q.personRows(deps.db, scope)).map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    post: r.post,
    phone: r.phone,
    officePhone: r.office_phone,
    email: r.email,
    since: r.since,
    until: r.until,
    isContact: r.is_contact === 1,
  }));
}

/** The contact an agency published (公开指南): name, post, office phone and e-mail only; null if none is marked. */
export async function publicContact(deps: ServiceDeps, agencyId: number): Promise<PublicContact | null> {
  // A closed (撤销) agency's pages stay readable, but it has no contact any more.
  const scope = await publicIntakeScope(deps.db, agencyId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'AGENCY_CLOSED') return null;
    throw err;
  });
  if (!scope) return null;
  const row = await q.publicContactRow(deps.db, scope);
  return row ? { name: row.name, post: row.post, officePhone: row.office_phone, email: row.email } : null;
}

export async function getAssessment(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<Assessment> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const rows = await q.assessmentRows(deps.db, scope, year);
  const docIds = new Set<number>(rows.flatMap((r) => JSON.parse(r.evidence_document_ids) as number[]));
  const titles = await q.documentTitles(deps.db, scope, [...docIds]);
  const items = rows.map((r) => {
    const ids = JSON.parse(r.evidence_document_ids) as number[];
    return {
      id: r.id,
      name: r.name,
      weight: r.weight_tenths / 10,
      selfScore: r.self_tenths === null ? null : r.self_tenths / 10,
      evidenceText: r.evidence_text,
      evidenceDocumentIds: ids,
      evidenceDocuments: ids.map((id) => ({ id, title: titles.get(id) ?? `（文件 ${id}）` })),
      superiorScore: r.superior_tenths === null ? null : r.superior_tenths / 10,
      superiorNote: r.superior_note,
    };
  });
  const last = rows.filter((r) => r.superior_at).sort((a, b) => (a.superior_at! < b.superior_at! ? 1 : -1))[0];
  const agency = await deps.db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow();
  const canScore = actor.kind === 'system' || (allows(scope, 'records.scoreSubordinates') && (await q.holdsSuperiorGrant(deps.db, scope, actor.userId, permissions['records.scoreSubordinates'])));
  return {
    agencyId,
    agencyName: agency.name,
    year,
    items,
    totals: assessmentTotals(items),
    scoredBy: last?.superior_by ? await q.userName(deps.db, last.superior_by) : null,
    scoredAt: last?.superior_at ?? null,
    canScore,
    canEdit: allows(scope, 'records.edit'),
  };
}
