/**
 * Checks on the report's prose alone: statistics period (C9), citation of the format (C11),
 * template debris (C13), outdated structure, and a few slips reviewers point out.
 */
import { finding, type Finding } from './findings.ts';
import { narrativeText, type AnnualReport } from './model.ts';
import { sectionDef, type SectionKey } from './taxonomy.ts';
import { sentences } from './text.ts';

/** A piece of prose with where it is. */
export interface TextUnit {
  readonly section?: SectionKey;
  readonly label: string;
  readonly text: string;
}

export function textUnits(report: AnnualReport): TextUnit[] {
  const units: TextUnit[] = [];
  if (report.title) units.push({ label: '标题', text: report.title });
  if (report.preamble) units.push({ label: '报告开头', text: report.preamble });
  for (const s of report.sections) {
    const d = sectionDef(s.key);
    if (s.text) units.push({ section: s.key, label: `${d.numeral}、${d.title}`, text: s.text });
  }
  return units;
}

export function excerpt(text: string, index: number, length: number, pad = 14): string {
  const from = Math.max(0, index - pad);
  const to = Math.min(text.length, index + length + pad);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

export function at(
  unit: TextUnit,
  index: number,
  length: number,
): { section?: SectionKey; text: string } {
  return {
    ...(unit.section ? { section: unit.section } : {}),
    text: `${unit.label}：“${excerpt(unit.text, index, length)}”`,
  };
}

// ---- statistics period (C9) ---------------------------------------------------------------------

export interface DateParts {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  readonly raw: string;
  readonly garbled: boolean;
}

export interface PeriodStatement {
  readonly text: string;
  readonly start?: DateParts;
  readonly end?: DateParts;
  readonly garbled: boolean;
}

// (?<!\d) keeps each digit run to one match attempt: linear time on long runs of digits.
const DATE_TOKEN =
  /(?<!\d)(\d+)\s*年\s*(\d+)\s*月\s*(\d+)\s*日|(?<!\d)(\d+)\s*月\s*(\d+)\s*日|(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})|(?<!\d)(\d{5,})\s*日|(?<!\d)((?:\d+\s*年\s*)?\d{1,2}\s*月\s*\d{1,2})(?=\s*[止至到])/g;

function readDate(m: RegExpMatchArray): DateParts {
  const raw = m[0];
  // "12月31止": the day's 日 is missing.
  if (m[9] !== undefined || m[10] !== undefined) return { raw, garbled: true };
  const [y, mo, d] =
    m[1] !== undefined
      ? [m[1], m[2]!, m[3]!]
      : m[4] !== undefined
        ? [undefined, m[4], m[5]!]
        : [m[6]!, m[7]!, m[8]!];
  const garbled =
    (y !== undefined && y.length !== 4) ||
    mo.length > 2 ||
    d.length > 2 ||
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31;
  return {
    raw,
    garbled,
    ...(y !== undefined && y.length === 4 ? { year: Number(y) } : {}),
    ...(mo.length <= 2 ? { month: Number(mo) } : {}),
    ...(d.length <= 2 ? { day: Number(d) } : {}),
  };
}

/** Sentences that state the statistics period ("统计期限自……起至……止"). */
export function findStatisticsPeriods(text: string): PeriodStatement[] {
  const out: PeriodStatement[] = [];
  for (const s of sentences(text.normalize('NFKC'))) {
    // "所列数据截止日期为2025年12月31日" states the period's end without the word 统计.
    const k = s.includes('统计') ? s.indexOf('统计') : s.search(/数据[^。，,]{0,4}?截[止至]/);
    if (k < 0) continue;
    const tail = s.slice(k);
    const matches = [...tail.matchAll(DATE_TOKEN)];
    const dates = matches.map(readDate);
    if (dates.length === 0) continue;
    const lastMatch = matches[matches.length - 1]!;
    const stop = lastMatch.index + lastMatch[0].length;
    const stated = tail.slice(0, stop + (tail[stop] === '止' ? 1 : 0));
    const start = dates[0]!;
    const endRaw = dates.length > 1 ? dates[dates.length - 1]! : undefined;
    // "2023年1月1日至12月31日": the end date takes the start's year.
    const end =
      endRaw && endRaw.year === undefined && !endRaw.garbled && start.year !== undefined
        ? { ...endRaw, year: start.year }
        : endRaw;
    out.push({
      text: stated,
      start,
      ...(end ? { end } : {}),
      garbled: dates.some((d) => d.garbled),
    });
  }
  return out;
}

