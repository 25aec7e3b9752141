/**
 * Plain-data views of a report: the parse metadata and the checker's JSON output
 * ({agency, year, template, sections, tables, findings}).
 */
import type { Finding, FindingLocation, RuleId, Severity } from './findings.ts';
import type { AnnualReport, Cell, ReportTable, TemplateVersion } from './model.ts';
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_COLUMN_LABELS,
  REQUEST_ROWS,
  SECTIONS,
  TABLE_NAMES,
  requestRowFullLabel,
  type AgencyLevel,
  type SectionKey,
  type TableId,
} from './taxonomy.ts';
import { readCell } from './text.ts';

export interface SectionSummary {
  readonly key: SectionKey;
  readonly numeral: string;
  readonly title: string;
  readonly present: boolean;
  /** Heading as written; null when absent. */
  readonly heading: string | null;
  readonly line: number | null;
}

export interface CellSummary {
  readonly column: string;
  readonly columnLabel: string;
  /** Text as published; null for computed cells. */
  readonly raw: string | null;
  readonly value: number | null;
  readonly blank: boolean;
  readonly ids: readonly string[];
}

export interface RowSummary {
  readonly row: string;
  readonly label: string;
  /** Label as written, when it was read from a published text. */
  readonly written: string | null;
  readonly cells: readonly CellSummary[];
}

export interface TableSummary {
  readonly id: TableId;
  readonly name: string;
  readonly present: boolean;
  readonly cut: boolean;
  readonly rows: readonly RowSummary[];
  /** Labels that fit no 2021 position (e.g. 2019 试行 headers). */
  readonly foreign: readonly string[];
  /** The table's lines as read, cells as strings. */
  readonly raw: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

export interface ReportDescription {
  readonly agency: string | null;
  readonly level: AgencyLevel | null;
  readonly year: number | null;
  readonly template: TemplateVersion;
  readonly truncated: boolean;
  readonly sections: readonly SectionSummary[];
  readonly tables: readonly TableSummary[];
}

function cellSummary(column: string, columnLabel: string, c: Cell): CellSummary {
  return {
    column,
    columnLabel,
    raw: c.raw ?? null,
    value: c.value,
    blank: c.value === null && readCell(c.raw ?? '').kind === 'blank',
    ids: c.ids,
  };
}

function rowsOf(
  t: ReportTable<string, string>,
  rowKeys: readonly string[],
  columns: (row: string) => readonly { key: string; label: string }[],
  rowLabel: (row: string) => string,
  labelKey: (row: string) => string,
): RowSummary[] {
  const rows = t.rows as Record<string, Record<string, Cell | undefined> | undefined>;
  const out: RowSummary[] = [];
  for (const row of rowKeys) {
    const r = rows[row];
    if (!r) continue;
    const cells: CellSummary[] = [];
    for (const c of columns(row)) {
      const cell = r[c.key];
      if (cell) cells.push(cellSummary(c.key, c.label, cell));
    }
    const written = t.labels.find((l) => l.key === labelKey(row))?.written ?? null;
    out.push({ row, label: rowLabel(row), written: t.raw.length > 0 ? written : null, cells });
  }
  return out;
}

export function describeReport(report: AnnualReport): ReportDescription {
  const sections = SECTIONS.map((d): SectionSummary => {
    const s = report.sections.find((x) => x.key === d.key);
    return {
      key: d.key,
      numeral: d.numeral,
      title: d.title,
      present: s !== undefined,
      heading: s?.heading ?? null,
      line: s?.line ?? null,
    };
  });
  const proactiveRows = PROACTIVE_BLOCKS.flatMap((b) => b.rows.map((r) => r.key));
  const tables: TableSummary[] = [
    {
      id: 'proactive',
      rows: rowsOf(
        report.proactive as ReportTable<string, string>,
        proactiveRows,
        (row) => PROACTIVE_BLOCKS.find((b) => b.rows.some((r) => r.key === row))!.columns,
        (row) => PROACTIVE_BLOCKS.flatMap((b) => b.rows).find((r) => r.key === row)!.label,
        (row) => row,
      ),
    },
    {
      id: 'requests',
      rows: rowsOf(
        report.requests as ReportTable<string, string>,
        REQUEST_ROWS,
        () => REQUEST_COLUMNS.map((c) => ({ key: c, label: REQUEST_COLUMN_LABELS[c] })),
        (row) => requestRowFullLabel(row as never),
        (row) => `row.${row}`,
      ),
    },
    {
      id: 'appeals',
      rows: rowsOf(
        report.appeals as ReportTable<string, string>,
        APPEAL_KINDS,
        () => APPEAL_COLUMNS.map((c) => ({ key: c, label: APPEAL_COLUMN_LABELS[c] })),
        (row) => APPEAL_KIND_LABELS[row as keyof typeof APPEAL_KIND_LABELS],
        (row) => `kind.${row}`,
      ),
    },
  ].map((t) => {
    const id = t.id as TableId;
    const src = report[id] as ReportTable<string, string>;
    return {
      id,
      name: TABLE_NAMES[id],
      present: src.present,
      cut: src.cut,
      rows: t.rows,
      foreign: src.foreign.map((f) => f.written),
      raw: src.raw,
    };
  });
  return {
    agency: report.agency.name ?? null,
    level: report.agency.level ?? null,
    year: report.year ?? null,
    template: report.template,
    truncated: report.truncated,
    sections,
    tables,
  };
}

/** The checker's JSON output. */
export interface CheckerJson extends ReportDescription {
  readonly findings: readonly {
    readonly rule: RuleId;
    readonly severity: Severity;
    readonly message: string;
    readonly location: FindingLocation;
  }[];
}

export function toCheckerJson(report: AnnualReport, findings: readonly Finding[]): CheckerJson {
  return {
    ...describeReport(report),
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      location: f.location,
    })),
  };
}
