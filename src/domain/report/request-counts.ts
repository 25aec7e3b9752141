/**
 * Table 三 from counts. A year's requests fall into groups by applicant type, by when they were
 * received (in the year, or carried over from before it) and by how the year left them (closed
 * with an outcome, or carried forward). Storage counts the groups with one GROUP BY on the
 * request status projection; the same grouping of a list of requests, record by record, is
 * `groupRequests` (kept for facts given as records, and to test the SQL against).
 *
 * Year boundaries (Y = report year):
 * - 一 新收: received in Y.
 * - 二 上年结转: received before Y and still open on (Y−1)-12-31, i.e. not closed before Y.
 * - 三 办理结果: of those, closed in Y, by outcome.
 * - 四 结转下年度: of those, still open on Y-12-31.
 */
import { isIsoDate } from '../calendar/iso-date.ts';
import type { Cell } from './model.ts';
import { APPLICANT_TYPES, REQUEST_COLUMNS, REQUEST_ROWS, isOutcomeCode, type ApplicantType, type OutcomeCode, type RequestColumnKey, type RequestRowKey } from './taxonomy.ts';

export interface RequestFact {
  readonly id: string;
  readonly applicantType: ApplicantType;
  /** Date of receipt (条例第三十一条), YYYY-MM-DD. */
  readonly receivedDate: string;
  /** Date the request was closed; absent while open. */
  readonly closedDate?: string;
  /** Required once closed. */
  readonly outcome?: OutcomeCode;
}

export type Received = 'new' | 'carried_in';

/** How many requests of the year share an applicant type, a row of receipt and an end. */
export interface RequestGroup {
  readonly applicantType: ApplicantType;
  /** 'new': received in the year; 'carried_in': received before it, open on its first day. */
  readonly received: Received;
  /** The outcome of those closed in the year; null for those still open at its end (结转下年度). */
  readonly outcome: OutcomeCode | null;
  readonly count: number;
  /** The requests counted, when the facts list them; absent when storage counted them. */
  readonly ids?: readonly string[];
}

/** Facts given as counts (from storage) rather than as one fact per request. */
export interface RequestCounts {
  readonly groups: readonly RequestGroup[];
}

/** Groups a list of requests for `year`, record by record; requests outside the year are left out. */
export function groupRequests(requests: readonly RequestFact[], year: number): RequestGroup[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const groups = new Map<string, { applicantType: ApplicantType; received: Received; outcome: OutcomeCode | null; ids: string[] }>();
  for (const r of requests) {
    let received: Received;
    if (r.receivedDate >= start && r.receivedDate <= end) received = 'new';
    else if (r.receivedDate < start && (r.closedDate === undefined || r.closedDate >= start)) received = 'carried_in';
    else continue;
    const outcome = r.closedDate !== undefined && r.closedDate <= end && r.outcome ? r.outcome : null;
    const key = `${r.applicantType}|${received}|${outcome ?? ''}`;
    const group = groups.get(key);
    if (group) group.ids.push(r.id);
    else groups.set(key, { applicantType: r.applicantType, received, outcome, ids: [r.id] });
  }
  return [...groups.values()].map((g) => ({ ...g, count: g.ids.length }));
}

/** Chinese errors for request facts that cannot be counted, naming each request. */
export function requestFactErrors(requests: readonly RequestFact[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const r of requests) {
    const who = `申请“${r.id}”`;
    if (seen.has(r.id)) errors.push(`${who}重复`);
    seen.add(r.id);
    if (!(APPLICANT_TYPES as readonly string[]).includes(r.applicantType)) {
      errors.push(`${who}的申请人类型“${String(r.applicantType)}”无效`);
    }
    if (!isIsoDate(r.receivedDate)) errors.push(`${who}的收到日期“${r.receivedDate}”无效`);
    if (r.closedDate !== undefined) {
      if (!isIsoDate(r.closedDate)) errors.push(`${who}的办结日期“${r.closedDate}”无效`);
      else if (r.closedDate < r.receivedDate) errors.push(`${who}的办结日期早于收到日期`);
      if (r.outcome === undefined) errors.push(`${who}已办结但没有办理结果`);
    } else if (r.outcome !== undefined) {
      errors.push(`${who}有办理结果但没有办结日期`);
    }
    if (r.outcome !== undefined && !isOutcomeCode(r.outcome)) {
      errors.push(`${who}的办理结果“${String(r.outcome)}”无效`);
    }
  }
  return errors;
}

/** Chinese errors for groups that cannot be counted (an unknown applicant type or outcome). */
export function requestGroupErrors(groups: readonly RequestGroup[]): string[] {
  const errors: string[] = [];
  for (const g of groups) {
    if (!Number.isInteger(g.count) || g.count < 0) errors.push(`申请数量“${String(g.count)}”无效`);
    if (!(APPLICANT_TYPES as readonly string[]).includes(g.applicantType)) errors.push(`${g.count} 件申请的申请人类型“${String(g.applicantType)}”无效`);
    if (g.received !== 'new' && g.received !== 'carried_in') errors.push(`${g.count} 件申请的收到时间分类“${String(g.received)}”无效`);
    const outcome: string | null = g.outcome;
    if (outcome !== null && !isOutcomeCode(outcome)) {
      errors.push(outcome === '' ? `${g.count} 件申请已办结但没有办理结果` : `${g.count} 件申请的办理结果“${outcome}”无效`);
    }
  }
  return errors;
}

/** Which groups one cell of table 三 counts: the drill-down's question, for storage to ask. */
export interface RequestCellFilter {
  readonly received?: Received;
  /** An outcome; 'closed' for any outcome (（七）总计); 'open' for 结转下年度. */
  readonly end?: OutcomeCode | 'closed' | 'open';
  readonly applicantType?: ApplicantType;
}

export function requestCellFilter(row: RequestRowKey, col: RequestColumnKey): RequestCellFilter {
  const end = row === 'new' || row === 'carried_in' ? undefined : row === 'closed_total' ? 'closed' : row === 'carried_out' ? 'open' : row;
  return {
    ...(row === 'new' || row === 'carried_in' ? { received: row } : {}),
    ...(end ? { end } : {}),
    ...(col === 'total' ? {} : { applicantType: col }),
  };
}

export function inRequestCell(g: Pick<RequestGroup, 'applicantType' | 'received' | 'outcome'>, filter: RequestCellFilter): boolean {
  if (filter.received && g.received !== filter.received) return false;
  if (filter.applicantType && g.applicantType !== filter.applicantType) return false;
  if (filter.end === 'open') return g.outcome === null;
  if (filter.end === 'closed') return g.outcome !== null;
  if (filter.end) return g.outcome === filter.end;
  return true;
}

/** The rows of table 三: every cell the sum of the groups it counts, with their ids when known. */
export function requestRows(groups: readonly RequestGroup[]): Record<RequestRowKey, Record<RequestColumnKey, Cell>> {
  const rows = {} as Record<RequestRowKey, Record<RequestColumnKey, Cell>>;
  for (const row of REQUEST_ROWS) {
    const cols = {} as Record<RequestColumnKey, Cell>;
    for (const col of REQUEST_COLUMNS) {
      const filter = requestCellFilter(row, col);
      let value = 0;
      const ids: string[] = [];
      for (const g of groups) {
        if (!inRequestCell(g, filter)) continue;
        value += g.count;
        if (g.ids) ids.push(...g.ids);
      }
      cols[col] = { value, ids };
    }
    rows[row] = cols;
  }
  return rows;
}
