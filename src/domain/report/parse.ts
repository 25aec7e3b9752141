/**
 * The checker's reader: a published annual report, as plain text (tables as tab-separated
 * lines) or as rows of cells extracted from HTML/DOCX, into the report model.
 *
 * It never throws. Text that is not recognisably an annual report gives a typed
 * 'not-a-report' result (the CLI exits 2 on it). A report whose text stops early is read as far
 * as it goes and marked truncated.
 */
import type {
  AnnualReport,
  Cell,
  AppealTable,
  ProactiveTable,
  ReportSection,
  RequestTable,
} from './model.ts';
import {
  isAppealsAnchor,
  isProactiveMarker,
  isRequestsAnchor,
  readAppeals,
  readProactive,
  readRequests,
  type Line,
  type TableRead,
} from './parse-tables.ts';
import { dropChrome } from './chrome.ts';
import { describeReport, type ReportDescription } from './describe.ts';
import {
  cleanAgency,
  findAgency,
  findTitle,
  inferLevel,
  mostFrequentYear,
  signatureAgency,
  titleOfFileName,
} from './identity.ts';
import { toRows } from './rows.ts';
import { simplify, simplifyRows } from './script.ts';
import { findStatisticsPeriods } from './text-rules.ts';
import { SECTIONS, type AgencyLevel, type TableId } from './taxonomy.ts';
import { endsLikeSentence, fold, readCell } from './text.ts';

export type ParseInput = string | { readonly rows: readonly (readonly string[])[] };

export interface ParseOptions {
  /** Level of the agency when the caller knows it better than the name tells. */
  readonly agencyLevel?: AgencyLevel;
  /** The uploaded file's name: the agency and year when the text does not give them. */
  readonly fileName?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly report: AnnualReport; readonly meta: ReportDescription }
  | { readonly ok: false; readonly reason: 'not-a-report'; readonly message: string };

/** Any layout into lines of cells, in simplified script, without the web page around it. */
function toLines(input: ParseInput): { lines: Line[]; publishedOn?: string } {
  let source: string | readonly (readonly string[])[];
  if (typeof input === 'string') {
    source = simplify(input);
  } else if (input && Array.isArray(input.rows)) {
    source = simplifyRows(
      input.rows.map((r) =>
        Array.isArray(r) ? r.map((c) => (typeof c === 'string' ? c : String(c ?? ''))) : [],
      ),
    );
  } else {
    source = [];
  }
  const { rows, publishedOn } = dropChrome(toRows(source));
  const lines = rows.map((r) => {
    const cells = r.cells.map((c) => c.replace(/^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$/g, ''));
    return { no: r.no, cells, text: cells.filter((c) => c !== '').join(' ') };
  });
  return { lines, ...(publishedOn ? { publishedOn } : {}) };
}

// ---- section headings ---------------------------------------------------------------------------

const NUMERALS = '一二三四五六';

const HEADING_TESTS: readonly ((core: string) => boolean)[] = [
  // "政府信息公开工作的基本情况": the pre-2019 wording, read as the part and reported by its title.
  (c) => c.includes('总体情况') || c.includes('概述') || c === '总体' || c.endsWith('基本情况'),
  (c) => c.includes('主动公开'),
  (c) => c.includes('申请') && !/本年新收|办理结果|结转/.test(c),
  (c) => /复议|诉讼/.test(c) && !c.includes('结转'),
  (c) => /问题|改进/.test(c),
  (c) => c.includes('其他') && /事项|报告/.test(c),
];

interface Heading {
  readonly index: number;
  readonly lineIndex: number;
  readonly written: string;
  readonly arabic: boolean;
  /** Text after the heading on the same line. */
  readonly body: string;
}

