/**
 * What the screens and lists read about a request, derived from its events and the calendar:
 * deadlines, the status label, the stored projection, checks against the clock, and how the
 * request counts in a year's report. Pure.
 */
import { addDays, compareIsoDates, type IsoDate, type WorkingCalendar } from '../calendar/index.ts';
import { computeRequestDeadlines, type RequestDeadlineInput, type RequestDeadlines } from '../deadlines/index.ts';
import { outcomeLabels, type OutcomeCode } from './outcomes.ts';
import { phaseLabels, receiptChannelOf, replay, type RequestEvent, type RequestPhase, type RequestState, type Result } from './lifecycle.ts';

const fail = (...errors: string[]): { ok: false; errors: string[] } => ({ ok: false, errors });

/** Maps the state to the deadline calculator's input. */
export function deadlineInput(s: RequestState, today: IsoDate): RequestDeadlineInput | null {
  if (!s.receiptDate) return null;
  const channel = receiptChannelOf(s.channel, s.receiptMethod);
  return {
    channel,
    ...(channel === 'inPerson' ? { submittedDate: s.receiptDate } : channel === 'registeredMail' ? { signedForDate: s.receiptDate } : { confirmedDate: s.receiptDate }),
    today: s.closedDate ?? today,
    ...(s.correction
      ? {
          correction: {
            noticeServedDate: s.correction.servedDate,
            periodWorkingDays: s.correction.periodWorkingDays,
            ...(s.correction.receivedDate ? { supplementReceivedDate: s.correction.receivedDate } : {}),
          },
        }
      : {}),
    consultations: s.consultations.map((c) => ({
      kind: c.kind,
      sentDate: c.sentDate,
      party: c.party,
      ...(c.deliveredDate ? { deliveredDate: c.deliveredDate } : {}),
      ...(c.endedDate ? { replyDate: c.endedDate } : {}),
    })),
    ...(s.fee
      ? {
          feeNotice: {
            sentDate: s.fee.sentDate,
            ...(s.fee.receivedDate ? { receivedDate: s.fee.receivedDate } : {}),
            ...(s.fee.paidDate ? { paidDate: s.fee.paidDate } : {}),
          },
        }
      : {}),
    extensions:
      s.extension?.status === 'approved'
        ? [{ approved: true, workingDays: s.extension.workingDays, decidedDate: s.extension.decidedDate ?? s.extension.requestedDate }]
        : [],
    ...(s.excessive?.dueDate ? { excessive: { dueDate: s.excessive.dueDate, ...(s.excessive.noticeDate ? { noticeDate: s.excessive.noticeDate } : {}) } } : {}),
  };
}

export interface RequestView {
  state: RequestState;
  deadlines: RequestDeadlines | null;
  /** Chinese status for staff and the public tracking page. */
  statusLabel: string;
  /** The reply deadline that applies now (null before receipt, while awaiting 补正, or once closed). */
  dueDate: IsoDate | null;
  dueProvisional: boolean;
  overdue: boolean;
  /** Working days left until the due date (0 on the day itself), when open. */
  workingDaysLeft: number | null;
  /** A lapse the staff must act on: the 补正 or payment period ran out. */
  lapsed: 'correction' | 'fee' | null;
}

/** Everything the screens show about a request, derived from its events and the calendar. */
export function viewRequest(events: readonly RequestEvent[], calendar: WorkingCalendar, today: IsoDate): Result<RequestView> {
  const replayed = replay(events);
  if (!replayed.ok) return replayed;
  const state = replayed.value;
  const input = deadlineInput(state, today);
  let deadlines: RequestDeadlines | null = null;
  if (input) {
    const computed = computeRequestDeadlines(input, calendar);
    if (!computed.ok) return fail(...computed.errors);
    deadlines = computed.value;
  }
  const open = state.phase !== 'closed';
  const due = deadlines && open && state.phase !== 'awaitingCorrection' ? deadlines.finalReplyDue.date ?? null : null;
  let workingDaysLeft: number | null = null;
  let overdue = false;
  if (due) {
    if (compareIsoDates(today, due) > 0) overdue = true;
    else workingDaysLeft = calendar.countWorkingDays(addDays(today, 1), due);
  }
  const lapsed = open && deadlines?.outcome ? (deadlines.outcome.code === 'correctionLapsed' ? 'correction' : 'fee') : null;
  const statusLabel = statusLabelOf(state.phase, state.outcome, state.extension?.status ?? null);
  return {
    ok: true,
    value: {
      state,
      deadlines,
      statusLabel,
      dueDate: due,
      dueProvisional: due ? deadlines!.finalReplyDue.provisional : false,
      overdue,
      workingDaysLeft,
      lapsed,
    },
  };
}

/** The status people read, from the phase, the outcome and the extension's state. */
export function statusLabelOf(phase: RequestPhase, outcome: OutcomeCode | null, extension: 'requested' | 'approved' | 'rejected' | null): string {
  if (phase === 'closed' && outcome) return `已办结（${outcomeLabels[outcome].leaf}）`;
  if (extension === 'requested') return `${phaseLabels[phase]}（延期待审批）`;
  if (extension === 'approved') return `${phaseLabels[phase]}（已延期）`;
  return phaseLabels[phase];
}

/**
 * What a request's row stores beside it, so that lists, filters and reminders need no replay:
 * recomputed when an event is appended and when the calendar changes.
 */
export interface RequestProjection {
  phase: RequestPhase;
  outcome: OutcomeCode | null;
  receiptDate: IsoDate | null;
  closedDate: IsoDate | null;
  dueDate: IsoDate | null;
  dueProvisional: boolean;
  /** Last day of a running 补正 or payment period: after it, the request has lapsed. */
  lapseDue: IsoDate | null;
  extensionStatus: 'requested' | 'approved' | 'rejected' | null;
}

export function projectRequest(view: RequestView): RequestProjection {
  const s = view.state;
  const lapseDue =
    s.phase === 'awaitingCorrection' ? (view.deadlines?.correctionPeriodDue?.date ?? null) : s.phase === 'awaitingPayment' ? (view.deadlines?.paymentDue?.date ?? null) : null;
  return {
    phase: s.phase,
    outcome: s.outcome,
    receiptDate: s.receiptDate,
    closedDate: s.closedDate,
    dueDate: view.dueDate,
    dueProvisional: view.dueProvisional,
    lapseDue,
    extensionStatus: s.extension?.status ?? null,
  };
}

/**
 * Checks that need the clock: an outcome for a lapsed period is allowed only once the
 * period has actually run out.
 */
export function checkAgainstClock(view: RequestView, event: RequestEvent): string[] {
  if (event.type !== 'replied') return [];
  const lapse = view.deadlines?.outcome;
  if (event.outcome === 'other.correction_not_supplemented') {
    const due = view.deadlines?.correctionPeriodDue?.date;
    if (!due || compareIsoDates(event.date, due) <= 0 || lapse?.code !== 'correctionLapsed') {
      return [`补正期限${due ? `（${due}）` : ''}尚未届满，不能按“逾期不补正”处理`];
    }
  }
  if (event.outcome === 'other.fee_not_paid') {
    const due = view.deadlines?.paymentDue?.date;
    if (!due || compareIsoDates(event.date, due) <= 0 || lapse?.code !== 'feeLapsed') {
      return [`缴费期限${due ? `（${due}）` : ''}尚未届满，不能按“逾期未缴费”处理`];
    }
  }
  return [];
}

/** How a request counts in the annual report of `year` (table 三). */
export interface YearStatus {
  newInYear: boolean;
  carriedIn: boolean;
  outcomeInYear: OutcomeCode | null;
  carriedOut: boolean;
}

export function yearStatus(state: RequestState, year: number): YearStatus {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const received = state.receiptDate;
  if (!received || compareIsoDates(received, end) > 0) {
    return { newInYear: false, carriedIn: false, outcomeInYear: null, carriedOut: false };
  }
  const closedBeforeYear = state.closedDate !== null && compareIsoDates(state.closedDate, start) < 0;
  const closedInYear = state.closedDate !== null && !closedBeforeYear && compareIsoDates(state.closedDate, end) <= 0;
  const newInYear = compareIsoDates(received, start) >= 0;
  return {
    newInYear,
    carriedIn: !newInYear && !closedBeforeYear,
    outcomeInYear: closedInYear ? state.outcome : null,
    carriedOut: !closedBeforeYear && !closedInYear,
  };
}
