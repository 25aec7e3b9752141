/**
 * The printed layout of the annual report, shared by the HTML, DOCX and XLSX renderers so that
 * all three show the same merged cells: the three tables of 国办公开办函〔2021〕30号 as grids of
 * cells with rowspan/colspan (cells appear only in the row where they start, as in HTML), and
 * the document as a sequence of blocks (title, paragraphs, headings, tables).
 */
import {
  APPEAL_COLUMNS,
  APPEAL_COLUMN_LABELS,
  APPEAL_KINDS,
  APPEAL_KIND_LABELS,
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  LITIGATION_LABEL,
  OUTCOMES,
  OUTCOME_GROUPS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_HEADER_GROUPS,
  REQUEST_RESULTS_LABEL,
  REQUEST_ROW_LABELS,
  SECTIONS,
  TABLE_NAMES,
  cellAt,
  type AnnualReport,
  type Cell,
  type OutcomeDef,
  type RequestRowKey,
  type SectionKey,
  type TableId,
} from '../../domain/report/index.ts';

export type CellRole = 'marker' | 'header' | 'label' | 'note' | 'value';

export interface LayoutCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly role: CellRole;
  /** Value cells: the number (null when a parsed report has a blank or unreadable cell). */
  readonly value?: number | null;
  /** Value cells: 'row|column' in taxonomy codes, e.g. 'withheld.state_secret|natural_person'. */
  readonly code?: string;
  /** Money (万元) rather than a count. */
  readonly money?: boolean;
  readonly align: 'left' | 'center';
}

export interface LayoutRow {
  readonly cells: readonly LayoutCell[];
  /** Part of the header block (repeated on each printed page). */
  readonly header: boolean;
}

export interface TableLayout {
  readonly id: TableId;
  readonly name: string;
  readonly columns: number;
  /** Column widths in millimetres; they add up to the A4 text width (TEXT_WIDTH_MM). */
  readonly widthsMm: readonly number[];
  readonly rows: readonly LayoutRow[];
}

/** A4 with the 公文 margins of GB/T 9704: top 37, bottom 35, left 28, right 26 mm. */
export const PAGE_MM = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 };
export const TEXT_WIDTH_MM = PAGE_MM.width - PAGE_MM.left - PAGE_MM.right;

/**
 * Cell text of a number. Counts print as integers; 万元 amounts without trailing zeros. A
 * parsed report's blank or unreadable cell keeps its raw text so that the defect stays visible.
 */
export function formatCellValue(cell: Cell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return cell?.raw ?? '';
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(6).replace(/\.?0+$/, '');
}

const header = (text: string, rowSpan = 1, colSpan = 1, role: CellRole = 'header'): LayoutCell => ({
  text,
  rowSpan,
  colSpan,
  role,
  align: 'center',
});

const label = (
  text: string,
  rowSpan = 1,
  colSpan = 1,
  align: LayoutCell['align'] = 'left',
): LayoutCell => ({ text, rowSpan, colSpan, role: 'label', align });

function valueCell(
  report: AnnualReport,
  table: TableId,
  row: string,
  column: string,
  colSpan = 1,
  money = false,
): LayoutCell {
  const c = cellAt(report, table, row, column);
  return {
    text: formatCellValue(c),
    rowSpan: 1,
    colSpan,
    role: 'value',
    value: c?.value ?? null,
    code: `${row}|${column}`,
    ...(money ? { money: true } : {}),
    align: 'center',
  };
}

/** 表二: four blocks, each a marker row, a header row and its rows, in four columns. */
export function proactiveLayout(report: AnnualReport): TableLayout {
  const rows: LayoutRow[] = [];
  for (const b of PROACTIVE_BLOCKS) {
    rows.push({ header: false, cells: [header(b.marker, 1, 4, 'marker')] });
    const wide = b.columns.length === 1;
    rows.push({
      header: false,
      cells: [header(b.contentHeader), ...b.columns.map((c) => header(c.label, 1, wide ? 3 : 1))],
    });
    for (const r of b.rows) {
      rows.push({
        header: false,
        cells: [
          label(r.label, 1, 1, 'center'),
          ...b.columns.map((c) =>
            valueCell(report, 'proactive', r.key, c.key, wide ? 3 : 1, c.key === 'amount'),
          ),
        ],
      });
    }
  }
  const first = 40;
  const rest = (TEXT_WIDTH_MM - first) / 3;
  return {
    id: 'proactive',
    name: TABLE_NAMES.proactive,
    columns: 4,
    widthsMm: [first, rest, rest, rest],
    rows,
  };
}

