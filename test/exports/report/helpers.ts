/** Helpers for the report export tests. */
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';

import {
  APPEAL_COLUMNS,
  APPEAL_KINDS,
  PROACTIVE_BLOCKS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  SECTIONS,
  valueAt,
  type AnnualReport,
  type Finding,
} from '../../../src/domain/report/index.ts';

export function explain(findings: readonly Finding[]): string {
  return findings
    .map((f) => `${f.severity} ${f.rule}: ${f.message} @ ${f.location.text}`)
    .join('\n');
}

/** Every cell of the three tables, as [table, row, column]. */
export function allCells(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const b of PROACTIVE_BLOCKS) {
    for (const r of b.rows) for (const c of b.columns) out.push(['proactive', r.key, c.key]);
  }
  for (const r of REQUEST_ROWS) for (const c of REQUEST_COLUMNS) out.push(['requests', r, c]);
  for (const k of APPEAL_KINDS) for (const c of APPEAL_COLUMNS) out.push(['appeals', k, c]);
  return out;
}

/** Asserts that a report read back has the original's figures, cell by cell, and its text. */
export function assertSameReport(actual: AnnualReport, expected: AnnualReport, what: string): void {
  for (const [t, r, c] of allCells()) {
    const e = valueAt(expected, t as never, r, c);
    assert.notEqual(e, undefined, `${what}: original ${t}.${r}.${c}`);
    assert.equal(valueAt(actual, t as never, r, c), e, `${what}: ${t}.${r}.${c}`);
  }
  assert.equal(actual.agency.name, expected.agency.name, `${what}: agency`);
  assert.equal(actual.agency.level, expected.agency.level, `${what}: level`);
  assert.equal(actual.year, expected.year, `${what}: year`);
  assert.equal(actual.title, expected.title, `${what}: title`);
  assert.equal(actual.preamble, expected.preamble, `${what}: preamble`);
  assert.equal(actual.truncated, false, `${what}: truncated`);
  assert.equal(actual.template, '2021', `${what}: template`);
  assert.deepEqual(
    actual.sections.map((s) => s.heading),
    SECTIONS.map((d) => d.heading),
    `${what}: headings`,
  );
  for (const s of expected.sections) {
    const a = actual.sections.find((x) => x.key === s.key);
    assert.equal(a?.text, s.text, `${what}: text of ${s.key}`);
  }
}

export interface SpanCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/**
 * The tables of a generated HTML page (ours or mammoth's) as rows of [text, rowspan, colspan].
 * Deliberately independent of the reader under test: regular expressions over regular markup.
 */
export function tablesOf(html: string): SpanCell[][][] {
  const tables: SpanCell[][][] = [];
  for (const t of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
    const rows: SpanCell[][] = [];
    for (const tr of t[1]!.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
      const cells: SpanCell[] = [];
      for (const td of tr[1]!.matchAll(/<t([hd])\b([^>]*)>([\s\S]*?)<\/t\1>/g)) {
        const attrs = td[2]!;
        const num = (name: string): number =>
          Number(new RegExp(`${name}="(\\d+)"`).exec(attrs)?.[1] ?? 1);
        cells.push({
          text: td[3]!.replace(/<[^>]+>/g, '').trim(),
          rowSpan: num('rowspan'),
          colSpan: num('colspan'),
        });
      }
      rows.push(cells);
    }
    tables.push(rows);
  }
  return tables;
}

/**
 * GB18030 (GBK range) encoder for tests: Node decodes GB18030 but cannot encode it, so the
 * two-byte table is built by decoding every GBK code.
 */
let gbkTable: Map<string, number[]> | undefined;
export function encodeGb18030(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(ch);
      assert.ok(pair, `no GBK code for “${ch}”`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** One file of a zip archive (a DOCX), read through the central directory. */
export function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'zip end record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entry = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${name} not in the zip`);
}
