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
const CARRIED_IN =
  /上一?年度?结转[^。；，,\d]{0,14}?(\d+)\s*件|\d{4}\s*年度?结转(?:政府信息公开)?申请[^。；，,\d]{0,4}?(\d+)\s*件/g;
const CARRIED_OUT =
  /结转(?:至|到)?(?:下一?年度?|\d{4}\s*年度?)(?:继续)?(?:办理)?[^。；，,\d]{0,6}?(\d+)\s*件/g;
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
function wholeBefore(text: string, k: number): { whole: RegExpExecArray; from: number } | undefined {
  if (!/(?:^|[，,：:（(。\n])\s*$/.test(text.slice(0, k))) return undefined;
  let prefix = text.slice(0, k).replace(/[\s，,：:（(]*$/, '');
  if (prefix.endsWith('。')) prefix = prefix.slice(0, -1);
  const sentenceStart = Math.max(prefix.lastIndexOf('。'), prefix.lastIndexOf('\n')) + 1;
  // "177件(含2022年结转的3件)，其中……": a count in brackets is not the whole.
  const lead = prefix
    .slice(sentenceStart)
    .replace(/[(（][^()（）]*[)）]/g, (b) => ' '.repeat(b.length));
  const whole = [...lead.matchAll(COUNT)].at(-1);
  return whole ? { whole, from: sentenceStart + whole.index } : undefined;
}

export function checkPartWhole(units: readonly TextUnit[]): Finding[] {
  const out: Finding[] = [];
  for (const unit of units) {
    const text = unit.text;
    for (const marker of text.matchAll(/其中|包括|含/g)) {
      const k = marker.index;
      const found = wholeBefore(text, k);
      if (!found) continue;
      const { whole, from } = found;
      const stop = text.slice(k).search(/[。；;\n]/);
      const tail = text.slice(k, stop < 0 ? undefined : k + stop);
      const w = Number(whole[1]);
      const bigger = [...tail.matchAll(COUNT)].find((p) => Number(p[1]) > w);
      if (!bigger) continue;
      out.push(
        finding(
          'narrative.part-exceeds-whole',
          `部分大于整体：文字称共${whole[0]}，其中“${bigger[0]}”`,
          {
            ...(unit.section ? { section: unit.section } : {}),
            text: `${unit.label}：“${excerpt(text, from, k - from + bigger.index + bigger[0].length)}”`,
          },
        ),
      );
    }
  }
  return out;
}

// ---- a share that does not match its figures ----------------------------------------------------

/** "信息公开年报1条，占比1.1%": a part's count and its stated share of the whole. */
const SHARE = /(\d+)\s*(条|件|篇|个|项|份)\s*[，,、]?\s*(?:占比|约占|占)(?:总数的?|全部的?)?\s*(\d+(?:\.\d+)?)\s*[%％]/g;

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
      const found = wholeBefore(text, k);
      if (!found) continue;
      const { whole } = found;
      const w = Number(whole[1]);
      if (w === 0) continue;
      const stop = text.slice(k).search(/[。\n]/);
      const tail = text.slice(k, stop < 0 ? undefined : k + stop);
      for (const m of tail.matchAll(SHARE)) {
        if (m[2] !== whole[2]) continue;
        const stated = Number(m[3]);
        const decimals = m[3]!.split('.')[1]?.length ?? 0;
        const actual = (Number(m[1]) / w) * 100;
        if (Math.abs(actual - stated) <= 0.5 * 10 ** -decimals + 0.01) continue;
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
