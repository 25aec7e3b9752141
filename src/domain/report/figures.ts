/**
 * The narrative's own figures, without the tables: requests received and carried over must equal
 * those answered and carried forward, no part of a count may exceed the count
 * ("主动公开信息162条。其中……微信公众号发布信息293篇"), and a stated share must be the part over
 * the whole ("80条……其中，信息公开年报1条，占比1.1%").
 */
import { finding, type Finding } from './findings.ts';
import { excerpt, type TextUnit } from './text-rules.ts';

// ---- requests balance ---------------------------------------------------------------------------

const RECEIVED = [
  /(?:收到|受理|新收|接收|接到)[^。；\d]{0,20}?申请[^。；，,\d]{0,10}?(\d+)\s*(?:件|份|条|个)/g,
  /(?:收到|受理|新收|接收|接到)[^。；，,\d]{0,6}?(\d+)\s*(?:件|份)[^。；，,\d]{0,12}?申请/g,
];
// "结转" is also written "转结" ("上年转结1件").
const CARRIED_IN =
  /上一?年度?(?:结转|转结)[^。；，,\d]{0,14}?(\d+)\s*件|\d{4}\s*年度?(?:结转|转结)(?:政府信息公开)?申请[^。；，,\d]{0,4}?(\d+)\s*件/g;
// "结转下年度2件" and "2件结转下年办理".
const CARRIED_OUT =
  /(?:结转|转结)(?:至|到)?(?:下一?年度?|\d{4}\s*年度?)(?:继续)?(?:办理)?[^。；，,\d]{0,6}?(\d+)\s*件|(?<![\d.])(\d+)\s*件[^。；，,\d]{0,4}?(?:结转|转结)(?:至|到)?(?:下一?年度?|\d{4}\s*年度?)/g;
const CLOSED = /(?:办结|答复完毕|处理完毕)(?!率)[^。；，,\d]{0,4}?(\d+)\s*件/g;

function numbers(
  text: string,
  res: RegExp | readonly RegExp[],
): { n: number; at: number; len: number }[] {
  const list = Array.isArray(res) ? res : [res];
  const out = list.flatMap((re: RegExp) =>
    // "受理行政复议申请2件" counts appeals, not requests.
    [...text.matchAll(re)]
      .filter((m) => !/复议|诉讼/.test(m[0]))
      .map((m) => ({
        n: Number(m.slice(1).find((g) => g !== undefined)),
        at: m.index,
        len: m[0].length,
      })),
  );
  // One figure stated once: the same match found by two patterns counts once.
  return out.filter((x, i) => out.findIndex((y) => y.at === x.at) === i);
}

/** Requests: received + carried over = answered + carried forward, in one paragraph's words. */
export function checkBalance(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    let offset = 0;
    for (const para of unit.text.split('\n')) {
      const start = offset;
      offset += para.length + 1;
      if (!para.includes('申请')) continue;
      const received = numbers(para, RECEIVED);
      const closed = numbers(para, CLOSED);
      const carriedIn = numbers(para, CARRIED_IN);
      const carriedOut = numbers(para, CARRIED_OUT);
      if (
        received.length !== 1 ||
        closed.length !== 1 ||
        carriedIn.length > 1 ||
        carriedOut.length > 1
      ) {
        continue;
      }
      const r = received[0]!.n;
      const c = closed[0]!.n;
      const i = carriedIn[0]?.n ?? 0;
      // Not stated (or "无下年度结转"): none carried forward.
      const o = carriedOut[0]?.n ?? 0;
      if (r + i === c + o) continue;
      const first = received[0]!;
      out.push(
        finding(
          'narrative.balance',
          `文字所述申请数不平衡：新收${r}件${i ? `加上年结转${i}件` : ''}共${r + i}件，办结${c}件${o ? `加结转下年度${o}件` : ''}共${c + o}件`,
          {
            ...(unit.section ? { section: unit.section } : {}),
            text: `${unit.label}：“${excerpt(unit.text, start + first.at, first.len)}”`,
          },
        ),
      );
    }
  }
  return out;
}

