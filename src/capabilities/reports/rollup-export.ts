/**
 * The roll-up's exports (issue 12, item 3): an XLSX with the sum, the list of members and one
 * sheet per member, each with tables 二, 三 and 四 in the official layout; and JSON following
 * docs/report-json-schema.md ("The roll-up"), its tables keyed by the same codes as a report's.
 */
import ExcelJS from 'exceljs';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { ROLLUP_CELLS, SECTIONS, type AnnualReport, type TableId } from '../../domain/report/index.ts';
import { reportToJson, type ReportJson } from '../../exports/report/json.ts';
import { expandLayout, tableLayout } from '../../exports/report/layout.ts';
import type { RollupMemberView, RollupView } from './rollup-contract.ts';

export const ROLLUP_JSON_SCHEMA_VERSION = 1;

type Tables = ReportJson['tables'];

/** The tables of a member's figures, in the shape of a report's JSON tables (null for a blank cell). */
function tablesOfFigures(figures: Record<string, number | null>): Tables {
  const out: Record<string, { rows: Record<string, Record<string, number | null>> }> = { proactive: { rows: {} }, requests: { rows: {} }, appeals: { rows: {} } };
  for (const c of ROLLUP_CELLS) (out[c.table]!.rows[c.row] ??= {})[c.column] = figures[c.key] ?? null;
  return out as unknown as Tables;
}

const findingJson = (f: RollupMemberView['findings'][number]) => ({ rule: f.rule, severity: f.severity, message: f.message, location: f.location });

/** The roll-up as exchange JSON (kind "rollup", schemaVersion 1). */
export function rollupToJson(view: RollupView) {
  return {
    schemaVersion: ROLLUP_JSON_SCHEMA_VERSION,
    kind: 'rollup' as const,
    agency: { name: view.agencyName, level: view.sum.agency.level ?? null },
    year: view.year,
    scope: view.scope,
    title: view.sum.title ?? null,
    tables: reportToJson(view.sum).tables,
    findings: view.sumFindings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, location: f.location.text })),
    members: view.members.map((m) => ({
      code: m.code,
      name: m.name,
      level: m.levelLabel,
      depth: m.depth,
      published: !m.missing,
      publishedAt: m.publishedAt,
      version: m.version,
      tables: m.missing ? null : tablesOfFigures(m.figures),
      findings: m.findings.map(findingJson),
    })),
    outOfReach: view.outOfReach,
  };
}

const FONT = { name: '宋体', size: 10.5 } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;
const TABLES: readonly TableId[] = ['proactive', 'requests', 'appeals'];

/** Writes a line of text across `span` columns (`units` wide) at `row`; returns the next row. */
function line(ws: ExcelJS.Worksheet, row: number, span: number, units: number, text: string, font: Partial<ExcelJS.Font> = { name: '宋体', size: 11 }): number {
  ws.mergeCells(row, 1, row, span);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = font;
  c.alignment = { vertical: 'middle', wrapText: true };
  ws.getRow(row).height = Math.max(18, Math.ceil(textWidth(text) / units) * 16);
  return row + 1;
}

/** Width of a text in Excel's character units: a Chinese character is two. */
const textWidth = (text: string): number => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
/** Excel's character units for a printed width in mm (about 2 units per 4 mm), as the report's own XLSX. */
const unitsOf = (mm: number): number => Math.max(6, Math.round(mm / 2));

/** Column widths fitting the three tables stacked on one sheet: the widest of each column. */
function columnWidths(report: AnnualReport): number[] {
  const widths: number[] = [];
  for (const id of TABLES) tableLayout(report, id).widthsMm.forEach((mm, i) => (widths[i] = Math.max(widths[i] ?? 0, unitsOf(mm))));
  return widths;
}