function checkPeriod(report: AnnualReport, units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    for (const p of findStatisticsPeriods(unit.text)) {
      const loc = {
        ...(unit.section ? { section: unit.section } : {}),
        text: `${unit.label}：“${p.text}”`,
      };
      if (p.garbled) {
        out.push(finding('period.statistics', `统计期限的日期书写有误：“${p.text}”`, loc));
        continue;
      }
      if (!p.end || !p.start) continue;
      const y = report.year ?? p.start.year;
      if (y === undefined) continue;
      const okStart = p.start.year === y && p.start.month === 1 && p.start.day === 1;
      const okEnd = p.end.year === y && p.end.month === 12 && p.end.day === 31;
      const wholeYear =
        p.start.year === p.end.year &&
        p.start.month === 1 &&
        p.start.day === 1 &&
        p.end.month === 12 &&
        p.end.day === 31;
      // A whole year, but not the one in the title: the report is named for another year.
      if (!okStart && wholeYear && report.titleYear === y) {
        out.push(
          finding(
            'period.title-year',
            `标题为${y}年度报告，统计期限却是${p.start.year}年1月1日至${p.end.year}年12月31日`,
            loc,
          ),
        );
        continue;
      }
      if (!okStart || !okEnd) {
        out.push(
          finding(
            'period.statistics',
            `统计期限应为${y}年1月1日至${y}年12月31日，报告写作“${p.start.raw}”至“${p.end.raw}”`,
            loc,
          ),
        );
      }
    }
  }
  return out;
}

// ---- template debris (C13) ----------------------------------------------------------------------

const PLACEHOLDERS: readonly { re: RegExp; message: string }[] = [
  { re: /[(（]\s*具体[^)）]{0,10}[)）]/g, message: '未替换的模板占位符' },
  {
    re: /[(（【[]\s*(?:填写|此处|请填|待填|待补|待定)[^)）】\]]{0,15}[)）】\]]/g,
    message: '未替换的模板占位符',
  },
  { re: /(?<![A-Za-z])[XＸ×]{2,}(?![A-Za-z])/g, message: '未替换的占位字符' },
  { re: /(?<!\d)\d+[*＊]{3,}\d*|(?<![*＊])[*＊]{3,}\d+/g, message: '号码被星号遮盖，无法使用' },
  { re: /&(?:lt|gt|amp|nbsp|quot|#\d+);/gi, message: '残留的网页转义字符' },
  { re: /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>/g, message: '残留的网页标记' },
  { re: /现行有效的?(?:行政)?规范性文件\s*[。，,；;]/g, message: '缺少数字' },
  { re: /(?:共计|累计|合计)(?:件|条|个|篇|次)[，,。；;]/g, message: '缺少数字' },
  // "全年在政府网上共主动公开条，其中……": the count left out between the verb and its unit.
  {
    re: /(?:共|累计|合计|总计)(?![同享建治商产])[^\d。，,；;]{0,10}?(?:公开|发布|收到|受理|办结|答复|办理)(?:信息)?(?:条|件|篇)(?=[，,。；;]|其中)/g,
    message: '缺少数字',
  },
  // "共收到依申请公开事项7,均已办理": the unit left out after the count.
  {
    re: /(?:收到|受理|新收|公开|发布|办结|答复)[^\d。，,；;]{0,14}?(?:申请|事项|信息|文件)\s*\d+(?=[，,。；;])/g,
    message: '数字后缺少单位',
  },
];

/** '>' with no '<' before it in the sentence: the rest of an escaped tag. */
function strayAngles(text: string): number[] {
  const hits: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '。' || ch === '\n') depth = 0;
    else if (ch === '<') depth++;
    else if (ch === '>') {
      if (depth === 0) hits.push(i);
      else depth--;
    }
  }
  return hits;
}

const EMAIL =
  /(?:电子邮箱|电子信箱|邮箱|电子邮件|e-?mail)\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9._-]{2,})(@?)/gi;

function checkPlaceholders(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    // One finding per kind of debris and text unit, quoting up to five occurrences.
    const byMessage = new Map<string, RegExpMatchArray[]>();
    for (const p of PLACEHOLDERS) {
      for (const m of unit.text.matchAll(p.re)) {
        const list = byMessage.get(p.message) ?? [];
        list.push(m);
        byMessage.set(p.message, list);
      }
    }
    for (const [message, list] of byMessage) {
      const first = list[0]!;
      const quotes = [...new Set(list.map((m) => `“${m[0]}”`))].slice(0, 5).join('、');
      out.push(
        finding(
          'text.placeholder',
          `${message}：${quotes}`,
          at(unit, first.index!, first[0].length),
        ),
      );
    }
    const stray = strayAngles(unit.text);
    if (stray.length > 0) {
      out.push(
        finding('text.placeholder', '残留的网页标记（不成对的“>”）', at(unit, stray[0]!, 1)),
      );
    }
    for (const m of unit.text.matchAll(EMAIL)) {
      if (m[2] === '') {
        out.push(
          finding(
            'text.placeholder',
            `电子邮箱地址缺少“@”：“${m[1]}”`,
            at(unit, m.index, m[0].length),
          ),
        );
      }
    }
  }
  return out;
}

// ---- outdated structure, slips ------------------------------------------------------------------

/** Pre-2019 report outlines ("概述……收费及减免情况"). */
const OLD_OUTLINE = /概述|收费及减免|载体建设情况|咨询处理情况/;

