/**
 * The request as a kind of case for the workflow engine (domain/workflow/engine.ts): its events,
 * the fold of lifecycle.ts, the roles of the policy, and for each event type the representative
 * events whose acceptance decides whether the type is possible now.
 */
import { addDays, type IsoDate } from '../calendar/index.ts';
import type { CaseKind } from '../workflow/engine.ts';
import { applyEvent, roleMayRecord, type RequestEvent, type RequestEventType, type RequestState, type StaffRole } from './lifecycle.ts';

/** Event types staff record, in the order the workspace offers them ('submitted' only starts a case). */
export const requestEventTypes: readonly Exclude<RequestEventType, 'submitted'>[] = [
  'receiptConfirmed',
  'correctionRequested',
  'correctionReceived',
  'consultationStarted',
  'consultationEnded',
  'feeNoticeSent',
  'feePaid',
  'extensionRequested',
  'extensionApproved',
  'extensionRejected',
  'excessiveReasonsRequested',
  'excessiveDeadlineSet',
  'replied',
  'note',
];

function representatives(s: RequestState, type: RequestEventType, date: IsoDate): RequestEvent[] {
  switch (type) {
    case 'submitted':
      return [];
    case 'receiptConfirmed':
      return [{ type, date, method: s.channel === 'mail' ? 'signedFor' : 'confirmed' }];
    case 'correctionRequested':
      return [{ type, date, periodWorkingDays: 15, items: ['请补充所需信息的名称'] }];
    case 'correctionReceived':
      return [{ type, date }];
    case 'consultationStarted':
      return [{ type, date, kind: 'thirdParty', party: '第三方' }];
    case 'consultationEnded':
      return [{ type, date, opinion: 'consent' }];
    case 'feeNoticeSent':
      return [{ type, date, method: 'perPage', quantity: 1, amountYuan: 1 }];
    case 'feePaid':
      return [{ type, date, amountYuan: s.fee?.amountYuan ?? 1 }];
    case 'extensionRequested':
      return [{ type, date, workingDays: 20, reason: '需调取档案' }];
    case 'extensionApproved':
      return [{ type, date }];
    case 'extensionRejected':
      return [{ type, date, reason: '理由不充分' }];
    case 'excessiveReasonsRequested':
      return [{ type, date }];
    case 'excessiveDeadlineSet':
      return [{ type, date, dueDate: addDays(date, 30), reason: '申请数量明显超过合理范围' }];
    case 'replied':
      // The outcomes the state decides between: an ordinary answer, and the two lapse outcomes.
      return (['disclosed', 'other.correction_not_supplemented', 'other.fee_not_paid'] as const).map((outcome) => ({ type, date, outcome, reasons: '依据条例作出答复' }));
    case 'note':
      return [{ type, date, text: '备注' }];
  }
}

export const requestKind: CaseKind<RequestState, RequestEvent, StaffRole> = {
  eventTypes: requestEventTypes,
  apply: (state, event) => applyEvent(state, event),
  mayRecord: (type, roles) => roleMayRecord(type, roles),
  representatives: (state, type, date) => representatives(state, type, date),
};
