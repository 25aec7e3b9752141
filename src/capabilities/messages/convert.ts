/**
 * 不予受理 as 属依申请公开, then one click: the message becomes a 依申请公开 request through the
 * requests capability's own intake (its rules, its clock), received on the message's receipt date,
 * and each links to the other (the message's event names the request; the request gets a note).
 */
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { replayMessage, type MessageChannel, type MessageEvent } from '../../domain/messages/index.ts';
import type { IntakeInput } from '../requests/contract.ts';
import { intakeRequest, recordEvent } from '../requests/commands.ts';
import { appendAudit } from '../../storage/audit.ts';
import { AppError, forbidden } from '../../services/errors.ts';
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { loadCalendar } from '../../services/calendar.ts';
import { allows, scopeFor } from '../../services/policy.ts';
import { agencyOfMessage, appendMessageEvents, eventsOf, messageEventRows, messageRow } from './sql.ts';

/** How the message came in, as the request's channel and its 收到 (条例第三十一条). */
function channelOf(channel: MessageChannel, date: string): Pick<IntakeInput, 'channel' | 'receipt'> {
  if (channel === 'inPerson') return { channel: 'inPerson' };
  if (channel === 'letter') return { channel: 'mail', receipt: { date, method: 'signedFor' } };
  // A portal message and a note from the 意见箱 were received on the day they were registered.
  return { channel: channel === 'online' ? 'online' : 'other', receipt: { date, method: 'confirmed' } };
}

export async function convertToRequest(deps: ServiceDeps, actor: Actor & { kind: 'user' }, id: number): Promise<{ requestId: number; queryCode: string }> {
  const agencyId = await agencyOfMessage(deps.db, id);
  const scope = await scopeFor(deps.db, actor, agencyId, 'messages.record');
  if (!allows(scope, 'messages.personalData')) throw forbidden('转为申请须读取留言人信息，您的角色不能执行此操作');
  const row = await messageRow(deps.db, scope, id);
  const calendar = await loadCalendar(deps.db);
  const replayed = replayMessage(eventsOf(await messageEventRows(deps.db, scope, id)), calendar);
  if (!replayed.ok) throw new AppError('HISTORY_INVALID', replayed.errors.join('；'), 500);
  const s = replayed.value;
  if (s.rejection?.reason !== 'disclosureRequest') throw new AppError('NOT_A_DISCLOSURE_REQUEST', '只有以“属依申请公开”不予受理的留言可以转为依申请公开申请', 409);
  if (s.convertedRequest) throw new AppError('ALREADY_CONVERTED', `该留言已转为依申请公开申请（查询码 ${s.convertedRequest.queryCode}）`, 409);
  const created = await intakeRequest(deps, actor, {
    agencyId,
    ...channelOf(s.channel, s.receivedDate),
    submittedDate: s.receivedDate,
    applicant: { type: 'natural_person', name: row.writer_name, phone: row.writer_phone, email: row.writer_email ?? undefined, address: row.writer_address ?? undefined },
    description: `${row.title}\n${row.body}`,
    requestedForm: 'either',
    delivery: row.writer_email ? 'email' : 'online',
  });
  const today = chinaDate(deps.now());
  await recordEvent(deps, actor, created.id, { type: 'note', date: today, text: `由留言（查询码 ${row.query_code}）转为依申请公开申请，以收到留言之日 ${s.receivedDate} 为收到申请之日` });
  await deps.db.transaction().execute(async (tx) => {
    const existing = eventsOf(await messageEventRows(tx, scope, id));
    const event: MessageEvent = { type: 'convertedToRequest', date: today, requestId: created.id, requestQueryCode: created.queryCode };
    await appendMessageEvents(tx, deps, scope, id, existing, [event], actor.userId, calendar, today);
    await appendAudit(tx, { at: deps.now(), actorUserId: actor.userId, agencyId, action: 'message.convertedToRequest', entity: 'message', entityId: id, after: event });
  });
  return { requestId: created.id, queryCode: created.queryCode };
}