function checkOldOutline(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    for (const s of sentences(unit.text)) {
      if (!/(?:全文|本报告|报告|年报)[^。]{0,12}(?:包括|由|分为|组成)/.test(s)) continue;
      const m = OLD_OUTLINE.exec(s);
      if (!m) continue;
      out.push(
        finding(
          'template.outdated',
          `报告介绍的结构是2019年以前的旧结构（“${m[0]}”等），应为国办公开办函〔2021〕30号规定的六个部分`,
          at(unit, unit.text.indexOf(s), s.length),
        ),
      );
    }
  }
  return out;
}

/** Scopes above an agency of this level: its report speaking of them describes another's work. */
function higherScopes(report: AnnualReport): string[] {
  const name = report.agency.name ?? '';
  switch (report.agency.level) {
    case 'township':
      return ['全省', '全市', '全县', '全区'];
    case 'county':
      return ['全省', '全市'];
    case 'city':
      return ['全省'];
    case 'department':
      return /县|区|旗/.test(name) ? ['全省', '全市'] : /市|州|盟/.test(name) ? ['全省'] : [];
    default:
      return [];
  }
}

/** "组织推动全省政府信息公开工作" in a township's report: text copied from a higher level's. */
function checkScope(report: AnnualReport, units: readonly TextUnit[]): Finding[] {
  const scopes = higherScopes(report);
  if (scopes.length === 0) return [];
  const re = new RegExp(
    `(?<![在对向为与和及照据])(${scopes.join('|')})(?:各级各部门|各地各部门)?(?:共|累计|通过|主动公开|发布|收到|受理|组织推动|推进|政府信息公开工作)`,
    'g',
  );
  const out: Finding[] = [];
  for (const unit of units) {
    for (const m of unit.text.matchAll(re)) {
      out.push(
        finding(
          'text.scope',
          `“${m[0]}”：${report.agency.name ?? '本机关'}的报告以“${m[1]}”叙述工作，疑为照搬上级报告的文字`,
          at(unit, m.index, m[0].length),
        ),
      );
    }
  }
  return out;
}

function checkSlips(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    for (const m of unit.text.matchAll(/贵(?:办|局|委|厅|府|单位|部门|中心)/g)) {
      out.push(
        finding(
          'text.cover-letter',
          `“${m[0]}”是报送上级的公文用语，公开的年度报告不应保留`,
          at(unit, m.index, m[0].length),
        ),
      );
    }
    for (const m of unit.text.matchAll(
      /(?<!\d)(\d+)\s*余\s*(?:条|件|次|篇|个|份|人|场|期|项|家)/g,
    )) {
      if (Number(m[1]) % 10 === 0) continue;
      out.push(
        finding(
          'text.approximate-count',
          `“${m[0]}”：确切数字后不应加“余”，请写明确切数量`,
          at(unit, m.index, m[0].length),
        ),
      );
    }
    for (const m of unit.text.matchAll(/(?<![\d\-./:：])(?:19|20)\d{2}(?=[共全我本收累新度内])/g)) {
      out.push(
        finding(
          'text.year-typo',
          `“${unit.text.slice(m.index, m.index + 6)}”年份后缺少“年”字`,
          at(unit, m.index, 5),
        ),
      );
    }
    // "1.2021，在县委……": a clause opened by a bare year.
    for (const m of unit.text.matchAll(YEAR_CLAUSE)) {
      const at0 = m.index + m[0].length - m[1]!.length - 1;
      out.push(
        finding('text.year-typo', `“${m[1]}，”年份后缺少“年”字`, at(unit, at0, m[1]!.length + 1)),
      );
    }
  }
  return out;
}

const YEAR_CLAUSE =
  /(?:^|(?<=[。；;\n]))\s*(?:\d{1,2}\s*[.．、]\s*)?((?:19|20)\d{2})\s*[，,](?=\p{Script=Han})/gu;

/** Numerals and reduplications that may stand twice in a row. */
const MAY_REPEAT = /^[〇零一二三四五六七八九十百千万两\d]+$/u;
/**
 * A name's end followed by a word that starts the same way: "连生乡人民政府政府信息公开工作",
 * "政务公开工作工作人员", "政府信息信息化".
 */
const JOINS_NEXT = /^(?:政府信息|工作人员|信息化|服务中心|管理办法)/u;

/**
 * "完善监督保障保障机制": a word of two or more characters written twice in a row, a slip of
 * editing. Within one line only (a line that repeats the one before is a layout matter).
 */
export function checkRepeated(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    for (const m of unit.text.matchAll(/(\p{Script=Han}{2,8})\1/gu)) {
      const word = m[1]!;
      if (new Set(word).size === 1 || MAY_REPEAT.test(word)) continue;
      if (JOINS_NEXT.test(unit.text.slice(m.index + word.length))) continue;
      out.push(
        finding('text.repeated', `“${m[0]}”：“${word}”重复了一次`, at(unit, m.index, m[0].length)),
      );
    }
  }
  return out;
}

/** All prose-only checks. */
export function checkText(report: AnnualReport): Finding[] {
  const units = textUnits(report);
  if (narrativeText(report) === '' && !report.title) return [];
  return [
    ...checkPeriod(report, units),
    ...checkPlaceholders(units),
    ...checkOldOutline(units),
    ...checkSlips(units),
    ...checkRepeated(units),
    ...checkScope(report, units),
  ];
}
