/**
 * 密级标志 (classification markings) such as "机密★1年", "绝密★", "密级：秘密".
 *
 * The words 绝密/机密/秘密 are ordinary vocabulary in government text (保守国家秘密法, 商业秘密,
 * 秘密投票, 机密文件), so a bare occurrence is never a hit. A level word is reported only in one
 * of these marking shapes:
 *
 *   A. level, ★ — the GB/T 9704 form — with an optional 保密期限 after it ("机密★",
 *      "机密★一年", "绝密★长期", "绝密★启用前" is caught by its first part); spaces before the ★
 *      ("秘密 ★ 5年") only when the level word does not end a longer Han word, so that
 *      "商业秘密 ★秘密投票" (a star bullet after a sentence) is not a hit;
 *   B. ★ immediately before a level word that is not followed by another Han character
 *      ("★机密"), so "★秘密投票" (a star bullet before the word 秘密投票) is not a hit;
 *   C. the label 密级 followed by an optional colon/为/是 and a level ("密级：机密", "密级为秘密"),
 *      unless a second level follows, i.e. an enumeration ("密级：绝密、机密、秘密");
 *   D. a line holding nothing but a level, optionally bracketed and with a period
 *      ("绝密", "（机密）", "秘密 一年") — legacy documents put the marking alone on a line;
 *   E. a level in square brackets anywhere ("【机密】", "[秘密]").
 *
 * Quoting a marking in prose ("标注为“机密★”") is still reported: the reviewer should see it.
 * The ★ must be U+2605; "*" is not accepted because footnote asterisks follow words.
 */

const LEVEL = '(?:绝密|机密|秘密)';
const SP = '[ \\t]*';
const PERIOD = '(?:(?:[0-9]+|[〇零一二两三四五六七八九十百]+)[ \\t]*(?:个月|年)|长期)';
const HAN = '[\\u3400-\\u4dbf\\u4e00-\\u9fff]';

const RULES: readonly RegExp[] = [
  new RegExp(`${LEVEL}★(?:${SP}${PERIOD})?`, 'g'),
  new RegExp(`(?<!${HAN})${LEVEL}[ \\t]+★(?:${SP}${PERIOD})?`, 'g'),
  new RegExp(`★${SP}${LEVEL}(?!${HAN})`, 'g'),
  new RegExp(
    // Each optional part starts with its own non-blank character, so no two blank runs are
    // adjacent: adjacent [ \t]* would backtrack quadratically on a long run of blanks.
    `密级${SP}(?::${SP})?(?:[为是]${SP})?(?:["“「『【\\[(]${SP})?${LEVEL}` +
      `(?!${SP}(?:(?:[、/,，]|或|和|及|与)${SP})?${LEVEL})`,
    'g',
  ),
  new RegExp(`【${SP}${LEVEL}${SP}】|\\[${SP}${LEVEL}${SP}\\]`, 'g'),
];

// Rule D: group 1 is the marking without the surrounding blanks of the line.
const WHOLE_LINE = new RegExp(
  `^${SP}((?:[【\\[(]${SP})?${LEVEL}(?:${SP}[】\\])])?(?:${SP}${PERIOD})?)${SP}$`,
  'gmd',
);

export interface MarkingSpan {
  start: number;
  end: number;
  /** The first level word inside the span. */
  level: '绝密' | '机密' | '秘密';
}

/**
 * Marking spans in `folded` (text already passed through foldForScan: full-width colon and
 * brackets are ASCII there). Overlapping matches of different rules are merged into one span.
 */
export function findClassifiedMarkings(folded: string): MarkingSpan[] {
  const spans: Array<[number, number]> = [];
  for (const rule of RULES) {
    for (const m of folded.matchAll(rule)) spans.push([m.index, m.index + m[0].length]);
  }
  for (const m of folded.matchAll(WHOLE_LINE)) {
    const g = m.indices?.[1];
    if (g) spans.push([g[0], g[1]]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);

  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged.map(([start, end]) => {
    const level = /绝密|机密|秘密/.exec(folded.slice(start, end))?.[0] ?? '秘密';
    return { start, end, level: level as MarkingSpan['level'] };
  });
}
