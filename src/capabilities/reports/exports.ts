/** A report in the official export formats, for the workspace, the portal and `gongkai report build`. */
import type { AnnualReport } from '../../domain/report/index.ts';
import { renderReportHtml } from '../../exports/report/html.ts';
import { reportToJson } from '../../exports/report/json.ts';
import { reportFormats, type ReportFormat } from './contract.ts';

export { reportFormats, type ReportFormat } from './contract.ts';

/** One report in one of the four official export formats. */
export async function exportReport(report: AnnualReport, format: ReportFormat, options: { date?: string; signer?: string } = {}): Promise<{ body: string | Buffer; contentType: string; fileName: string }> {
  const name = report.title ?? `${report.agency.name ?? ''}${report.year ?? ''}年政府信息公开工作年度报告`;
  const body =
    format === 'html'
      ? renderReportHtml(report, options)
      : format === 'docx'
        ? await (await import('../../exports/report/docx.ts')).renderReportDocx(report, options)
        : format === 'xlsx'
          ? // docx and exceljs are loaded by the first export that needs them, not by every server start.
            await (await import('../../exports/report/xlsx.ts')).renderReportXlsx(report)
          : JSON.stringify(reportToJson(report), null, 2);
  return { body, contentType: reportFormats[format], fileName: `${name}.${format}` };
}
