/**
 * Meetings (座谈会, 村民会议, 政府开放日): validation in one round (every problem on its field), the
 * writes with their audit entries, and the reads with the follow-ups' state. A meeting is saved as a
 * whole with its follow-up items: an item sent with its id is updated, an item left out is marked
 * deleted, as the assessment's items are (decision 022).
 */
import { dateProblem } from '../../domain/calendar/iso-date.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { notFound } from '../../services/errors.ts';
import { auditedWrite, invalidInput } from '../../services/audited-write.ts';
import { allows, scopeFor } from '../../services/policy.ts';
import { meetingFieldLabels as F, meetingKindLabels, meetingKinds, meetingLimits as L, type FollowUp, type Meeting, type MeetingInput, type MeetingYear } from './meetings-contract.ts';
import * as q from './meetings-sql.ts';

interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

const len = (s: string | null | undefined): number => [...(s ?? '').trim()].length;

/** Every problem of a meeting, each with its field (follow-ups by path: followUps.2.dueOn). Pure. */
export function meetingProblems(input: MeetingInput, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  const text = (field: string, value: string, label: string, max: number, required: boolean) => {
    if (required && len(value) === 0) add(field, 'REQUIRED', `请填写${label}`);
    else if (len(value) > max) add(field, 'TOO_LONG', `${label}不能超过 ${max} 个字，现为 ${len(value)} 个字`);
  };
  if (!meetingKinds.includes(input.kind)) add('kind', 'INVALID_KIND', `请选择${F.kind}：${Object.values(meetingKindLabels).join('、')}`);
  const d = dateProblem(input.heldOn, F.heldOn);
  if (d) add('heldOn', 'INVALID_DATE', d);
  else if (input.heldOn > today) add('heldOn', 'FUTURE_DATE', `${F.heldOn}不能晚于今天（${today}）：只记录已召开的会议`);
  text('title', input.title, F.title, L.title, true);
  if (!Number.isInteger(input.participantCount) || input.participantCount < 1 || input.participantCount > L.maxParticipants) add('participantCount', 'INVALID_COUNT', `${F.participantCount}应为 1 至 ${L.maxParticipants} 之间的整数`);
  const kinds = input.participantKinds.map((k) => k.trim()).filter(Boolean);
  if (kinds.length === 0) add('participantKinds', 'REQUIRED', `请至少选择或填写一类${F.participantKinds}`);
  else if (kinds.length > L.kinds || kinds.some((k) => len(k) > L.kindLength)) add('participantKinds', 'TOO_LONG', `${F.participantKinds}至多 ${L.kinds} 类，每类不超过 ${L.kindLength} 个字`);
  text('topics', input.topics, F.topics, L.topics, true);
  text('minutes', input.minutes, F.minutes, L.minutes, false);
  if (input.followUps.length > L.followUps) add('followUps', 'TOO_MANY', `${F.followUps}至多 ${L.followUps} 项`);
  input.followUps.forEach((f, i) => {
    const n = `第 ${i + 1} 项跟进事项：`;
    if (len(f.item) === 0) add(`followUps.${i}.item`, 'REQUIRED', `${n}请填写事项内容`);
    else if (len(f.item) > L.item) add(`followUps.${i}.item`, 'TOO_LONG', `${n}事项内容不能超过 ${L.item} 个字`);
    if (len(f.owner) === 0) add(`followUps.${i}.owner`, 'REQUIRED', `${n}请填写${F['followUps.owner']}`);
    else if (len(f.owner) > L.owner) add(`followUps.${i}.owner`, 'TOO_LONG', `${n}${F['followUps.owner']}不能超过 ${L.owner} 个字`);
    const due = dateProblem(f.dueOn, F['followUps.dueOn']);
    if (due) add(`followUps.${i}.dueOn`, 'INVALID_DATE', `${n}${due}`);
    else if (!d && f.dueOn < input.heldOn) add(`followUps.${i}.dueOn`, 'DUE_BEFORE_MEETING', `${n}${F['followUps.dueOn']}不能早于会议日期`);
    if (f.doneOn !== null) {
      const done = dateProblem(f.doneOn, F['followUps.doneOn']);
      if (done) add(`followUps.${i}.doneOn`, 'INVALID_DATE', `${n}${done}`);
      else if (f.doneOn > today) add(`followUps.${i}.doneOn`, 'FUTURE_DATE', `${n}${F['followUps.doneOn']}不能晚于今天`);
      else if (!d && f.doneOn < input.heldOn) add(`followUps.${i}.doneOn`, 'DONE_BEFORE_MEETING', `${n}${F['followUps.doneOn']}不能早于会议日期`);
    }
  });
  return out;
}

