/**
 * Exports of the annual report (国办公开办函〔2021〕30号 format): printable HTML, DOCX, XLSX and a
 * versioned JSON, plus the reader that turns an uploaded text/HTML/DOCX file into the input of
 * the report parser (the checker).
 */
export { renderReportHtml, type RenderHtmlOptions } from './html.ts';
export { renderReportDocx, type RenderDocxOptions } from './docx.ts';
export { renderReportXlsx, XLSX_SHEETS, XLSX_TABLE_FIRST_ROW } from './xlsx.ts';
export {
  reportToJson,
  REPORT_JSON_SCHEMA,
  REPORT_JSON_SCHEMA_VERSION,
  type JsonCell,
  type ReportJson,
  type ReportJsonProactiveRows,
  type ReportJsonSection,
} from './json.ts';
export {
  readReportFile,
  decodeText,
  looksLikeHtml,
  type ReadReportFileResult,
  type ReportFileFormat,
} from './read.ts';
export { htmlToRows } from './html-text.ts';
export {
  tableLayout,
  expandLayout,
  reportBlocks,
  type LayoutCell,
  type LayoutRow,
  type TableLayout,
  type ReportBlock,
} from './layout.ts';
