/**
 * Checking many published reports at once, as a superior 政务公开办 does each spring: every file
 * of the folders and files given is read and checked, and the results go to one line per file
 * and to an XLSX with a summary sheet, a sheet per rule and a sheet per file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';

import {
  RULES,
  checkPublishedReport,
  type CheckerJson,
  type RuleId,
} from '../../domain/report/index.ts';
import { readReportFile } from './read.ts';

/** Files in a folder that can hold a report; notes such as README.md are not reports. */
const REPORT_FILE = /\.(?:txt|text|html?|shtml|xhtml|docx|pdf)$/i;

/**
 * One report's result. `file` names it in the workbook (a path, or an agency for the workspace's
 * check of subordinates). A failure with a `note` is no unreadable file but a report that is not
 * there (未发布): the summary says the note, and it gets no sheet of its own.
 */
export type BatchEntry =
  | { readonly file: string; readonly ok: true; readonly json: CheckerJson }
  | { readonly file: string; readonly ok: false; readonly message: string; readonly note?: string };

/** The files to check: folders are listed (with their sub-folders), files taken as given. */
export function reportFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (REPORT_FILE.test(name)) files.push(full);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

/**
 * Reads and checks one file's bytes, named `file` in the results; the file name may carry the
 * agency and year a text leaves out. Never throws for a bad file (only SERVER_BUSY, from the
 * parse worker's queue).
 */
export async function checkBytes(data: Uint8Array, fileName: string, file = fileName): Promise<BatchEntry> {
  const read = await readReportFile(data, fileName);
  if (!read.ok) return { file, ok: false, message: read.message };
  const result = checkPublishedReport(read.input, { fileName });
  if (!result.ok) return { file, ok: false, message: result.message };
  return { file, ok: true, json: result.json };
}

/** Reads and checks one file; never throws for a bad file. */
export async function checkFile(file: string): Promise<BatchEntry> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return { file, ok: false, message: `无法读取文件“${file}”` };
  }
  return checkBytes(data, path.basename(file), file);
}

export const countOf = (j: CheckerJson, severity: 'error' | 'warning'): number =>
  j.findings.filter((f) => f.severity === severity).length;

// ---- the workbook -------------------------------------------------------------------------------

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '报告';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++)
    name = `${base.slice(0, 31 - `(${n})`.length)}(${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function header(sheet: ExcelJS.Worksheet, columns: [string, number][]): void {
  sheet.columns = columns.map(([h, width]) => ({ header: h, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

const severityLabel = (s: string): string => (s === 'error' ? '错误' : '提示');

/** Summary, one sheet per rule that fired, one sheet per file (findings, then tables as read). */
export async function batchWorkbook(
  entries: readonly BatchEntry[],
  options: { fileHeader?: string } = {},
): Promise<Buffer> {
  // exceljs is loaded only when an XLSX is asked for: checking reports does not need it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const taken = new Set<string>();
  const summary = book.addWorksheet(sheetName('汇总', taken));
  header(summary, [
    [options.fileHeader ?? '文件', 40],
    ['机关', 30],
    ['年度', 8],
    ['错误', 8],
    ['提示', 8],
    ['说明', 50],
  ]);
  for (const e of entries) {
    if (e.ok) {
      summary.addRow([
        e.file,
        e.json.agency ?? '',
        e.json.year ?? '',
        countOf(e.json, 'error'),
        countOf(e.json, 'warning'),
        e.json.truncated ? '文本不完整' : '',
      ]);
    } else {
      summary.addRow([e.file, '', '', '', '', e.note ?? `无法读取：${e.message}`]);
    }
  }

  const byRule = new Map<RuleId, { entry: BatchEntry & { ok: true }; index: number }[]>();
  for (const e of entries) {
    if (!e.ok) continue;
    e.json.findings.forEach((f, index) => {
      const list = byRule.get(f.rule) ?? [];
      list.push({ entry: e, index });
      byRule.set(f.rule, list);
    });
  }
  for (const rule of (Object.keys(RULES) as RuleId[]).filter((r) => byRule.has(r))) {
    const sheet = book.addWorksheet(sheetName(rule, taken));
    header(sheet, [
      [options.fileHeader ?? '文件', 40],
      ['机关', 30],
      ['年度', 8],
      ['级别', 8],
      ['问题', 80],
      ['位置', 50],
    ]);
    for (const { entry, index } of byRule.get(rule)!) {
      const f = entry.json.findings[index]!;
      sheet.addRow([
        entry.file,
        entry.json.agency ?? '',
        entry.json.year ?? '',
        severityLabel(f.severity),
        f.message,
        f.location.text,
      ]);
    }
  }

  for (const e of entries) {
    if (!e.ok && e.note) continue;
    const sheet = book.addWorksheet(
      sheetName(path.basename(e.file).replace(/\.[^.]+$/, ''), taken),
    );
    header(sheet, [
      ['规则', 28],
      ['级别', 8],
      ['问题', 80],
      ['位置', 50],
    ]);
    if (!e.ok) {
      sheet.addRow(['', '', `无法读取：${e.message}`, '']);
      continue;
    }
    sheet.addRow(['机关', '', e.json.agency ?? '（未识别）', '']);
    sheet.addRow(['年度', '', e.json.year ?? '（未识别）', '']);
    for (const f of e.json.findings)
      sheet.addRow([`${RULES[f.rule].title}（${f.rule}）`, severityLabel(f.severity), f.message, f.location.text]);
    // The tables as read, so a reviewer sees what each finding is about.
    for (const t of e.json.tables.filter((x) => x.present)) {
      sheet.addRow([]);
      sheet.addRow([t.name]).font = { bold: true };
      for (const row of t.rows) {
        sheet.addRow([
          row.written ?? row.label,
          '',
          ...row.cells.map((c) => c.raw ?? c.value ?? ''),
        ]);
      }
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