/** Writes one table of `report` in the official layout from `top`; returns the row after it. */
function writeTable(ws: ExcelJS.Worksheet, report: AnnualReport, id: TableId, top: number, widths: readonly number[]): number {
  const grid = expandLayout(tableLayout(report, id));
  grid.forEach((cells, r) => {
    let lines = 1;
    cells.forEach((p, k) => {
      const cell = ws.getCell(top + r, k + 1);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { horizontal: p.cell.align === 'left' ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (!p.origin) return;
      cell.value = p.cell.role === 'value' ? (p.cell.value ?? null) : p.cell.text;
      // Excel does not fit rows with merged cells: the height comes from the wrapped text.
      if (p.cell.rowSpan === 1) lines = Math.max(lines, Math.ceil((textWidth(p.cell.text) + 1) / Math.max(1, widths.slice(k, k + p.cell.colSpan).reduce((a, b) => a + b, 0) - 1)));
    });
    ws.getRow(top + r).height = Math.max(20, lines * 14 + 6);
  });
  for (const cells of grid) for (const p of cells) if (p.origin && (p.cell.rowSpan > 1 || p.cell.colSpan > 1)) ws.mergeCells(top + p.row, p.col + 1, top + p.row + p.cell.rowSpan - 1, p.col + p.cell.colSpan);
  return top + grid.length + 1;
}

function tablesSheet(wb: ExcelJS.Workbook, name: string, caption: string, report: AnnualReport | null, notes: string[], widths: readonly number[]): void {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = widths.map((width) => ({ width }));
  const span = widths.length;
  const total = widths.reduce((a, b) => a + b, 0);
  let row = line(ws, 1, span, total, caption, { name: '宋体', size: 12, bold: true });
  for (const n of notes) row = line(ws, row, span, total, n);
  if (!report) return;
  for (const id of TABLES) {
    row = line(ws, row + 1, span, total, SECTIONS.find((s) => s.table === id)!.heading, { name: '黑体', size: 11 });
    row = writeTable(ws, report, id, row, widths);
  }
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28);
  let out = base;
  for (let n = 2; taken.has(out); n++) out = `${base}_${n}`;
  taken.add(out);
  return out;
}

/** The workbook: 汇总 (the sum and its findings), 机关列表, then one sheet per member. */
export async function rollupWorkbook(view: RollupView, reports: ReadonlyMap<number, AnnualReport>): Promise<{ body: Buffer; fileName: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = view.sum.title ?? '';
  const s = view.summary;
  const sumNotes = [
    `汇总范围：${view.scopeLabel}；机关 ${s.members} 个，已发布 ${s.published} 个，未发布 ${s.missing} 个，数据有错误 ${s.withErrors} 个。每格为各机关已发布年度报告（现行版本）之和。`,
    ...(view.outOfReach ? [`另有 ${view.outOfReach} 个机关不在您的权限范围内，未汇总。`] : []),
    view.sumFindings.length ? `汇总数的校验：${view.sumFindings.map((f) => f.message).join('；')}` : '汇总数的校验：未发现问题。',
  ];
  const taken = new Set<string>(['汇总', '机关列表']);
  const widths = columnWidths(view.sum);
  tablesSheet(wb, '汇总', view.sum.title ?? '', view.sum, sumNotes, widths);
  const list = wb.addWorksheet('机关列表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  list.columns = [{ width: 12 }, { width: 28 }, { width: 12 }, { width: 12 }, { width: 8 }, { width: 8 }, { width: 80 }];
  list.addRow(['代码', '机关', '层级', '发布日期', '错误', '提示', '问题']).font = { name: '宋体', size: 11, bold: true };
  for (const m of view.members) {
    const problems = m.missing ? '未发布年度报告，未计入汇总' : m.findings.map((f) => `[${f.severity === 'error' ? '错误' : '提示'}] ${f.message}`).join('\n');
    const r = list.addRow([m.code, `${'　'.repeat(m.depth)}${m.name}`, m.levelLabel, m.publishedAt ? chinaDate(m.publishedAt) : '', m.missing ? null : m.errors, m.missing ? null : m.warnings, problems]);
    r.alignment = { vertical: 'top', wrapText: true };
  }
  for (const m of view.members) {
    const notes = m.missing ? ['未发布年度报告，未计入汇总。'] : m.findings.map((f) => `[${f.severity === 'error' ? '错误' : '提示'}] ${f.ruleTitle}：${f.message}`);
    tablesSheet(wb, sheetName(m.name, taken), `${m.name}${view.year}年度报告${m.missing ? '（未发布）' : `（第${m.version}版）`}`, reports.get(m.agencyId) ?? null, notes, widths);
  }
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${view.agencyName}${view.year}年度报告汇总.xlsx` };
}