const OUTCOME_GROUP_ORDER = ['withheld', 'unavailable', 'not_processed', 'other'] as const;

/**
 * 表三: three label columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密) and seven
 * numeric columns under 申请人情况.
 */
export function requestsLayout(report: AnnualReport): TableLayout {
  const values = (row: RequestRowKey): LayoutCell[] =>
    REQUEST_COLUMNS.map((c) => valueCell(report, 'requests', row, c));
  const rows: LayoutRow[] = [
    {
      header: true,
      cells: [
        header(REQUEST_HEADER_GROUPS.note, 3, 3, 'note'),
        header(REQUEST_HEADER_GROUPS.applicants, 1, 7),
      ],
    },
    {
      header: true,
      cells: [
        header(APPLICANT_TYPE_LABELS.natural_person, 2),
        header(REQUEST_HEADER_GROUPS.organizations, 1, 5),
        header('总计', 2),
      ],
    },
    {
      header: true,
      cells: APPLICANT_TYPES.slice(1).map((a) => header(APPLICANT_TYPE_LABELS[a])),
    },
    { header: false, cells: [label(REQUEST_ROW_LABELS.new, 1, 3), ...values('new')] },
    {
      header: false,
      cells: [label(REQUEST_ROW_LABELS.carried_in, 1, 3), ...values('carried_in')],
    },
  ];
  // Rows under 三: (一), (二), the four groups' leaves, (七).
  const resultRows: LayoutCell[][] = [];
  const ungrouped = OUTCOMES.filter((o) => !o.group);
  for (const o of ungrouped) resultRows.push([label(o.label, 1, 2), ...values(o.code)]);
  for (const g of OUTCOME_GROUP_ORDER) {
    const leaves: OutcomeDef[] = OUTCOMES.filter((o) => o.group === g);
    leaves.forEach((o, i) => {
      const lead = i === 0 ? [label(OUTCOME_GROUPS[g], leaves.length, 1, 'center')] : [];
      resultRows.push([...lead, label(o.label), ...values(o.code)]);
    });
  }
  resultRows.push([
    label(REQUEST_ROW_LABELS.closed_total, 1, 2, 'center'),
    ...values('closed_total'),
  ]);
  resultRows.forEach((cells, i) => {
    const lead = i === 0 ? [label(REQUEST_RESULTS_LABEL, resultRows.length, 1, 'center')] : [];
    rows.push({ header: false, cells: [...lead, ...cells] });
  });
  rows.push({
    header: false,
    cells: [label(REQUEST_ROW_LABELS.carried_out, 1, 3), ...values('carried_out')],
  });
  const labelWidths = [9, 21, 51];
  const numeric = (TEXT_WIDTH_MM - labelWidths.reduce((a, b) => a + b, 0)) / 7;
  return {
    id: 'requests',
    name: TABLE_NAMES.requests,
    columns: 10,
    widthsMm: [...labelWidths, ...Array.from({ length: 7 }, () => numeric)],
    rows,
  };
}

