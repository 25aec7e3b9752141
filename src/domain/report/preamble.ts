/**
 * The report's opening paragraph (3.2: 依据, 统计期限, where the electronic version is published,
 * a contact office with address and telephone) and the end of the report's life cycle that
 * depends on the year: a report cannot be published before its year has ended (C10).
 */
import { finding, type Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';

/** What an agency states in the opening paragraph of each year's report. */
export interface ReportContacts {
  readonly websiteName: string;
  readonly websiteUrl: string;
  readonly office: string;
  readonly address: string;
  readonly postcode: string;
  readonly phone: string;
  readonly email: string;
}

export const emptyContacts: ReportContacts = { websiteName: '', websiteUrl: '', office: '', address: '', postcode: '', phone: '', email: '' };

/**
 * The standard opening paragraph. Parts the agency has not set are left out (never a
 * placeholder such as "(具体网址)", file 10), so the checker names what is missing.
 */
export function standardPreamble(agencyName: string, year: number, c: ReportContacts): string {
  const parts = [
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，由${agencyName}编制。`,
    `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
  ];
  const site = c.websiteName.trim();
  const url = c.websiteUrl.trim();
  if (site || url) parts.push(`本报告电子版可在${site ? `“${site}”` : '本机关门户网站'}${url ? `（${url}）` : ''}查阅或下载。`);
  const details = [
    c.address.trim() && `地址：${c.address.trim()}`,
    c.postcode.trim() && `邮编：${c.postcode.trim()}`,
    c.phone.trim() && `电话：${c.phone.trim()}`,
    c.email.trim() && `电子邮箱：${c.email.trim()}`,
  ].filter((x) => x);
  if (c.office.trim() || details.length) {
    parts.push(`如对本报告有疑问，请与${c.office.trim() || agencyName}联系${details.length ? `（${details.join('；')}）` : ''}。`);
  }
  return parts.join('');
}

/** The elements of the opening paragraph, each with how to recognise it in any report's text. */
const ELEMENTS: readonly { readonly name: string; readonly test: RegExp }[] = [
  { name: '编制依据（《中华人民共和国政府信息公开条例》）', test: /政府信息公开条例|《条例》/ },
  { name: '统计期限', test: /统计(?:期限|时限|期间|时间)|自\s*\d{4}\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*至/ },
  { name: '报告电子版的网址', test: /网址|网站|https?:\/\/|www\.|\.gov\.cn/i },
  { name: '联系方式（联系机构、地址、电话）', test: /电话|联系方式|联系地址|邮箱/ },
];

/** The opening paragraph is missing, or lacks one of its usual elements (a warning: convention, not a table rule). */
export function checkPreamble(report: AnnualReport): Finding[] {
  const text = report.preamble.trim();
  const where = { text: '报告开头' };
  if (!text) {
    return [finding('preamble.incomplete', '报告没有开头段落：应说明编制依据、统计期限、报告电子版的网址和联系方式', where)];
  }
  const missing = ELEMENTS.filter((e) => !e.test.test(text)).map((e) => e.name);
  return missing.length ? [finding('preamble.incomplete', `报告开头缺少：${missing.join('、')}`, where)] : [];
}

/** The first day on which the report of `year` may be published: the year must have ended (C10). */
export function earliestPublication(year: number): string {
  return `${year + 1}-01-01`;
}
