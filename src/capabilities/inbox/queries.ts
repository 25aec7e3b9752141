/**
 * The inbox of the signed-in user: for every agency in reach, the waiting work that the user's
 * roles there may act on (the policy decides, per agency), with a link to the list.
 */
import type { Actor, ServiceDeps } from '../../services/context.ts';
import { agencyIdsInReach, allows, scopeFor, type AgencyScope } from '../../services/policy.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { documentsInStatus, extensionsWaiting, reportsWaiting, returnedDrafts } from './sql.ts';
import { messageExtensionsWaiting, messagesInPhase, messagesRed, messagesReturnedTo } from './messages-sql.ts';
import { consultationsToClose } from '../consultations/sql.ts';
import { inboxKindLabels, type Inbox, type InboxItem, type InboxKind } from './contract.ts';

/** Agencies beyond this many are not counted one by one: a province-wide operator uses the supervision views instead. */
const MAX_AGENCIES = 200;

async function agencyItems(deps: ServiceDeps, scope: AgencyScope, userId: number, agencyName: string): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  const add = (kind: InboxKind, count: number, path: string) => {
    if (count > 0) items.push({ kind, label: inboxKindLabels[kind], agencyId: scope.agencyId, agencyName, count, path });
  };
  const db = deps.db;
  if (allows(scope, 'documents.review')) add('documentReview', await documentsInStatus(db, scope, 'submitted', userId), '/proactive?status=submitted');
  if (allows(scope, 'documents.approve')) add('documentApproval', await documentsInStatus(db, scope, 'reviewed', userId), '/proactive?status=reviewed');
  if (allows(scope, 'documents.publish')) add('documentPublication', await documentsInStatus(db, scope, 'approved'), '/proactive?status=approved');
  if (allows(scope, 'documents.draft')) add('returnedDraft', await returnedDrafts(db, scope, userId), '/proactive?status=draft');
  if (allows(scope, 'requests.approveExtension')) add('extensionApproval', await extensionsWaiting(db, scope), '/requests?phase=open');
  if (allows(scope, 'reports.publish')) {
    const years = await reportsWaiting(db, scope);
    add('reportPublication', years.length, '/reports');
  }
  await messageItems(deps, scope, userId, add);
  // 意见征集 whose period ended: close them with the 意见采纳情况 (decision 024).
  if (allows(scope, 'consultations.record')) add('consultationToClose', await consultationsToClose(db, scope, chinaDate(deps.now())), '/interaction/consultations?state=open');
  return items;
}

/** 留言 (decision 016): each reply step to the role that takes it, never to whom the separation of duties bars. */
async function messageItems(deps: ServiceDeps, scope: AgencyScope, userId: number, add: (kind: InboxKind, count: number, path: string) => void): Promise<void> {
  const db = deps.db;
  const list = '/interaction';
  if (allows(scope, 'messages.record')) {
    add('messageAcceptance', await messagesInPhase(db, scope, 'awaitingAcceptance'), `${list}?phase=awaitingAcceptance`);
    add('messageReply', await messagesInPhase(db, scope, 'handling'), `${list}?phase=handling`);
    add('messageReturnedReply', await messagesReturnedTo(db, scope, userId), `${list}?phase=handling`);
  }
  if (allows(scope, 'messages.reviewReply')) {
    add('messageReview', await messagesInPhase(db, scope, 'replyInReview', { userId, types: ['replyDrafted'] }), `${list}?phase=replyInReview`);
  }
  if (allows(scope, 'messages.approveReply')) {
    add('messageApproval', await messagesInPhase(db, scope, 'replyReviewed', { userId, types: ['replyDrafted', 'replyReviewed'] }), `${list}?phase=replyReviewed`);
  }
  // The list cannot filter on a pending extension: the link opens the open messages.
  if (allows(scope, 'messages.approveExtension')) add('messageExtensionApproval', await messageExtensionsWaiting(db, scope), `${list}?phase=open`);
  if (allows(scope, 'messages.record')) {
    add('messageRedAlert', await messagesRed(db, scope, chinaDate(deps.now())), `${list}?due=red`);
  }
}

export async function inboxOf(deps: ServiceDeps, actor: Actor & { kind: 'user' }): Promise<Inbox> {
  const ids = (await agencyIdsInReach(deps.db, actor.userId)).slice(0, MAX_AGENCIES);
  const names = new Map((ids.length ? await deps.db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', ids).execute() : []).map((a) => [a.id, a.name]));
  const items: InboxItem[] = [];
  for (const id of ids) {
    const scope = await scopeFor(deps.db, actor, id);
    items.push(...(await agencyItems(deps, scope, actor.userId, names.get(id) ?? '')));
  }
  return { items, notYet: [] };
}
