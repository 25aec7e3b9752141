import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withCell, type AnnualReport } from '../../../src/domain/report/index.ts';
import { BROCHURE_FIGURE_LABELS, brochureFigures } from '../../../src/domain/report/brochure-figures.ts';
import { SEED_FILE, fixture, parsed } from './helpers.ts';

// Every figure is a distinct number, so a figure read from the wrong cell cannot pass.
const CELLS: [string, 'requests' | 'appeals' | 'proactive', string, string, number][] = [
  ['new', 'requests', 'new', 'total', 41],
  ['carriedIn', 'requests', 'carried_in', 'total', 3],
  ['closed', 'requests', 'closed_total', 'total', 37],
  ['disclosed', 'requests', 'disclosed', 'total', 19],
  ['partiallyDisclosed', 'requests', 'partially_disclosed', 'total', 5],
  ['carriedOut', 'requests', 'carried_out', 'total', 7],
  ['reconsideration', 'appeals', 'reconsideration', 'total', 2],
  ['rulesIssued', 'proactive', 'rules', 'issued', 11],
  ['normativeIssued', 'proactive', 'normative', 'issued', 13],
];

function report(): AnnualReport {
  let r = parsed(fixture(SEED_FILE));
  for (const [, id, row, col, v] of CELLS) r = withCell(r, id, row, col, v);
  r = withCell(r, 'appeals', 'litigation_direct', 'total', 23);
  return withCell(r, 'appeals', 'litigation_after_reconsideration', 'total', 29);
}

describe('brochure figures from a published report', () => {
  test('each figure is its report cell, in the printed order', () => {
    const figures = brochureFigures(report());
    assert.deepEqual(
      figures.map((f) => f.key),
      Object.keys(BROCHURE_FIGURE_LABELS),
    );
    for (const [key, , , , v] of CELLS) assert.equal(figures.find((f) => f.key === key)?.value, v, key);
  });

  test('行政诉讼 adds the two litigation groups of 表四', () => {
    assert.equal(brochureFigures(report()).find((f) => f.key === 'litigation')?.value, 23 + 29);
  });

  test('a blank cell is shown as unknown, never as 0, and a sum with a blank part is unknown', () => {
    const r = withCell(withCell(report(), 'requests', 'new', 'total', null), 'appeals', 'litigation_direct', 'total', null);
    const figures = brochureFigures(r);
    assert.equal(figures.find((f) => f.key === 'new')?.value, null);
    assert.equal(figures.find((f) => f.key === 'litigation')?.value, null);
    assert.equal(figures.find((f) => f.key === 'closed')?.value, 37);
  });
});