/** 表四: 行政复议 (5) | 行政诉讼 → 未经复议直接起诉 (5) | 复议后起诉 (5), one data row. */
export function appealsLayout(report: AnnualReport): TableLayout {
  const results = (rowSpan: number): LayoutCell[] =>
    APPEAL_COLUMNS.map((c) => header(APPEAL_COLUMN_LABELS[c], rowSpan));
  const rows: LayoutRow[] = [
    {
      header: true,
      cells: [header(APPEAL_KIND_LABELS.reconsideration, 1, 5), header(LITIGATION_LABEL, 1, 10)],
    },
    {
      header: true,
      cells: [
        ...results(2),
        header(APPEAL_KIND_LABELS.litigation_direct, 1, 5),
        header(APPEAL_KIND_LABELS.litigation_after_reconsideration, 1, 5),
      ],
    },
    { header: true, cells: [...results(1), ...results(1)] },
    {
      header: false,
      cells: APPEAL_KINDS.flatMap((k) =>
        APPEAL_COLUMNS.map((c) => valueCell(report, 'appeals', k, c)),
      ),
    },
  ];
  return {
    id: 'appeals',
    name: TABLE_NAMES.appeals,
    columns: 15,
    widthsMm: Array.from({ length: 15 }, () => TEXT_WIDTH_MM / 15),
    rows,
  };
}

export function tableLayout(report: AnnualReport, id: TableId): TableLayout {
  if (id === 'proactive') return proactiveLayout(report);
  if (id === 'requests') return requestsLayout(report);
  return appealsLayout(report);
}

/**
 * Expands a layout into its full grid: each position holds the cell covering it and whether
 * this is the cell's top-left position. Used by the XLSX writer and by the tests.
 */
export function expandLayout(
  layout: TableLayout,
): { cell: LayoutCell; origin: boolean; row: number; col: number }[][] {
  const grid: ({ cell: LayoutCell; origin: boolean; row: number; col: number } | undefined)[][] =
    layout.rows.map(() => Array.from({ length: layout.columns }, () => undefined));
  layout.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (grid[r]![c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const target = grid[r + dr];
          if (!target || c + dc >= layout.columns || target[c + dc]) {
            throw new Error(`layout of ${layout.id}: cell “${cell.text}” overlaps or overflows`);
          }
          target[c + dc] = { cell, origin: dr === 0 && dc === 0, row: r, col: c };
        }
      }
      c += cell.colSpan;
    }
  });
  return grid.map((row, r) =>
    row.map((x, c) => {
      if (!x) throw new Error(`layout of ${layout.id}: position ${r},${c} is not covered`);
      return x;
    }),
  );
}

// ---- the document as blocks ---------------------------------------------------------------------

export type ReportBlock =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'heading'; readonly section: SectionKey; readonly text: string }
  | { readonly kind: 'table'; readonly table: TableLayout }
  | { readonly kind: 'signature'; readonly lines: readonly string[] };

export interface BlockOptions {
  /** Date printed with the agency name at the end (落款), e.g. '2026-01-20'. None by default. */
  readonly date?: string;
  /** The agency's full name in the 落款 (常平乡人民政府); the report's agency name by default. */
  readonly signer?: string;
}

/** Paragraphs of a narrative text: one per non-empty line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function reportTitle(report: AnnualReport): string {
  if (report.title) return report.title;
  const year = report.year !== undefined ? `${report.year}年` : '';
  return `${report.agency.name ?? ''}${year}政府信息公开工作年度报告`;
}

/** '2026-01-20' → '2026年1月20日'; anything else is printed as given. */
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/**
 * The report in reading order: title, preamble, the six sections with their official headings
 * (a section's own text, then its table), and the optional 落款.
 */
export function reportBlocks(report: AnnualReport, options: BlockOptions = {}): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'title', text: reportTitle(report) }];
  for (const p of paragraphs(report.preamble)) blocks.push({ kind: 'paragraph', text: p });
  for (const d of SECTIONS) {
    const s = report.sections.find((x) => x.key === d.key);
    blocks.push({ kind: 'heading', section: d.key, text: d.heading });
    for (const p of paragraphs(s?.text ?? '')) blocks.push({ kind: 'paragraph', text: p });
    if (d.table) blocks.push({ kind: 'table', table: tableLayout(report, d.table) });
  }
  if (options.date) {
    blocks.push({
      kind: 'signature',
      lines: [options.signer ?? report.agency.name ?? '', chineseDate(options.date)].filter((l) => l !== ''),
    });
  }
  return blocks;
}
