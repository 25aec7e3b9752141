/**
 * The annual report as an Excel workbook (exceljs): a sheet 正文 with the title, preamble and
 * the six sections' text, then one sheet per table (表二, 表三, 表四) with the official merged
 * header cells. Figures are numbers, not text, so that they can be summed and compared.
 */
import ExcelJS from 'exceljs';

import { SECTIONS, type AnnualReport, type TableId } from '../../domain/report/index.ts';
import {
  expandLayout,
  paragraphs,
  reportTitle,
  tableLayout,
  type LayoutCell,
  type TableLayout,
} from './layout.ts';

/** Sheet names, in workbook order. */
export const XLSX_SHEETS = {
  text: '正文',
  proactive: '表二',
  requests: '表三',
  appeals: '表四',
} as const;

/** First row of each table on its sheet: row 1 holds the sheet's caption. */
export const XLSX_TABLE_FIRST_ROW = 2;

const FONT_TABLE = { name: '宋体', size: 10.5 } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

/** Column width in Excel's character units for a printed width in mm (about 2 units per 4 mm). */
function columnWidth(mm: number): number {
  return Math.max(6, Math.round(mm / 2));
}

/** Width of a text in character units: a Chinese character is two. */
function textWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return n;
}

function caption(ws: ExcelJS.Worksheet, text: string, width: number): void {
  ws.mergeCells(1, 1, 1, width);
  const c = ws.getCell(1, 1);
  c.value = text;
  c.font = { name: '宋体', size: 12, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 30;
}

function styleCell(cell: ExcelJS.Cell, c: LayoutCell): void {
  cell.font = FONT_TABLE;
  cell.border = BORDER;
  cell.alignment = {
    horizontal: c.align === 'left' ? 'left' : 'center',
    vertical: 'middle',
    wrapText: true,
  };
  if (c.role === 'marker') {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  }
  if (c.role === 'value') cell.numFmt = c.money ? 'General' : '0';
}

function tableSheet(wb: ExcelJS.Workbook, report: AnnualReport, id: TableId): void {
  const t: TableLayout = tableLayout(report, id);
  const ws = wb.addWorksheet(XLSX_SHEETS[id], {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = t.widthsMm.map((mm) => ({ width: columnWidth(mm) }));
  const section = SECTIONS.find((s) => s.table === id)!;
  caption(ws, `${reportTitle(report)}\n${section.heading}`, t.columns);
  ws.getRow(1).height = 40;
  const top = XLSX_TABLE_FIRST_ROW;
  const grid = expandLayout(t);
  grid.forEach((row, r) => {
    row.forEach((p, k) => {
      const cell = ws.getCell(top + r, k + 1);
      // Borders and fonts on every position, merged ones included, so that Excel draws the grid.
      styleCell(cell, p.cell);
      if (!p.origin) return;
      const c = p.cell;
      if (c.role === 'value') cell.value = c.value ?? (c.text === '' ? null : c.text);
      else cell.value = c.text;
    });
  });
  // Excel does not fit the height of rows with merged cells; estimate it from the wrapped text.
  const widths = t.widthsMm.map(columnWidth);
  grid.forEach((row, r) => {
    let lines = 1;
    for (const p of row) {
      if (!p.origin || p.cell.rowSpan > 1) continue;
      const chars = widths.slice(p.col, p.col + p.cell.colSpan).reduce((a, b) => a + b, 0);
      lines = Math.max(lines, Math.ceil((textWidth(p.cell.text) + 1) / Math.max(1, chars - 1)));
    }
    ws.getRow(top + r).height = Math.max(20, lines * 14 + 6);
  });
  // exceljs gives every cell of a merged range the top-left cell's value and style.
  for (const row of grid) {
    for (const p of row) {
      const c = p.cell;
      if (p.origin && (c.rowSpan > 1 || c.colSpan > 1)) {
        ws.mergeCells(top + p.row, p.col + 1, top + p.row + c.rowSpan - 1, p.col + c.colSpan);
      }
    }
  }
  if (t.rows.some((row) => row.header)) {
    const headerRows = t.rows.filter((row) => row.header).length;
    ws.pageSetup.printTitlesRow = `${top}:${top + headerRows - 1}`;
  }
}

/** The report as an .xlsx workbook. */
export async function renderReportXlsx(report: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = report.agency.name ?? 'Gongkai';
  wb.title = reportTitle(report);

  const ws = wb.addWorksheet(XLSX_SHEETS.text, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = [{ width: 36 }, { width: 100 }];
  caption(ws, reportTitle(report), 2);
  const head = ws.addRow(['部分', '内容']);
  head.font = { name: '宋体', size: 11, bold: true };
  const rows: [string, string][] = [['报告开头', paragraphs(report.preamble).join('\n')]];
  for (const d of SECTIONS) {
    const s = report.sections.find((x) => x.key === d.key);
    const text = paragraphs(s?.text ?? '').join('\n');
    rows.push([
      d.heading,
      d.table ? [text, `（见“${XLSX_SHEETS[d.table]}”工作表）`].filter((x) => x).join('\n') : text,
    ]);
  }
  for (const [heading, text] of rows) {
    const row = ws.addRow([heading, text]);
    row.font = { name: '仿宋', size: 12 };
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(1).font = { name: '黑体', size: 12 };
  }
  for (const id of ['proactive', 'requests', 'appeals'] as const) tableSheet(wb, report, id);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
