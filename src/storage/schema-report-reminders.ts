import type { Generated } from 'kysely';

/** A superior office's reminder (催报) to a subordinate about its annual report (migration 0017). */
export interface ReportReminderTable {
  id: Generated<number>;
  /** The subordinate reminded. */
  agency_id: number;
  year: number;
  /** The superior office that sent it. */
  from_agency_id: number;
  sent_by: number | null;
  sent_at: string;
  note: Generated<string>;
}
