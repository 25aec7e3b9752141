/**
 * Deadlines of 政府信息公开 work: request clocks (条例第三十至三十五条), proactive publication
 * (第二十六条) and the annual report (第四十九条). Every date carries a Chinese explanation.
 */
export type { ComputedDate, DeadlineResult } from './types.ts';
export {
  computeRequestDeadlines,
  type RequestDeadlines,
  type RequestOutcome,
} from './request-deadlines.ts';
export {
  CONSULTATION_WORKING_DAYS,
  CORRECTION_NOTICE_WORKING_DAYS,
  DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  REPLY_WORKING_DAYS,
  type ConsultationInput,
  type CorrectionInput,
  type ExcessiveRequestInput,
  type ExtensionInput,
  type FeeNoticeInput,
  type ReceiptChannel,
  type RequestDeadlineInput,
} from './request-input.ts';
export { type PauseKind, type PauseStatus, type PauseSummary } from './request-pauses.ts';
export { proactivePublicationDue, PROACTIVE_PUBLICATION_WORKING_DAYS } from './proactive.ts';
export {
  annualReportDeadline,
  DEFAULT_TOWNSHIP_DEADLINE,
  type AgencyLevel,
  type AnnualReportDeadline,
  type AnnualReportOptions,
} from './annual-report.ts';
