import type { SearchFilters } from './rows.ts';

/** One page of a search as the dialect modules see it. */
export interface PageRequest {
  filters: SearchFilters;
  offset: number;
  pageSize: number;
  /** Count matches up to this many (Infinity: exactly; 0: only as far as the page shows). */
  countCap: number;
}

/** What a page query returns: the rows of the page in order, and the (possibly capped) total. */
export interface PageResult {
  total: number;
  /** True when `total` is a lower bound: there are more matches than were counted. */
  totalCapped: boolean;
  entries: EntryRow[];
}

export interface EntryRow {
  doc_id: number;
  agency_id: number;
  title: string;
  published_at: string;
  body_text: string;
}
