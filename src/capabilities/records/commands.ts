/**
 * Writes of the records capability: validation (every problem with its field), the policy check,
 * the transaction and the audit entry. Nothing is lost: a deletion marks the row, and every
 * change is in the audit log with its before and after.
 */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { assessmentProblems, scoreProblem } from '../../domain/records/assessment.ts';
import { permissions } from '../../domain/access/policy.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden, notFound } from '../../services/errors.ts';
import type { Actor, ServiceDeps, Tx } from '../../services/context.ts';
import { scopeFor, type AgencyScope } from '../../services/policy.ts';
import type { AssessmentItemInput, PersonInput, SuperiorScoreInput, TrainingInput } from './contract.ts';
import { personProblems, trainingProblems, type FieldProblem } from './validation.ts';
import * as q from './sql.ts';

const invalid = (problems: FieldProblem[]): AppError =>
  new AppError(problems[0]!.code, problems.map((p) => p.message).join('；'), 400, { problems: problems.map((p) => p.message), fields: problems });

const userOf = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);
const tenths = (n: number | null): number | null => (n === null ? null : Math.round(n * 10));

interface Audit {
  action: string;
  entity: string;
  id: number | string;
  before?: unknown;
  after?: unknown;
}

/** Runs `work` in a transaction with a scope for `permission`, then records `audit` of what it returns. */
async function write<T>(deps: ServiceDeps, actor: Actor, agencyId: number, permission: 'records.edit', work: (tx: Tx, scope: AgencyScope, at: string) => Promise<{ result: T; audit: Audit }>): Promise<T> {
  return deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, permission);
    const now = deps.now();
    const { result, audit } = await work(tx, scope, now.toISOString());
    await appendAudit(tx, { at: now, actorUserId: userOf(actor), agencyId, action: audit.action, entity: audit.entity, entityId: audit.id, before: audit.before ?? null, after: audit.after ?? null });
    return result;
  });
}

const trainingValues = (input: TrainingInput, at: string) => ({
  held_on: input.heldOn,
  topic: input.topic.trim(),
  trainer: input.trainer.trim(),
  attendee_count: input.attendeeCount,
  attendee_names: input.attendeeNames.trim(),
  materials: input.materials.trim(),
  updated_at: at,
});

export async function createTraining(deps: ServiceDeps, actor: Actor, agencyId: number, input: TrainingInput): Promise<{ id: number }> {
  const problems = trainingProblems(input, chinaDate(deps.now()));
  if (problems.length) throw invalid(problems);
  return write(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const row = await q.insertTraining(tx, scope, trainingValues(input, at));
    return { result: { id: row.id }, audit: { action: 'training.create', entity: 'training', id: row.id, after: trainingValues(input, at) } };
  });
}

export async function updateTraining(deps: ServiceDeps, actor: Actor, agencyId: number, id: number, input: TrainingInput): Promise<{ id: number }> {
  const problems = trainingProblems(input, chinaDate(deps.now()));
  if (problems.length) throw invalid(problems);
  return write(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const before = await q.trainingRow(tx, scope, id);
    if (!before) throw notFound('培训记录');
    await q.updateTraining(tx, scope, id, trainingValues(input, at));
    return { result: { id }, audit: { action: 'training.update', entity: 'training', id, before, after: trainingValues(input, at) } };
  });
}

export async function deleteTraining(deps: ServiceDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  await write(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const before = await q.trainingRow(tx, scope, id);
    if (!before) throw notFound('培训记录');
    await q.updateTraining(tx, scope, id, { deleted_at: at });
    return { result: undefined, audit: { action: 'training.delete', entity: 'training', id, before } };
  });
}

const personValues = (input: PersonInput, at: string) => ({
  name: input.name.trim(),
  post: input.post.trim(),
  phone: input.phone.trim(),
  office_phone: input.officePhone.trim(),
  email: input.email.trim(),
  since: input.since,
  until: input.until,
  is_contact: input.isContact ? 1 : 0,
  updated_at: at,
});

async function savePerson(deps: ServiceDeps, actor: Actor, agencyId: number, id: number | null, input: PersonInput): Promise<{ id: number }> {
  const problems = personProblems(input, chinaDate(deps.now()));
  if (problems.length) throw invalid(problems);
  return write(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const values = personValues(input, at);
    const before = id === null ? undefined : await q.personRow(tx, scope, id);
    if (id !== null && !before) throw notFound('负责人记录');
    const saved = before ? (await q.updatePerson(tx, scope, before.id, values), before.id) : (await q.insertPerson(tx, scope, values)).id;
    if (input.isContact) await q.clearContacts(tx, scope, saved);
    return { result: { id: saved }, audit: { action: before ? 'responsible-person.update' : 'responsible-person.create', entity: 'responsible_person', id: saved, before: before ?? null, after: values } };
  });
}

export const createPerson = (deps: ServiceDeps, actor: Actor, agencyId: number, input: PersonInput) => savePerson(deps, actor, agencyId, null, input);
export const updatePerson = (deps: ServiceDeps, actor: Actor, agencyId: number, id: number, input: PersonInput) => savePerson(deps, actor, agencyId, id, input);

export async function deletePerson(deps: ServiceDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  await write(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const before = await q.personRow(tx, scope, id);
    if (!before) throw notFound('负责人记录');
    await q.updatePerson(tx, scope, id, { deleted_at: at, is_contact: 0 });
    return { result: undefined, audit: { action: 'responsible-person.delete', entity: 'responsible_person', id, before } };
  });
}

/**
 * Saves the agency's assessment items of a year as a whole list: weights must sum to 100. An item
 * sent with its id keeps its superior score; an item left out is marked deleted.
 */
