/** Table type of the hotline log (migration 0023), merged into the storage's Database type. */
import type { Generated } from 'kysely';

export interface HotlineCallTable {
  id: Generated<number>;
  agency_id: number;
  /** 12345 工单编号; null for a call taken at the agency's own line. */
  order_no: string | null;
  /** China time, 'YYYY-MM-DD HH:MM'. */
  called_at: string;
  caller_name: string;
  caller_phone: string;
  subject: string;
  answer: string;
  closed: number;
  source: 'manual' | 'import';
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface HotlineTables {
  hotline_calls: HotlineCallTable;
}
