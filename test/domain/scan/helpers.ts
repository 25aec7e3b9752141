import assert from 'node:assert/strict';
import { scanText, type ScanHit } from '../../../src/domain/scan/index.ts';

/** Hits as "kind:match", for comparing whole results at a glance. */
export function kinds(hits: ScanHit[]): string[] {
  return hits.map((h) => `${h.kind}:${h.match}`);
}

/** scanText, asserting that every hit quotes the input exactly at its offsets. */
export function scan(text: string): ScanHit[] {
  const hits = scanText(text);
  for (const h of hits) assert.equal(text.slice(h.start, h.end), h.match);
  return hits;
}
