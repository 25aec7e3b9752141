import type { ExplanationStep, IsoDate } from '../calendar/index.ts';

/** A computed date with its step-by-step explanation. */
export interface ComputedDate {
  /** Absent when the date cannot be computed yet (e.g. the applicant has not yet supplemented). */
  readonly date?: IsoDate;
  /** True when a year on the way has no holiday arrangement (weekends only; 暂定). */
  readonly provisional: boolean;
  /** Years whose missing arrangement makes the date provisional. */
  readonly missingYears: readonly number[];
  /**
   * True when the date rests on an assumption about an open event (a consultation or fee pause not
   * yet ended, a delivery date not given). Recompute when the event ends.
   */
  readonly estimated: boolean;
  readonly steps: readonly ExplanationStep[];
}

/** Success or a list of Chinese error messages. */
export type DeadlineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };
