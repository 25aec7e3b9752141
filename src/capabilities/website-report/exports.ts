/**
 * The website annual report as HTML (A4, printable), XLSX (exceljs, one sheet, figures as numbers)
 * and JSON. A 未接入 figure is written as “未接入”, never as 0.
 */
import { html } from '../../views/html.ts';
import { displayValue, websiteReportSections, type WebsiteReport, type WebsiteReportRow } from '../../domain/website-report/form.ts';
import { websiteReportFormats, type WebsiteReportFormat } from './contract.ts';

const bySection = (report: WebsiteReport): [string, WebsiteReportRow[]][] =>
  (Object.keys(websiteReportSections) as (keyof typeof websiteReportSections)[]).map((s) => [websiteReportSections[s], report.rows.filter((r) => r.section === s)]);

function renderHtml(report: WebsiteReport, publishedOn: string): string {
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${report.title}</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "仿宋", FangSong, "Noto Serif CJK SC", serif; font-size: 12pt; margin: 0 auto; max-width: 174mm; padding: 8mm 4mm; }
h1 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; font-weight: normal; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 3pt 5pt; vertical-align: top; }
th[scope=rowgroup] { background: #f0f0f0; text-align: left; }
td.n { text-align: right; white-space: nowrap; }
.note { font-size: 10pt; }
</style></head>
<body><h1>${report.title}</h1>
<table><thead><tr><th scope="col">项目</th><th scope="col">数值</th><th scope="col">单位</th></tr></thead>
${bySection(report).map(
  ([name, rows]) => html`<tbody><tr><th scope="rowgroup" colspan="3">${name}</th></tr>
${rows.map((r) => html`<tr><td>${r.label}</td><td class="n">${displayValue(r)}</td><td>${r.value === null ? '' : r.unit}</td></tr>`)}</tbody>`,
)}
</table>
<p class="note">“未接入”：平台没有相应记录，须另行填报。填报日期：${publishedOn}</p>
</body></html>`.toString();
}

async function renderXlsx(report: WebsiteReport): Promise<Buffer> {
  // exceljs is loaded by the first export that needs it, not by every server start.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('年度报表');
  sheet.columns = [{ width: 14 }, { width: 34 }, { width: 24 }, { width: 10 }];
  sheet.addRow([report.title]).font = { bold: true, size: 14 };
  sheet.addRow(['栏目', '项目', '数值', '单位']).font = { bold: true };
  for (const [name, rows] of bySection(report)) {
    for (const r of rows) sheet.addRow([name, r.label, r.value ?? displayValue(r), r.value === null ? '' : r.unit]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportWebsiteReport(report: WebsiteReport, format: WebsiteReportFormat, publishedOn: string): Promise<{ body: string | Buffer; contentType: string; fileName: string }> {
  const body = format === 'html' ? renderHtml(report, publishedOn) : format === 'xlsx' ? await renderXlsx(report) : JSON.stringify(report, null, 2);
  return { body, contentType: websiteReportFormats[format], fileName: `${report.title}.${format}` };
}
