/**
 * The bounds on one uploaded file: real inflated bytes of an archive (not the sizes it declares)
 * and the parse worker's memory, time and queue.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { measureZip, type ZipBudget } from '../../../src/services/attachments/zip.ts';
import { extractText, inspectAttachment } from '../../../src/services/attachments/index.ts';
import { AppError } from '../../../src/services/errors.ts';
import { checkOfficeArchive, UNTRUSTED_LIMITS } from '../../../src/services/untrusted/limits.ts';
import { runUntrusted } from '../../../src/services/untrusted/pool.ts';
import {
  WORD_MAIN_TYPE,
  contentTypes,
  makeDocx,
  makeFlateBombPdf,
  makeParagraphBombDocx,
  makePdf,
  makePng,
  makeXlsx,
  makeZip,
} from '../../fixtures/attachments/generate.ts';

const budget: ZipBudget = { maxEntries: 4, maxBytes: 10_000, maxXmlBytes: 1_000 };
const xml = (bytes: number): string => '<w:document>' + 'x'.repeat(bytes - 25) + '</w:document>';

/** Rewrites every uncompressed size in the central directory, as a forger would. */
function declareSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
    out.writeUInt32LE(size, p + 24);
  }
  return out;
}

function tooComplex(err: unknown): boolean {
  assert.ok(err instanceof AppError, String(err));
  assert.equal(err.code, 'FILE_TOO_COMPLEX');
  assert.equal(err.status, 422);
  assert.match(err.message, /内容过于复杂.*请精简内容/);
  return true;
}

describe('measureZip counts what really inflates', () => {
  it('ignores the sizes the directory declares', async () => {
    const zip = declareSizes(makeZip({ 'word/document.xml': xml(2_000) }, { deflate: true }), 10);
    assert.equal(await measureZip(zip, budget), 'xmlBytes');
    const honest = makeZip({ 'word/document.xml': xml(900) }, { deflate: true });
    assert.equal(await measureZip(declareSizes(honest, 50_000_000), budget), null);
  });

  it('counts XML parts by content, whatever their names; binary parts only count towards the total', async () => {
    const png = makePng();
    const media = Buffer.concat([png, Buffer.alloc(5_000)]);
    assert.equal(await measureZip(makeZip({ 'word/media/a.png': media, 'word/document.xml': xml(900) }, { deflate: true }), budget), null);
    assert.equal(await measureZip(makeZip({ 'word/media/a.png': xml(1_200) }, { deflate: true }), budget), 'xmlBytes', 'XML named .png');
    const spaced = '\ufeff  \n' + xml(1_200);
    assert.equal(await measureZip(makeZip({ 'word/document.xml': spaced }), budget), 'xmlBytes', 'stored, with BOM and leading blanks');
    assert.equal(await measureZip(makeZip({ a: media, b: media }, { deflate: true }), budget), 'bytes');
  });

  it('caps the number of entries', async () => {
    const entries = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`xl/p${i}.xml`, '<x/>']));
    assert.equal(await measureZip(makeZip(entries), budget), 'entries');
  });

  it('the 153 KB DOCX of the security report is refused on its real size, before any parser', async () => {
    const bomb = makeParagraphBombDocx();
    assert.ok(bomb.length < 160_000, `${bomb.length} bytes`);
    await assert.rejects(checkOfficeArchive(bomb, 'bomb.docx'), (err) => tooComplex(err) && /32 MB/.test((err as Error).message));
    const inspected = await inspectAttachment(bomb, 'bomb.docx');
    assert.equal(inspected.ok, false);
    assert.equal(!inspected.ok && inspected.code, 'FILE_TOO_COMPLEX');
    assert.equal(await checkOfficeArchive(Buffer.from('PK\x03\x04 not a zip')), false);
    assert.equal(await checkOfficeArchive(await makeDocx()), true);
  });

  it('a DOCX whose XML is broken stays a zip the budget accepts (the parser reports it)', async () => {
    const zip = makeZip({ '[Content_Types].xml': contentTypes({ '/word/document.xml': WORD_MAIN_TYPE }), 'word/document.xml': '<<<' });
    assert.equal(await checkOfficeArchive(zip), true);
  });
});

describe('the parse worker pool', () => {
  it('stops a PDF that fills memory outside the V8 heap, and keeps serving afterwards', async (t) => {
    const bomb = await makeFlateBombPdf(1024);
    assert.ok(bomb.length < 1_200_000);
    const rss0 = process.memoryUsage.rss();
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    try {
      await assert.rejects(extractText(bomb, 'pdf'), tooComplex);
    } finally {
      clearInterval(sampler);
    }
    const grewMb = (peak - rss0) / 1024 / 1024;
    t.diagnostic(`resident size grew by at most ${Math.round(grewMb)} MB while decoding 1 GiB`);
    // The bound is heap + off-heap allowance of one parse, plus the watchdog's sampling slack.
    assert.ok(grewMb < UNTRUSTED_LIMITS.workerHeapMb + UNTRUSTED_LIMITS.offHeapMb + 512, `${Math.round(grewMb)} MB`);
    assert.match((await extractText(makePdf(), 'pdf')).text, /Notice of public disclosure/);
  });

  it('answers SERVER_BUSY (503) beyond the running parses and the queue, and finishes the rest', async () => {
    const xlsx = await makeXlsx();
    const n = UNTRUSTED_LIMITS.workers + UNTRUSTED_LIMITS.queue + 1;
    const results = await Promise.allSettled(Array.from({ length: n }, () => runUntrusted('extract', { data: xlsx, kind: 'xlsx' })));
    const busy = results.filter((r) => r.status === 'rejected');
    assert.equal(busy.length, 1);
    const err = (busy[0] as PromiseRejectedResult).reason as AppError;
    assert.equal(err.code, 'SERVER_BUSY');
    assert.equal(err.status, 503);
    assert.match(err.message, /请稍后重试/);
    for (const r of results) if (r.status === 'fulfilled') assert.match(r.value.text, /张伟/);
  });

  it('keeps the caller’s buffer intact (the worker gets a copy)', async () => {
    const docx = await makeDocx();
    const copy = Buffer.from(docx);
    await runUntrusted('extract', { data: docx, kind: 'docx' });
    assert.ok(docx.equals(copy));
  });
});
