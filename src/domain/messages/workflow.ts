/**
 * The message as a kind of case for the workflow engine (domain/workflow/engine.ts): its fold,
 * the policy's roles, and the representative events that decide whether a type is possible now.
 * A factory, because the rating period is counted on the working-day calendar.
 */
import type { IsoDate, WorkingCalendar } from '../calendar/index.ts';
import type { Role } from '../access/policy.ts';
import type { CaseKind } from '../workflow/engine.ts';
import { applyMessageEvent, messageRoleMayRecord, type MessageEvent, type MessageEventType, type MessageState } from './lifecycle.ts';

/** Event types staff record, in the order the workspace offers them ('received' only starts a case). */
export const messageEventTypes: readonly Exclude<MessageEventType, 'received'>[] = [
  'accepted',
  'rejected',
  'transferred',
  'extensionRequested',
  'extensionApproved',
  'extensionRejected',
  'replyDrafted',
  'replyReturned',
  'replyReviewed',
  'replyApproved',
  'published',
  'rated',
  'note',
];

/** A user id different from everyone who has taken a reply step: the state admits the step by someone. */
function someoneElse(s: MessageState): number {
  return Math.max(0, s.draft?.by ?? 0, s.draft?.reviewedBy ?? 0) + 1;
}

function representatives(s: MessageState, type: MessageEventType, date: IsoDate): MessageEvent[] {
  const by = someoneElse(s);
  switch (type) {
    case 'received':
      return [];
    case 'accepted':
      return [{ type, date }];
    case 'rejected':
      return [{ type, date, reason: 'duplicate' }];
    case 'transferred':
      return [{ type, date, toAgencyId: 1, toAgencyName: '承办机关' }];
    case 'extensionRequested':
      return [{ type, date, workingDays: 1, reason: '需要调查核实' }];
    case 'extensionApproved':
      return [{ type, date, notice: '已告知留言人延期后的答复日期' }];
    case 'extensionRejected':
      return [{ type, date, reason: '理由不充分' }];
    case 'replyDrafted':
      return [{ type, date, by, text: '答复内容' }];
    case 'replyReturned':
      return [{ type, date, by, reason: '请补充依据' }];
    case 'replyReviewed':
    case 'replyApproved':
      return [{ type, date, by }];
    case 'published':
      return [{ type, date }];
    case 'convertedToRequest':
      return [{ type, date, requestId: 1, requestQueryCode: 'XXXX-XXXX-XXXX' }];
    case 'rated':
      return [{ type, date, rating: 'satisfied' }];
    case 'note':
      return [{ type, date, text: '备注' }];
  }
}

export function messageKind(calendar: WorkingCalendar): CaseKind<MessageState, MessageEvent, Role> {
  return {
    eventTypes: messageEventTypes,
    apply: (state, event) => applyMessageEvent(state, event, calendar),
    mayRecord: (type, roles) => messageRoleMayRecord(type, roles),
    representatives: (state, type, date) => representatives(state, type, date),
  };
}