export async function saveAssessment(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, items: AssessmentItemInput[]): Promise<void> {
  const problems = assessmentProblems(items);
  items.forEach((item, i) => {
    if ([...item.evidenceText.trim()].length > 1000) problems.push({ field: `items.${i}.evidenceText`, code: 'TOO_LONG', message: `第 ${i + 1} 项：佐证材料说明不能超过 1000 个字` });
  });
  if (problems.length) throw invalid(problems);
  await write(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const before = await q.assessmentRows(tx, scope, year);
    const known = new Map(before.map((r) => [r.id, r]));
    const docs = await q.documentTitles(tx, scope, [...new Set(items.flatMap((i) => i.evidenceDocumentIds))]);
    const late: FieldProblem[] = [];
    items.forEach((item, i) => {
      if (item.id !== undefined && !known.has(item.id)) late.push({ field: `items.${i}.name`, code: 'UNKNOWN_ITEM', message: `第 ${i + 1} 项：考核项目（编号 ${item.id}）不属于本机关 ${year} 年度的考核` });
      const missing = item.evidenceDocumentIds.filter((d) => !docs.has(d));
      if (missing.length) late.push({ field: `items.${i}.evidenceDocumentIds`, code: 'UNKNOWN_DOCUMENT', message: `第 ${i + 1} 项：佐证文件（编号 ${missing.join('、')}）不是本机关目录中的文件` });
    });
    if (late.length) throw invalid(late);
    const kept = new Set<number>();
    for (const [sort, item] of items.entries()) {
      const values = { year, sort, name: item.name.trim(), weight_tenths: tenths(item.weight)!, self_tenths: tenths(item.selfScore), evidence_text: item.evidenceText.trim(), evidence_document_ids: JSON.stringify(item.evidenceDocumentIds), updated_at: at };
      if (item.id === undefined) await q.insertAssessmentItem(tx, scope, values);
      else {
        kept.add(item.id);
        // A changed weight may put the superior's score above it: that score is cleared, to be entered again.
        const old = known.get(item.id)!;
        const clear = old.weight_tenths !== values.weight_tenths && old.superior_tenths !== null && old.superior_tenths > values.weight_tenths;
        await q.updateAssessmentItem(tx, scope, item.id, clear ? { ...values, superior_tenths: null } : values);
      }
    }
    for (const r of before) if (!kept.has(r.id)) await q.updateAssessmentItem(tx, scope, r.id, { deleted_at: at });
    const brief = (rows: { name: string; weight: number; selfScore: number | null }[]) => rows.map((r) => `${r.name} ${r.weight}分${r.selfScore === null ? '' : `（自评 ${r.selfScore}）`}`);
    return {
      result: undefined,
      audit: {
        action: 'assessment.save',
        entity: 'assessment',
        id: `${agencyId}-${year}`,
        before: { year, items: brief(before.map((r) => ({ name: r.name, weight: r.weight_tenths / 10, selfScore: r.self_tenths === null ? null : r.self_tenths / 10 }))) },
        after: { year, items: brief(items) },
      },
    };
  });
}

/**
 * The superior office's scores of a subordinate's items: only a user whose 本机关及下级 grant on an
 * office above the agency allows it (decision 010); the agency's own staff may not score
 * themselves, whatever their roles.
 */
export async function scoreAssessment(deps: ServiceDeps, actor: Actor, agencyId: number, year: number, scores: SuperiorScoreInput[]): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const scope = await scopeFor(tx, actor, agencyId, 'records.scoreSubordinates');
    if (actor.kind === 'user' && !(await q.holdsSuperiorGrant(tx, scope, actor.userId, permissions['records.scoreSubordinates']))) {
      throw forbidden('上级评分须由上级机关（本机关及下级范围）的管理员或负责人填写，本机关人员不能为自己评分');
    }
    const rows = new Map((await q.assessmentRows(tx, scope, year)).map((r) => [r.id, r]));
    const problems: FieldProblem[] = [];
    scores.forEach((s, i) => {
      const row = rows.get(s.itemId);
      if (!row) problems.push({ field: `scores.${i}.score`, code: 'UNKNOWN_ITEM', message: `考核项目（编号 ${s.itemId}）不属于该机关 ${year} 年度的考核` });
      else {
        const p = scoreProblem(s.score, row.weight_tenths / 10, `“${row.name}”的上级评分`);
        if (p) problems.push({ field: `scores.${i}.score`, code: 'INVALID_SUPERIOR_SCORE', message: p });
        if ([...(s.note ?? '')].length > 500) problems.push({ field: `scores.${i}.note`, code: 'TOO_LONG', message: `“${row.name}”的评分说明不能超过 500 个字` });
      }
    });
    if (problems.length) throw invalid(problems);
    const now = deps.now();
    const before: string[] = [];
    const after: string[] = [];
    for (const s of scores) {
      const row = rows.get(s.itemId)!;
      await q.updateAssessmentItem(tx, scope, s.itemId, { superior_tenths: tenths(s.score), superior_note: (s.note ?? '').trim(), superior_by: userOf(actor), superior_at: now.toISOString() });
      before.push(`${row.name}：${row.superior_tenths === null ? '未评' : row.superior_tenths / 10}`);
      after.push(`${row.name}：${s.score === null ? '未评' : s.score}`);
    }
    await appendAudit(tx, { at: now, actorUserId: userOf(actor), agencyId, action: 'assessment.score', entity: 'assessment', entityId: `${agencyId}-${year}`, before: { scores: before }, after: { scores: after } });
  });
}