// ---- a part larger than its whole ---------------------------------------------------------------

/** Counting units that can be compared: items of information, documents, requests. */
const COUNT = /(\d+)\s*(?:余)?\s*(条|件|篇|个|项|份)(?![\d%])/g;
/**
 * "共X条，其中/包括 … Y条": a part Y larger than the whole X. The whole is the last count before
 * the marker in its sentence, or in the sentence before when "其中" opens one; the parts run to
 * the end of the marker's sentence.
 */
/** Where a "其中/包括" at `k` may open a list of parts: the whole before it, or undefined. */
function wholeBefore(
  text: string,
  k: number,
): { whole: RegExpExecArray; from: number; total: number } | undefined {
  if (!/(?:^|[，,：:（(。\n])\s*$/.test(text.slice(0, k))) return undefined;
  let prefix = text.slice(0, k).replace(/[\s，,：:（(]*$/, '');
  if (prefix.endsWith('。')) prefix = prefix.slice(0, -1);
  const sentenceStart = Math.max(...['。', '\n', '；', ';'].map((c) => prefix.lastIndexOf(c))) + 1;
  // "177件(含2022年结转的3件)，其中……": a count in brackets is not the whole.
  const lead = prefix
    .slice(sentenceStart)
    .replace(/[(（][^()（）]*[)）]/g, (b) => ' '.repeat(b.length));
  const counts = [...lead.matchAll(COUNT)];
  const whole = counts.at(-1);
  if (!whole) return undefined;
  // "收到申请9件，上年转结1件，其中网络申请5件、信函申请5件": with several counts of one unit
  // before the marker, the parts may be of their sum; the larger whole is taken, so no part
  // is called too large on a guess.
  const same = counts.filter((c) => c[2] === whole[2]);
  const total = same.length > 1 ? same.reduce((a, c) => a + Number(c[1]), 0) : Number(whole[1]);
  return { whole, from: sentenceStart + whole.index, total };
}

/** A clause that reports an outcome ("已办结180件"), not a part of the whole. */
const OUTCOME = /办结|答复|回复|反馈|完成|办理|占比|同比|增长|下降/;

/**
 * The parts listed after the marker, in the whole's unit: each clause's count, up to a nested
 * "其中" or the first clause without one. Undefined when a part is approximate ("100余条") or a clause holds two counts.
 */
function listedParts(tail: string, skip: number, unit: string): number[] | undefined {
  const nested = tail.slice(skip).search(/其中|包括|含/);
  const list = nested < 0 ? tail : tail.slice(0, nested + skip);
  const parts: number[] = [];
  for (const clause of list.replace(/[(（][^()（）]*[)）]/g, '').split(/[，,、；;：:]/)) {
    // "其中网络申请1件、信函申请35件，引发行政复议1件": a consequence ends the list.
    if (parts.length > 0 && /复议|诉讼|引发|发生|涉及|导致/.test(clause)) break;
    const counts = [...clause.matchAll(COUNT)].filter((c) => c[2] === unit);
    // The list ends at the first clause after it without a count ("……，已按时办理，发生行政复议1件").
    if (counts.length === 0) {
      if (parts.length > 0) break;
      continue;
    }
    if (counts.length > 1 || OUTCOME.test(clause) || /余|约|多/.test(clause)) return undefined;
    parts.push(Number(counts[0]![1]));
  }
  return parts;
}

export function checkPartWhole(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    const text = unit.text;
    for (const marker of text.matchAll(/其中|包括|含/g)) {
      const k = marker.index;
      const found = wholeBefore(text, k);
      if (!found) continue;
      const { whole, from, total: w } = found;
      const stop = text.slice(k).search(/[。；;\n]/);
      const tail = text.slice(k, stop < 0 ? undefined : k + stop);
      const where = (end: number) => ({
        ...(unit.section ? { section: unit.section } : {}),
        text: `${unit.label}：“${excerpt(text, from, end - from)}”`,
      });
      const bigger = [...tail.matchAll(COUNT)].find((p) => Number(p[1]) > w);
      if (bigger) {
        out.push(
          finding(
            'narrative.part-exceeds-whole',
            `部分大于整体：文字称共${w === Number(whole[1]) ? whole[0] : `${w}${whole[2]}`}，其中“${bigger[0]}”`,
            where(k + bigger.index + bigger[0].length),
          ),
        );
        continue;
      }
      // "4042条，其中……1495条，……2918条": parts that add up to more than the whole.
      if (whole[0].includes('余')) continue;
      const parts = listedParts(tail, marker[0].length, whole[2]!);
      const sum = parts?.reduce((a, b) => a + b, 0) ?? 0;
      if (!parts || parts.length < 2 || sum <= w) continue;
      out.push(
        finding(
          'narrative.part-exceeds-whole',
          `分项之和大于总数：文字称共${w}${whole[2]}，其中所列各项合计${parts.join('+')}=${sum}${whole[2]}`,
          where(k + tail.length),
        ),
      );
    }
  }
  return out;
}

// ---- a share that does not match its figures ----------------------------------------------------

/** "信息公开年报1条，占比1.1%": a part's count and its stated share of the whole. */
const SHARE =
  /(\d+)\s*(条|件|篇|个|项|份)\s*[，,、]?\s*(?:占比|约占|占)(?:总数的?|全部的?)?\s*(\d+(?:\.\d+)?)\s*[%％]/g;

/**
 * "累计公开信息80条……其中，信息公开年报1条，占比1.1%": each share must be the part over the whole,
 * rounded as written (1.25 % may be 1.2 or 1.3, not 1.1). The whole is found as for parts larger
 * than the whole; the parts run to the end of the sentence (shares are often listed with "；").
 */
export function checkShares(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    const text = unit.text;
    for (const marker of text.matchAll(/其中|包括/g)) {
      const k = marker.index;
      const stop = text.slice(k).search(/[。\n]/);
      const tail = text.slice(k, stop < 0 ? undefined : k + stop);
      const whole = wholeBefore(text, k)?.whole ?? wholeOfParts(text, k, tail);
      if (!whole) continue;
      const w = Number(whole[1]);
      if (w === 0) continue;
      for (const m of tail.matchAll(SHARE)) {
        if (m[2] !== whole[2]) continue;
        const stated = Number(m[3]);
        const decimals = m[3]!.split('.')[1]?.length ?? 0;
        const actual = (Number(m[1]) / w) * 100;
        // Rounded or cut off at the decimals written (45.38 % as 45.3 %) is right.
        const step = 10 ** -decimals;
        if (Math.abs(actual - stated) <= 0.5 * step + 0.01) continue;
        if (stated <= actual && actual - stated < step) continue;
        out.push(
          finding(
            'narrative.share',
            `占比与数字不符：共${whole[0]}，其中“${m[0]}”，按数字应为${Math.round(actual * 100) / 100}%`,
            {
              ...(unit.section ? { section: unit.section } : {}),
              text: `${unit.label}：“${excerpt(text, k + m.index!, m[0].length)}”`,
            },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * "共收到申请130件，同比增长103%。为……，办复率100%，其中予以公开59件、占45.3%……": with no count
 * before the marker in its sentence, the whole is the last count of the sentence before, taken
 * only when the parts with shares add up to it exactly.
 */
function wholeOfParts(text: string, k: number, tail: string): RegExpExecArray | undefined {
  const before = text.slice(0, k);
  const end = before.lastIndexOf('。');
  if (end < 0 || /\d\s*(?:条|件|篇|个|项|份)/.test(before.slice(end))) return undefined;
  const start = Math.max(before.lastIndexOf('。', end - 1), before.lastIndexOf('\n', end - 1)) + 1;
  const whole = [...before.slice(start, end).matchAll(COUNT)].at(-1);
  if (!whole) return undefined;
  const parts = [...tail.matchAll(SHARE)].filter((m) => m[2] === whole[2]);
  const sum = parts.reduce((a, m) => a + Number(m[1]), 0);
  return parts.length >= 2 && sum === Number(whole[1]) ? whole : undefined;
}