function matchHeading(
  line: Line,
): { index: number; written: string; body: string; arabic: boolean } | undefined {
  const cells = line.cells.filter((c) => c !== '');
  if (cells.length !== 1) return undefined;
  const text = cells[0]!.normalize('NFKC').trim();
  // "1.总体情况" for "一、总体情况": read as the heading, reported as misnumbered.
  const m = /^([一二三四五六]|[1-6](?![\d.]))\s*[、.,:]\s*([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  const arabic = /\d/.test(m[1]!);
  const index = arabic ? Number(m[1]) - 1 : NUMERALS.indexOf(m[1]!);
  const test = HEADING_TESTS[index]!;
  const rest = m[2]!;
  const ok = (h: string): boolean => {
    const core = fold(h).replace(/[。.:]+$/, '');
    return core.length > 0 && core.length <= 30 && test(core);
  };
  // Heading and body on one line: "一、总体情况 本年度报告根据……".
  const sp = /\s+/.exec(rest);
  if (sp && ok(rest.slice(0, sp.index))) {
    return {
      index,
      written: `${m[1]}${arabic ? '.' : '、'}${rest.slice(0, sp.index)}`,
      body: rest.slice(sp.index + sp[0].length).trim(),
      arabic,
    };
  }
  if (ok(rest)) return { index, written: cells[0]!.trim(), body: '', arabic };
  return undefined;
}

function findHeadings(lines: readonly Line[]): Heading[] {
  const found = lines.flatMap((line, i) => {
    const h = matchHeading(line);
    return h ? [{ ...h, lineIndex: i }] : [];
  });
  const out: Heading[] = [];
  let last = -1;
  for (const h of found) {
    if (h.arabic || h.index <= last) continue;
    out.push(h);
    last = h.index;
  }
  // An arabic-numbered heading only where no 一、-style heading of that section is, in order.
  for (const h of found) {
    if (!h.arabic || out.some((x) => x.index === h.index)) continue;
    const before = out.filter((x) => x.index < h.index).at(-1);
    const after = out.find((x) => x.index > h.index);
    if ((before && before.lineIndex >= h.lineIndex) || (after && after.lineIndex <= h.lineIndex))
      continue;
    out.push(h);
    out.sort((a, b) => a.lineIndex - b.lineIndex);
  }
  return out;
}

// ---- table regions ------------------------------------------------------------------------------

interface Region {
  readonly start: number;
  readonly end: number;
}

const TABLE_SECTION: Readonly<Record<TableId, number>> = { proactive: 1, requests: 2, appeals: 3 };

function findRegions(
  lines: readonly Line[],
  headings: readonly Heading[],
): Partial<Record<TableId, Region>> {
  const headingLine = (index: number): number | undefined =>
    headings.find((h) => h.index === index)?.lineIndex;
  const firstFrom = (from: number, test: (l: Line) => boolean): number | undefined => {
    for (let i = Math.max(0, from); i < lines.length; i++) if (test(lines[i]!)) return i;
    return undefined;
  };
  const firstCell = (l: Line): string => l.cells.find((c) => c !== '') ?? '';

  const h2 = headingLine(1);
  const h3 = headingLine(2);
  const h4 = headingLine(3);
  const a2 = firstFrom(
    h2 ?? 0,
    (l) => isProactiveMarker(firstCell(l)) || fold(firstCell(l)).startsWith('信息内容'),
  );
  const s2 = h2 !== undefined ? h2 + 1 : a2;
  const a3 = firstFrom(Math.max(s2 ?? 0, h3 ?? 0), (l) => isRequestsAnchor(l.cells));
  const s3 = h3 !== undefined ? Math.min(h3 + 1, a3 ?? Infinity) : a3;
  const a4 = firstFrom(Math.max(s3 ?? s2 ?? 0, h4 ?? 0), (l) => isAppealsAnchor(l.cells));
  const s4 = h4 !== undefined ? Math.min(h4 + 1, a4 ?? Infinity) : a4;

  const starts: Partial<Record<TableId, number>> = {};
  if (s2 !== undefined && (a2 !== undefined || h2 !== undefined)) starts.proactive = s2;
  if (s3 !== undefined) starts.requests = s3;
  if (s4 !== undefined) starts.appeals = s4;

  const out: Partial<Record<TableId, Region>> = {};
  for (const id of ['proactive', 'requests', 'appeals'] as const) {
    const start = starts[id];
    if (start === undefined) continue;
    const sec = TABLE_SECTION[id];
    let end = lines.length;
    for (const h of headings) {
      if (h.index > sec && h.lineIndex >= start && h.lineIndex < end) end = h.lineIndex;
    }
    for (const other of ['proactive', 'requests', 'appeals'] as const) {
      const s = starts[other];
      if (TABLE_SECTION[other] > sec && s !== undefined && s > start && s < end) end = s;
    }
    out[id] = { start, end };
  }
  return out;
}

// ---- the reader ---------------------------------------------------------------------------------

function emptyTable<T>(): T {
  return { present: false, cut: false, labels: [], foreign: [], rows: {}, raw: [] } as T;
}

/**
 * Rows read but no number attached to any, while the table's lines hold numbers: the layout was
 * not recognised (a table with no number anywhere is an empty table, reported as blank).
 */
function unreadableAt(
  read: TableRead<string, string>,
  lines: readonly Line[],
  region: Region | undefined,
): { line: number } | undefined {
  const cells = Object.values(read.rows).flatMap((r) => Object.values(r ?? {})) as Cell[];
  if (!region || Object.keys(read.rows).length < 3 || cells.some((c) => c.value !== null)) {
    return undefined;
  }
  const numbers = lines
    .slice(region.start, region.end)
    .flatMap((l) => l.cells.filter((c) => readCell(c).kind === 'number').map(() => l.no));
  if (numbers.length < 3) return undefined;
  return { line: read.raw[0]?.line ?? numbers[0]! };
}

function toTable<T>(
  read: TableRead<string, string> | undefined,
  cut: boolean,
  lastLineNo: number,
  truncated: boolean,
  unreadable?: { line: number },
): T {
  if (!read || !read.present) return emptyTable<T>();
  const labels = read.labels.map((l) =>
    truncated && l.line === lastLineNo ? { ...l, partial: true } : l,
  );
  return {
    present: true,
    cut,
    labels,
    foreign: read.foreign,
    rows: read.rows,
    raw: read.raw,
    ...(unreadable ? { unreadable } : {}),
  } as T;
}

const SIGNATURE_DATE =
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$/;
const SIGNATURE_ORG = /^[\p{Script=Han}（）()·]{2,40}$/u;

/**
 * Drops a closing 落款 — a date line, with the issuing agency's name just above it — from the end
 * of a section's text. A sentence line is never taken for a name (names carry no punctuation).
 */
function withoutSignature(text: string): string {
  const lines = text.split('\n');
  if (lines.length < 2 || !SIGNATURE_DATE.test(lines.at(-1)!.normalize('NFKC').trim())) return text;
  lines.pop();
  if (lines.length > 1 && SIGNATURE_ORG.test(lines.at(-1)!.trim())) lines.pop();
  return lines.join('\n');
}

/** Reads a published report. Never throws. */
export function parseReport(input: ParseInput, options: ParseOptions = {}): ParseResult {
  const { lines, publishedOn } = toLines(input);
  const lastIdx = (() => {
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.text !== '') return i;
    return -1;
  })();
  const notReport = (message: string): ParseResult => ({
    ok: false,
    reason: 'not-a-report',
    message,
  });
  if (lastIdx < 0) return notReport('文本为空，不是政府信息公开工作年度报告');
  const lastLineNo = lines[lastIdx]!.no;

  const headings = findHeadings(lines);
  const regions = findRegions(lines, headings);
  const reads: Partial<Record<TableId, TableRead<string, string>>> = {};
  if (regions.proactive) {
    reads.proactive = readProactive(
      lines,
      regions.proactive.start,
      regions.proactive.end,
      lastLineNo,
    );
  }
  if (regions.requests) {
    reads.requests = readRequests(lines, regions.requests.start, regions.requests.end, lastLineNo);
  }
  if (regions.appeals) {
    reads.appeals = readAppeals(lines, regions.appeals.start, regions.appeals.end, lastLineNo);
  }
  const consumed = new Set<number>();
  for (const r of Object.values(reads)) for (const i of r.consumed) consumed.add(i);

  const firstHeading = headings[0]?.lineIndex;
  const firstTable = Math.min(
    ...Object.values(reads)
      .filter((r) => r.present)
      .map((r) => Math.min(...r.consumed)),
  );
  const bodyStart = firstHeading ?? (Number.isFinite(firstTable) ? firstTable : lines.length);
  const title = findTitle(lines, bodyStart);

  const allText = lines.map((l) => l.text).join('\n');
  const looksLikeReport =
    fold(allText).includes('政府信息公开') &&
    (headings.length > 0 ||
      Object.values(reads).some((r) => r.present) ||
      (title !== undefined && !title.irregular));
  if (!looksLikeReport) return notReport('未识别出政府信息公开工作年度报告的标题、章节或表格');

  // Sections: by heading, or by their table when the heading is missing.
  const sections: ReportSection[] = [];
  const proseOf = (from: number, to: number): string =>
    lines
      .slice(from, to)
      .map((l, k) => (consumed.has(from + k) ? '' : l.text))
      .filter((t) => t !== '')
      .join('\n');
  for (const d of SECTIONS) {
    const index = SECTIONS.indexOf(d);
    const h = headings.find((x) => x.index === index);
    if (h) {
      const next = headings.find((x) => x.lineIndex > h.lineIndex)?.lineIndex ?? lines.length;
      const text = [h.body, proseOf(h.lineIndex + 1, next)].filter((t) => t).join('\n');
      sections.push({ key: d.key, heading: h.written, text, line: lines[h.lineIndex]!.no });
    } else if (d.table && reads[d.table]?.present) {
      sections.push({ key: d.key, text: '' });
    }
  }
  // The 落款 (agency and date) after the last section is not part of its text.
  const last = sections.at(-1);
  if (last?.heading !== undefined)
    sections[sections.length - 1] = { ...last, text: withoutSignature(last.text) };
  // What stands before the title is the web page's, not the report's.
  const preamble = proseOf(title ? title.line + title.span : 0, bodyStart);

  // Truncation: the text ends inside an unfinished table, or mid-sentence before section 六.
  const lastSection = Math.max(
    -1,
    ...sections.map((s) => SECTIONS.findIndex((d) => d.key === s.key)),
  );
  const lastText = lines[lastIdx]!.text;
  let tableAtEnd: TableId | undefined;
  for (const id of ['proactive', 'requests', 'appeals'] as const) {
    const r = regions[id];
    if (r && reads[id]?.present && lastIdx >= r.start && lastIdx < r.end) tableAtEnd = id;
  }
  const six = sections.find((s) => s.key === 'other');
  const truncated =
    (tableAtEnd !== undefined && !reads[tableAtEnd]!.complete) ||
    (lastSection < 5 && !consumed.has(lastIdx) && !endsLikeSentence(lastText)) ||
    (six !== undefined && six.text === '' && headings.at(-1)?.lineIndex === lastIdx);

  const cutOf = (id: TableId): boolean => truncated && tableAtEnd === id;
  const tableOf = <T>(id: TableId): T => {
    const read = reads[id];
    const lost = read?.present ? unreadableAt(read, lines, regions[id]) : undefined;
    return toTable<T>(read, cutOf(id), lastLineNo, truncated, lost);
  };
  const proactive = tableOf<ProactiveTable>('proactive');
  const requests = tableOf<RequestTable>('requests');
  const appeals = tableOf<AppealTable>('appeals');

  const anyTrial = [proactive, requests, appeals].some((t) => t.foreign.some((f) => f.trial));
  const anyTable = [proactive, requests, appeals].some((t) => t.present && t.labels.length > 0);
  const template = anyTrial ? '2019-trial' : anyTable ? '2021' : 'unknown';

  const headText = [title?.text ?? '', preamble, sections[0]?.text ?? ''].join('\n');
  const fromFile = titleOfFileName(options.fileName);
  // The name may also sit in a table caption ("单位：东阳市自然资源和规划局").
  const agencyName =
    title?.agency ??
    findAgency(headText) ??
    findAgency(sections.map((s) => s.text).join('\n')) ??
    signatureAgency(lines) ??
    (fromFile?.agency ? cleanAgency(fromFile.agency) : undefined);
  const level = options.agencyLevel ?? inferLevel(agencyName, headText);
  const period = findStatisticsPeriods(headText).find(
    (p) => !p.garbled && p.start?.year !== undefined,
  );
  const periodYear = period?.start?.year;
  // The title names the report's year; a period of another year is reported (period.title-year).
  const year = title?.year ?? periodYear ?? fromFile?.year ?? mostFrequentYear(headText);

  const report: AnnualReport = {
    agency: { ...(agencyName ? { name: agencyName } : {}), ...(level ? { level } : {}) },
    ...(year !== undefined ? { year } : {}),
    template,
    ...(title ? { title: title.text, titleYear: title.year } : {}),
    ...(title?.irregular ? { titleIrregular: true } : {}),
    ...(periodYear !== undefined ? { periodYear } : {}),
    ...(publishedOn ? { publishedOn } : {}),
    preamble,
    sections,
    proactive,
    requests,
    appeals,
    truncated,
    lastLine: lastLineNo,
  };
  return { ok: true, report, meta: describeReport(report) };
}
