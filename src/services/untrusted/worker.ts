/**
 * The parse worker: runs the DOCX/XLSX/PDF parsers on uploaded bytes inside a worker thread with
 * its own, bounded heap (see pool.ts). Handlers must not throw for bad input: they return what
 * the caller needs to tell the person (a warning, or null for "not readable").
 */
import { parentPort } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import type { ExtractedText, ParsedKind } from '../attachments/extract.ts';

/** A cell as plain data that survives postMessage: formulas as their result, rich text as text. */
export type PlainCell = string | number | boolean | Date | null;

export interface SheetRows {
  /** False when the workbook has no worksheet at all. */
  hasSheet: boolean;
  /** Non-empty rows of the first sheet: `values[c]` is column c (1-based; index 0 is null). */
  rows: { number: number; values: PlainCell[] }[];
  /** The sheet has more non-empty rows than were asked for. */
  truncated: boolean;
}

// Modules are imported per job kind, so a worker loads only the parser it is asked to run.
export const handlers = {
  extract: async (input: { data: Uint8Array; kind: ParsedKind }): Promise<ExtractedText> =>
    (await import('../attachments/extract.ts')).extractTextInProcess(input.data, input.kind),
  reportDocx: async (input: { data: Uint8Array }): Promise<string[][] | null> =>
    (await import('../../exports/report/read.ts')).docxRowsInProcess(input.data),
  reportPdf: async (input: { data: Uint8Array }): Promise<string[][] | null> =>
    (await import('../../exports/report/pdf-rows.ts')).pdfRowsInProcess(input.data),
  sheetRows: (input: { data: Uint8Array; maxRows: number }) => firstSheetRows(input.data, input.maxRows),
  compoundContent: async (input: { data: Uint8Array }) => (await import('../attachments/legacy.ts')).compoundContentInProcess(input.data),
};

export type Handlers = typeof handlers;
export type Op = keyof Handlers;

async function firstSheetRows(data: Uint8Array, maxRows: number): Promise<SheetRows | null> {
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { hasSheet: false, rows: [], truncated: false };
  const rows: SheetRows['rows'] = [];
  let truncated = false;
  sheet.eachRow((row, number) => {
    if (rows.length >= maxRows) {
      truncated = true;
      return;
    }
    // row.values is sparse and 1-based: holes become null.
    rows.push({ number, values: Array.from(row.values as ExcelJS.CellValue[], plainCell) });
  });
  return { hasSheet: true, rows, truncated };
}

function plainCell(value: ExcelJS.CellValue): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return plainCell(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

interface JobMessage {
  id: number;
  op: Op;
  input: never;
}

parentPort?.on('message', async ({ id, op, input }: JobMessage) => {
  try {
    const output = await handlers[op](input);
    parentPort!.postMessage({ id, ok: true, output });
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
