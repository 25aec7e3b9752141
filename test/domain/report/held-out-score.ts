/**
 * Scores the checker on a folder of held-out real reports against a careful reader's
 * expectations (expected.json, written before the checker was run on them): findings that are
 * real defects, real defects found, agency and year read right, reports refused.
 * structure.truncated (every excerpt is an opening) is left out of both counts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import assert from 'node:assert/strict';

import { checkPublishedReport } from '../../../src/domain/report/index.ts';

interface Expected {
  agency: string | null;
  year: number;
  /** rule: the rule that reports the defect, either of two, or null when none does. */
  defects: { rule: string | string[] | null; note: string }[];
}

export interface HeldOutScore {
  refused: string[];
  findings: number;
  correct: number;
  defects: number;
  found: number;
  identity: { right: number; of: number };
  wrong: string[];
  missed: string[];
}

/** For each defect, the index of the finding matched to it (-1: none); augmenting paths. */
function match(findings: readonly string[], accepts: readonly (readonly string[])[]): number[] {
  const owner = accepts.map(() => -1);
  const assign = (k: number, seen: Set<number>): boolean => {
    for (const [d, rulesOfDefect] of accepts.entries()) {
      if (!rulesOfDefect.includes(findings[k]!) || seen.has(d)) continue;
      seen.add(d);
      if (owner[d]! < 0 || assign(owner[d]!, seen)) {
        owner[d] = k;
        return true;
      }
    }
    return false;
  };
  findings.forEach((_, k) => assign(k, new Set()));
  return owner;
}

export function scoreHeldOut(dir: URL): HeldOutScore {
  const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<
    string,
    Expected | string
  >;
  const score: HeldOutScore = {
    refused: [],
    findings: 0,
    correct: 0,
    defects: 0,
    found: 0,
    identity: { right: 0, of: 0 },
    wrong: [],
    missed: [],
  };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const e = expected[file];
    assert.ok(e && typeof e !== 'string', `${file} has an expectation`);
    const r = checkPublishedReport(readFileSync(new URL(file, dir), 'utf8'));
    if (!r.ok) {
      score.refused.push(file);
      continue;
    }
    const rules = r.findings.map((f) => f.rule).filter((x) => x !== 'structure.truncated');
    const accepts = e.defects.map((d) =>
      d.rule === null ? [] : typeof d.rule === 'string' ? [d.rule] : d.rule,
    );
    score.findings += rules.length;
    score.defects += e.defects.length;
    // Each finding may count for one defect whose rules include it: a largest matching, so
    // that a finding does not take the defect another finding alone could answer.
    const owner = match(rules, accepts);
    for (const [k, rule] of rules.entries()) {
      if (owner.includes(k)) continue;
      score.wrong.push(
        `${file}: ${rule} ${r.findings.filter((f) => f.rule !== 'structure.truncated')[k]!.message}`,
      );
    }
    score.correct += owner.filter((k) => k >= 0).length;
    score.found += owner.filter((k) => k >= 0).length;
    e.defects.forEach((d, k) => {
      if (owner[k]! < 0) score.missed.push(`${file}: ${d.note}`);
    });
    score.identity.of += 2;
    if (
      (r.report.agency.name ?? null) === e.agency ||
      (e.agency && r.report.agency.name?.includes(e.agency))
    )
      score.identity.right++;
    if (r.report.year === e.year) score.identity.right++;
  }
  return score;
}
