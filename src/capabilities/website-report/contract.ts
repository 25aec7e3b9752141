/**
 * The website annual report's contract (政府网站工作年度报表, issue 11 item 5) and the section 一
 * draft of the statutory report (item 6): types and Chinese labels the API speaks. The workspace
 * imports these; no Node.js APIs here.
 */
import type { WebsiteReport, WebsiteReportFinding } from '../../domain/website-report/form.ts';
import type { OverviewDraft } from '../../domain/website-report/overview.ts';
import { reportFormats, type ReportStatus } from '../reports/contract.ts';

export { websiteReportSections, NOT_CONNECTED, displayValue } from '../../domain/website-report/form.ts';
export type { WebsiteReport, WebsiteReportRow, WebsiteReportFinding, WebsiteReportSection } from '../../domain/website-report/form.ts';
export type { OverviewDraft, OverviewFigure } from '../../domain/website-report/overview.ts';
export { reportStatusLabels } from '../reports/contract.ts';

export interface WebsiteReportView {
  agencyId: number;
  year: number;
  status: ReportStatus;
  statusLabel: string;
  /** Counted from today's records, or the snapshot frozen at publication. */
  report: WebsiteReport;
  findings: WebsiteReportFinding[];
  canPublish: boolean;
  /** 31 January of the next year. */
  deadline: { date: string; overdue: boolean };
  publishableFrom: string;
  publishedAt: string | null;
}

/** The section 一 draft with the year it was written for. */
export interface OverviewDraftView extends OverviewDraft {
  agencyId: number;
  year: number;
}

const { html, xlsx, json } = reportFormats;
/** The statutory report's formats but DOCX: the form is a table. */
export const websiteReportFormats = { html, xlsx, json } as const;
export type WebsiteReportFormat = keyof typeof websiteReportFormats;
export const websiteReportFormatNames = Object.keys(websiteReportFormats) as WebsiteReportFormat[];

/** The Chinese label of each field these APIs take. */
export const websiteReportFieldLabels: Readonly<Record<string, string>> = {
  agencyId: '机构',
  year: '年度',
  format: '导出格式',
};