const meetingValues = (input: MeetingInput, at: string) => ({
  kind: input.kind,
  held_on: input.heldOn,
  title: input.title.trim(),
  participant_count: input.participantCount,
  participant_kinds: JSON.stringify(input.participantKinds.map((k) => k.trim()).filter(Boolean)),
  topics: input.topics.trim(),
  minutes: input.minutes.trim(),
  updated_at: at,
});

async function saveMeeting(deps: ServiceDeps, actor: Actor, agencyId: number, id: number | null, input: MeetingInput): Promise<{ id: number }> {
  const problems = meetingProblems(input, chinaDate(deps.now()));
  if (problems.length) throw invalidInput(problems);
  return auditedWrite(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const values = meetingValues(input, at);
    const before = id === null ? undefined : await q.meetingRow(tx, scope, id);
    if (id !== null && !before) throw notFound('会议记录');
    const saved = before ? (await q.updateMeeting(tx, scope, before.id, values), before.id) : await q.insertMeeting(tx, scope, { ...values, created_at: at });
    const known = new Map((await q.followUpRows(tx, scope, [saved])).map((r) => [r.id, r]));
    const unknown = input.followUps.flatMap((f, i) => (f.id !== undefined && !known.has(f.id) ? [{ field: `followUps.${i}.item`, code: 'UNKNOWN_FOLLOW_UP', message: `第 ${i + 1} 项跟进事项（编号 ${f.id}）不属于该会议` }] : []));
    if (unknown.length) throw invalidInput(unknown);
    const kept = new Set<number>();
    for (const [sort, f] of input.followUps.entries()) {
      const v = { sort, item: f.item.trim(), owner: f.owner.trim(), due_on: f.dueOn, done_on: f.doneOn };
      if (f.id === undefined) await q.insertFollowUp(tx, scope, { ...v, meeting_id: saved });
      else {
        kept.add(f.id);
        await q.updateFollowUp(tx, scope, f.id, v);
      }
    }
    for (const r of known.values()) if (!kept.has(r.id)) await q.updateFollowUp(tx, scope, r.id, { deleted_at: at });
    const brief = (items: { item: string; owner: string; due_on?: string; dueOn?: string }[]) => items.map((f) => `${f.item}（${f.owner}，${f.due_on ?? f.dueOn}前）`);
    return {
      result: { id: saved },
      audit: { action: before ? 'meeting.update' : 'meeting.create', entity: 'meeting', id: saved, before: before ? { ...before, followUps: brief([...known.values()]) } : null, after: { ...values, followUps: brief(input.followUps) } },
    };
  });
}

export const createMeeting = (deps: ServiceDeps, actor: Actor, agencyId: number, input: MeetingInput) => saveMeeting(deps, actor, agencyId, null, input);
export const updateMeeting = (deps: ServiceDeps, actor: Actor, agencyId: number, id: number, input: MeetingInput) => saveMeeting(deps, actor, agencyId, id, input);

export async function deleteMeeting(deps: ServiceDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  await auditedWrite(deps, actor, agencyId, 'records.edit', async (tx, scope, at) => {
    const before = await q.meetingRow(tx, scope, id);
    if (!before) throw notFound('会议记录');
    await q.updateMeeting(tx, scope, id, { deleted_at: at });
    return { result: undefined, audit: { action: 'meeting.delete', entity: 'meeting', id, before } };
  });
}

export async function listMeetings(deps: ServiceDeps, actor: Actor, agencyId: number, year: number): Promise<MeetingYear & { canEdit: boolean }> {
  const scope = await scopeFor(deps.db, actor, agencyId);
  const today = chinaDate(deps.now());
  const rows = await q.meetingRows(deps.db, scope, year);
  const follow = await q.followUpRows(deps.db, scope, rows.map((r) => r.id));
  const items: Meeting[] = rows.map((r) => {
    const followUps: FollowUp[] = follow.filter((f) => f.meeting_id === r.id).map((f) => ({ id: f.id, item: f.item, owner: f.owner, dueOn: f.due_on, doneOn: f.done_on, overdue: f.done_on === null && f.due_on < today }));
    return {
      id: r.id,
      agencyId: r.agency_id,
      kind: r.kind,
      kindLabel: meetingKindLabels[r.kind],
      heldOn: r.held_on,
      title: r.title,
      participantCount: r.participant_count,
      participantKinds: JSON.parse(r.participant_kinds) as string[],
      topics: r.topics,
      minutes: r.minutes,
      followUps,
      openFollowUps: followUps.filter((f) => f.doneOn === null).length,
      overdueFollowUps: followUps.filter((f) => f.overdue).length,
    };
  });
  const counts = Object.fromEntries(meetingKinds.map((k) => [k, items.filter((m) => m.kind === k).length])) as MeetingYear['counts'];
  return { agencyId, year, items, counts, participants: items.reduce((s, m) => s + m.participantCount, 0), canEdit: allows(scope, 'records.edit') };
}
