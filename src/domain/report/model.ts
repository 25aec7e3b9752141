/**
 * The annual report model. The same shape comes out of computation from facts (compute.ts) and
 * out of reading a published report (parse.ts), so one set of checks (checks.ts) serves both.
 *
 * A computed report has every label official, every cell filled, and record ids in its cells.
 * A parsed report keeps what was written: labels as printed, raw cell text, blank cells, and
 * whether the text was cut off.
 */
import {
  SECTIONS,
  TABLE_LAYOUTS,
  type AgencyLevel,
  type AppealColumnKey,
  type AppealKind,
  type ProactiveColumnKey,
  type ProactiveRowKey,
  type RequestColumnKey,
  type RequestRowKey,
  type SectionKey,
  type TableId,
} from './taxonomy.ts';

export type TemplateVersion = '2021' | '2019-trial' | 'unknown';

/** One table cell. */
export interface Cell {
  /** The number; null when the cell is blank or not a number. 表二 fees are in 万元. */
  readonly value: number | null;
  /** Text as published (parsed reports only). */
  readonly raw?: string;
  /** Ids of the records counted in the cell, for drill-down (computed reports). */
  readonly ids: readonly string[];
  /** 1-based line of the published text (parsed reports only). */
  readonly line?: number;
}

/** A label of a table as it appears, matched to an official label (taxonomy LayoutEntry key). */
export interface LabelSeen {
  readonly key: string;
  /** Text as written. */
  readonly written: string;
  readonly line?: number;
  /** On the last line of a cut-off text: it may itself be cut, so it is not compared. */
  readonly partial?: boolean;
}

/** A label that belongs to no 2021 table position, e.g. a 2019 试行 header. */
export interface ForeignLabel {
  readonly written: string;
  readonly line?: number;
  /** True for a known 2019 试行 label. */
  readonly trial: boolean;
}

/** A raw table line as read (for the checker's output). */
export interface RawRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface ReportTable<R extends string, C extends string> {
  /** False when the report has no trace of the table. */
  readonly present: boolean;
  /** The text ends inside the table. */
  readonly cut: boolean;
  readonly labels: readonly LabelSeen[];
  readonly foreign: readonly ForeignLabel[];
  readonly rows: { readonly [K in R]?: { readonly [L in C]?: Cell } };
  readonly raw: readonly RawRow[];
  /**
   * The table's numbers are there but could not be matched to its rows (a layout the reader does
   * not know): one finding says so instead of one per cell.
   */
  readonly unreadable?: { readonly line: number };
}

export type ProactiveTable = ReportTable<ProactiveRowKey, ProactiveColumnKey>;
export type RequestTable = ReportTable<RequestRowKey, RequestColumnKey>;
export type AppealTable = ReportTable<AppealKind, AppealColumnKey>;

export interface ReportSection {
  readonly key: SectionKey;
  /** Heading as written (numeral included); absent when only the section's table was found. */
  readonly heading?: string;
  /** Narrative text of the section, table lines excluded. */
  readonly text: string;
  readonly line?: number;
}

/** Figures of the previous year's report, when known (continuity checks C4, C5). */
export interface PreviousYearFigures {
  readonly rulesInForce?: number;
  readonly normativeInForce?: number;
  /** 四、结转下年度继续办理, 总计 column. */
  readonly requestsCarriedOut?: number;
}

export interface AnnualReport {
  readonly agency: { readonly name?: string; readonly level?: AgencyLevel };
  readonly year?: number;
  readonly template: TemplateVersion;
  readonly title?: string;
  /** The year the title names (it may differ from the statistics period's). */
  readonly titleYear?: number;
  /** The title does not read as a report's title (garbled, cut). */
  readonly titleIrregular?: boolean;
  /** The year of the statistics period stated in the text. */
  readonly periodYear?: number;
  /** Publication date shown on the page the report came from (YYYY-MM-DD). */
  readonly publishedOn?: string;
  /** Text before section 一 (legal basis, statistics period, contacts). */
  readonly preamble: string;
  /** Sections found, in official order. */
  readonly sections: readonly ReportSection[];
  readonly proactive: ProactiveTable;
  readonly requests: RequestTable;
  readonly appeals: AppealTable;
  /** 信息处理费 actually charged in 元, when known from facts. */
  readonly processingFeeYuan?: number;
  readonly previous?: PreviousYearFigures;
  /** The text stops before the report ends. */
  readonly truncated: boolean;
  /** 1-based number of the last non-empty line (parsed reports). */
  readonly lastLine?: number;
}

// ---- helpers ------------------------------------------------------------------------------------

export function section(report: AnnualReport, key: SectionKey): ReportSection | undefined {
  return report.sections.find((s) => s.key === key);
}

/** Index 0–5 of the last section present. -1 when none. */
export function lastSectionIndex(report: AnnualReport): number {
  let last = -1;
  for (const s of report.sections) {
    last = Math.max(
      last,
      SECTIONS.findIndex((d) => d.key === s.key),
    );
  }
  return last;
}

export function table(report: AnnualReport, id: TableId): ReportTable<string, string> {
  return report[id] as ReportTable<string, string>;
}

export function cellAt(
  report: AnnualReport,
  id: TableId,
  row: string,
  column: string,
): Cell | undefined {
  const rows = table(report, id).rows as Record<
    string,
    Record<string, Cell | undefined> | undefined
  >;
  return rows[row]?.[column];
}

/** Value of a cell, or undefined when the cell is missing, blank or unreadable. */
export function valueAt(
  report: AnnualReport,
  id: TableId,
  row: string,
  column: string,
): number | undefined {
  const v = cellAt(report, id, row, column)?.value;
  return v === null || v === undefined ? undefined : v;
}

/** The whole narrative: preamble and every section's text. */
export function narrativeText(report: AnnualReport): string {
  return [report.preamble, ...report.sections.map((s) => s.text)].filter((t) => t).join('\n');
}

/** Labels of a fully official table (computed reports). */
export function officialLabels(id: TableId): LabelSeen[] {
  return TABLE_LAYOUTS[id].map((e) => ({ key: e.key, written: e.label }));
}

/**
 * A copy of the report with one cell replaced. For manual corrections and tests; the cell keeps
 * its ids.
 */
export function withCell(
  report: AnnualReport,
  id: TableId,
  row: string,
  column: string,
  value: number | null,
): AnnualReport {
  const t = table(report, id);
  const rows = t.rows as Record<string, Record<string, Cell | undefined> | undefined>;
  const old = rows[row]?.[column];
  const newRow = { ...(rows[row] ?? {}), [column]: { ...(old ?? { ids: [] }), value } };
  return { ...report, [id]: { ...t, rows: { ...rows, [row]: newRow } } };
}
