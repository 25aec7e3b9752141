/** The website annual report's state per agency and year (migration 0024). */
export interface WebsiteReportTable {
  agency_id: number;
  year: number;
  status: string;
  snapshot_json: string | null;
  checked_at: string | null;
  published_at: string | null;
  published_by: number | null;
  updated_at: string;
}
