/**
 * The report's form, as a reader sees it before the figures: the outline sentence that lists the
 * parts ("本报告由总体情况、……等六部分组成"), the numbering of the section headings, and the title.
 */
import { finding, type Finding } from './findings.ts';
import type { AnnualReport } from './model.ts';
import { SECTIONS } from './taxonomy.ts';
import { chineseNumeral } from './text.ts';
import { excerpt, textUnits, type TextUnit } from './text-rules.ts';

/** What names each of the six parts in an outline. */
const PART_TESTS: readonly RegExp[] = [
  /总体|概述/,
  /主动公开/,
  /收到|依申请|申请公开|公开申请/,
  /复议|诉讼/,
  /问题|改进|整改/,
  /其他|其它/,
];

// "主要内容包括……" in a sentence of its own introduces the parts too.
const OUTLINE =
  /(?:全文|本报告|报告|年报|本年度报告|主要内容)(?:[^。]{0,20}?(?:包括|由|分为|主要从)|[^。]{0,40}?[，,]\s*主要包括)/;
/** Pre-2019 outlines are reported by template.outdated. */
const OLD_OUTLINE = /概述|收费及减免|载体建设情况|咨询处理情况/;
const COUNT = /(?:等|共)?\s*([一二三四五六七八九十]|\d{1,2})\s*(?:个|大)?(?:部分|方面|项内容)/;

interface Part {
  readonly written: string;
  /** Sections the item names, in order; empty for an item that names none. */
  readonly sections: readonly number[];
}

function partsOf(list: string): Part[] {
  const items = list
    // Markup debris is text.placeholder's; its semicolons do not separate parts.
    .replace(/&[a-z]+;|<[^<>]*>/gi, '')
    .split(/[、，,；;]/)
    .map((s) => s.replace(/^[(（][一二三四五六七八九十\d]+[)）]|^[一二三四五六\d][、.]/, '').trim())
    .filter((s) => s !== '');
  const parts: Part[] = [];
  for (const item of items) {
    const sections = PART_TESTS.flatMap((re, k) => {
      const m = re.exec(item);
      return m ? [{ k, at: m.index }] : [];
    })
      .sort((a, b) => a.at - b.at)
      .map((x) => x.k);
    const prev = parts.at(-1);
    // "政府信息公开行政复议、行政诉讼情况" names one part in two items; an item that repeats the
    // one before ("因…被申请行政复议、因…被申请行政复议和提起行政诉讼情况") is listed twice.
    const repeats = prev !== undefined && prev.written.length >= 4 && item.startsWith(prev.written);
    if (prev && !repeats && sections.length > 0 && sections.every((s) => prev.sections.includes(s)))
      continue;
    parts.push({ written: item, sections });
  }
  return parts;
}

function listOf(sentence: string): { list: string; stated?: number } | undefined {
  if (!OUTLINE.test(sentence)) return undefined;
  // "本报告由某办公室编制，全文包括……": the list follows 包括; "由……组成" only without one.
  const m = /包括|分为|主要从/.exec(sentence) ?? /由(?=[^。]*组成)/.exec(sentence);
  if (!m) return undefined;
  let list = sentence.slice(m.index + m[0].length).replace(/^[:：\s]+/, '');
  const count = COUNT.exec(list);
  const stated = count ? (chineseNumeral(count[1]!) ?? Number(count[1])) : undefined;
  if (count) list = list.slice(0, count.index);
  list = list.split(/等?(?:内容|方面)?(?:组成|汇报)|等内容|等方面/)[0]!.replace(/等$/, '');
  // The sixth part closes the list: a clause after it ("……其他需要报告的事项，报告中所涉数据的
  // 统计期自……") is the next statement, not a part.
  const last = /(?:其他|其它)[^、，,；;]*(?=[，,；;])/.exec(list);
  if (last) list = list.slice(0, last.index + last[0].length);
  return { list, ...(stated !== undefined ? { stated } : {}) };
}

/** The outline sentence against the six parts of the format. */
export function checkOutline(units: readonly TextUnit[]): Finding[] {
  for (const unit of units.filter((u) => u.label !== '标题').slice(0, 2)) {
    for (const m of unit.text.matchAll(/[^。]+/g)) {
      const sentence = m[0];
      if (OLD_OUTLINE.test(sentence)) continue;
      const found = listOf(sentence);
      if (!found) continue;
      const parts = partsOf(found.list);
      const named = parts.flatMap((p) => p.sections);
      if (parts.length < 3) continue;
      const where = {
        ...(unit.section ? { section: unit.section } : {}),
        text: `${unit.label}：“${excerpt(unit.text, m.index, sentence.length, 0)}”`,
      };
      const problems: string[] = [];
      // Items in order: each should name the next part of the format.
      let next = 0;
      const standsFor = new Set<number>();
      for (const p of parts) {
        if (p.sections.length === 0) {
          const d = SECTIONS[next];
          problems.push(
            d ? `第${d.numeral}部分应为“${d.title}”，报告写作“${p.written}”` : `多出“${p.written}”`,
          );
          standsFor.add(next);
          next++;
          continue;
        }
        next = Math.max(next, Math.max(...p.sections) + 1);
      }
      const unnamed = parts.filter((p) => p.sections.length === 0).length;
      const missing = SECTIONS.filter((_, k) => !named.includes(k) && !standsFor.has(k));
      if (missing.length > 0) {
        problems.push(`未列出${missing.map((d) => `“${d.title}”`).join('、')}`);
      }
      // "其他报告的事项": the sixth part's name with its 需要 lost.
      const sixth = parts.find((p) => p.sections.includes(5));
      if (sixth && !/需/.test(sixth.written)) {
        problems.push(`第六部分应为“${SECTIONS[5]!.title}”，报告写作“${sixth.written}”`);
      }
      // A part named again by a later item: listed twice, and counted as listed.
      const repeated = parts.filter(
        (p, k) =>
          p.sections.length > 0 &&
          p.sections.every((x) => parts.slice(0, k).some((q) => q.sections.includes(x))),
      );
      for (const p of repeated) problems.push(`重复列出“${p.written}”`);
      const listed = new Set(named).size + unnamed + repeated.length;
      if (found.stated !== undefined && found.stated !== listed) {
        problems.push(`称由${found.stated}部分组成，实际列出${listed}部分`);
      }
      if (problems.length === 0) return [];
      return [
        finding(
          'structure.outline',
          `报告介绍的组成部分与格式规定的六个部分不一致：${problems.join('；')}`,
          where,
        ),
      ];
    }
  }
  return [];
}

/** Section headings numbered "1." or "一." where the format has "一、". */
export function checkHeadingNumbers(report: AnnualReport): Finding[] {
  const out: Finding[] = [];
  for (const s of report.sections) {
    if (!s.heading) continue;
    const d = SECTIONS.find((x) => x.key === s.key)!;
    const h = s.heading.normalize('NFKC').trim();
    if (/^[一二三四五六]\s*、/.test(h)) continue;
    out.push(
      finding('structure.heading-number', `标题“${s.heading}”的编号应为“${d.numeral}、”`, {
        section: s.key,
        ...(s.line ? { line: s.line } : {}),
        text: s.heading,
      }),
    );
  }
  return out;
}

/** A title that is garbled or cut ("……政府信息公开 工作告年度报"). */
export function checkTitle(report: AnnualReport): Finding[] {
  if (!report.titleIrregular || !report.title) return [];
  return [
    finding(
      'structure.title',
      `标题“${report.title}”残缺或有误，应为“机关名称＋年份＋政府信息公开工作年度报告”`,
      { text: `标题：“${report.title}”` },
    ),
  ];
}

/** All checks of form. */
export function checkForm(report: AnnualReport): Finding[] {
  return [
    ...checkTitle(report),
    ...checkOutline(textUnits(report)),
    ...checkHeadingNumbers(report),
  ];
}
