import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_ATTACHMENT_BYTES,
  inspectAttachment,
  safeFileName,
  type AttachmentInspection,
} from '../../../src/services/attachments/index.ts';
import {
  GIF_1X1,
  HTML_PAGE,
  SVG_IMAGE,
  contentTypes,
  makeDocx,
  makeExe,
  makePdf,
  makePng,
  makeXlsx,
  makeZip,
} from '../../fixtures/attachments/generate.ts';

const WORD_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const EXCEL_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

function rejected(r: AttachmentInspection): { code: string; message: string } {
  assert.equal(r.ok, false, `expected a rejection, got ${JSON.stringify(r)}`);
  if (r.ok) throw new Error('unreachable');
  // Every refusal explains itself in Chinese.
  assert.match(r.message, /[\u4e00-\u9fff]/);
  return r;
}

describe('inspectAttachment accepts the allowed types by content', () => {
  const cases: [string, () => Buffer | Promise<Buffer>, string, string, string][] = [
    ['通知.pdf', makePdf, 'pdf', 'application/pdf', 'pdf'],
    [
      '名单.docx',
      makeDocx,
      'docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
    [
      '名单.xlsx',
      makeXlsx,
      'xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'xlsx',
    ],
    ['现场.png', makePng, 'png', 'image/png', 'png'],
    ['动图.gif', () => GIF_1X1, 'gif', 'image/gif', 'gif'],
  ];
  for (const [name, make, kind, mime, ext] of cases) {
    it(`${name} → ${kind}`, async () => {
      const r = await inspectAttachment(await make(), name);
      assert.deepEqual(r, { ok: true, kind, mime, ext, fileName: name, renamed: false });
    });
  }

  it('recognises JPEG and WebP by their signatures', async () => {
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0'),
      Buffer.alloc(200),
    ]);
    const webp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([0x24, 0, 0, 0]),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(200),
    ]);
    assert.equal((await inspectAttachment(jpeg, 'a.jpeg')).ok && 'jpeg', 'jpeg');
    const w = await inspectAttachment(webp, 'a');
    assert.ok(w.ok && w.kind === 'webp' && w.fileName === 'a.webp');
  });

  it('ignores the declared name: a PDF named .docx is a PDF, renamed', async () => {
    const r = await inspectAttachment(makePdf(), 'C:\\Users\\张三\\桌面\\报告.docx');
    assert.ok(r.ok);
    assert.equal(r.kind, 'pdf');
    assert.equal(r.fileName, '报告.pdf');
    assert.equal(r.renamed, true);
    const x = await inspectAttachment(await makeXlsx(), 'table.PDF');
    assert.ok(x.ok && x.kind === 'xlsx' && x.fileName === 'table.xlsx');
  });
});

describe('inspectAttachment rejects everything else with a stable code', () => {
  it('an .exe renamed to .pdf', async () => {
    const r = rejected(await inspectAttachment(makeExe(), '通知.pdf'));
    assert.equal(r.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    assert.match(r.message, /“通知\.pdf”的实际内容是可执行程序/);
  });

  it('an HTML page named .pdf', async () => {
    const r = rejected(await inspectAttachment(HTML_PAGE, '公告.pdf'));
    assert.equal(r.code, 'ATTACHMENT_TYPE_UNRECOGNISED');
    assert.match(r.message, /按文件内容而不是扩展名判断/);
  });

  it('an SVG named .png', async () => {
    const r = rejected(await inspectAttachment(SVG_IMAGE, 'logo.png'));
    assert.ok(['ATTACHMENT_TYPE_NOT_ALLOWED', 'ATTACHMENT_TYPE_UNRECOGNISED'].includes(r.code));
  });

  it('plain text and random bytes', async () => {
    assert.equal(
      rejected(await inspectAttachment(Buffer.from('身份证号 110105194912310021'), 'a.pdf')).code,
      'ATTACHMENT_TYPE_UNRECOGNISED',
    );
    assert.equal(
      rejected(await inspectAttachment(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), 'a.png')).code,
      'ATTACHMENT_TYPE_UNRECOGNISED',
    );
  });

  it('a zip of other things named .docx', async () => {
    const zip = makeZip({ 'readme.txt': 'hello', 'setup.exe': makeExe() });
    const r = rejected(await inspectAttachment(zip, '材料.docx'));
    assert.equal(r.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    assert.match(r.message, /ZIP 压缩包/);
  });

  it('a zip with a word/ folder but no [Content_Types].xml', async () => {
    const zip = makeZip({ 'word/document.xml': '<w:document/>' });
    assert.equal(
      rejected(await inspectAttachment(zip, 'a.docx')).code,
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
  });

  it('an OOXML package whose main part is missing or in the wrong folder', async () => {
    const missing = makeZip({
      '[Content_Types].xml': contentTypes({ '/word/document.xml': WORD_MAIN }),
    });
    assert.equal(rejected(await inspectAttachment(missing, 'a.docx')).code, 'ATTACHMENT_CORRUPT');
    const misplaced = makeZip({
      '[Content_Types].xml': contentTypes({ '/xl/workbook.xml': WORD_MAIN }),
      'xl/workbook.xml': '<x/>',
    });
    assert.equal(rejected(await inspectAttachment(misplaced, 'a.docx')).code, 'ATTACHMENT_CORRUPT');
    const both = makeZip({
      '[Content_Types].xml': contentTypes({
        '/word/document.xml': WORD_MAIN,
        '/xl/workbook.xml': EXCEL_MAIN,
      }),
      'word/document.xml': '<x/>',
      'xl/workbook.xml': '<x/>',
    });
    assert.equal(rejected(await inspectAttachment(both, 'a.docx')).code, 'ATTACHMENT_CORRUPT');
  });

  it('a macro-enabled workbook (.xlsm) named .xlsx', async () => {
    const xlsm = makeZip({
      '[Content_Types].xml': contentTypes({
        '/xl/workbook.xml': 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
      }),
      'xl/workbook.xml': '<workbook/>',
      'xl/vbaProject.bin': Buffer.alloc(64),
    });
    const r = rejected(await inspectAttachment(xlsm, '统计.xlsx'));
    assert.equal(r.code, 'ATTACHMENT_MACRO_ENABLED');
  });

  it('a PowerPoint file', async () => {
    const pptx = makeZip({
      '[Content_Types].xml': contentTypes({
        '/ppt/presentation.xml':
          'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
      }),
      'ppt/presentation.xml': '<p/>',
    });
    const r = rejected(await inspectAttachment(pptx, '汇报.pptx'));
    assert.equal(r.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    assert.match(r.message, /PowerPoint/);
  });

  it('an OLE compound file whose directory cannot be read', async () => {
    const cfb = Buffer.alloc(1536);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    const r = rejected(await inspectAttachment(cfb, '旧文件.doc'));
    assert.equal(r.code, 'ATTACHMENT_CORRUPT');
    assert.match(r.message, /旧版 Office\/WPS 文件/);
  });

  it('a truncated DOCX', async () => {
    const docx = await makeDocx();
    const r = rejected(
      await inspectAttachment(docx.subarray(0, Math.floor(docx.length / 2)), 'a.docx'),
    );
    assert.equal(r.code, 'ATTACHMENT_CORRUPT');
  });

  it('a zip bomb: the declared uncompressed size is over the bound', async () => {
    const zip = makeZip({
      '[Content_Types].xml': contentTypes({ '/word/document.xml': WORD_MAIN }),
      'word/document.xml': '<w:document/>',
    });
    // Patch the central directory's uncompressed size of the second entry to 300 MB.
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), cd + 4);
    zip.writeUInt32LE(300 * 1024 * 1024, second + 24);
    assert.equal(
      rejected(await inspectAttachment(zip, 'a.docx')).code,
      'ATTACHMENT_ARCHIVE_TOO_LARGE',
    );
  });

  it('an empty file', async () => {
    const r = rejected(await inspectAttachment(Buffer.alloc(0), '空.pdf'));
    assert.equal(r.code, 'ATTACHMENT_EMPTY');
    assert.match(r.message, /空文件/);
  });

  it('a file over 20 MiB, whatever it is', async () => {
    assert.equal(MAX_ATTACHMENT_BYTES, 20 * 1024 * 1024);
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    makePdf().copy(big);
    const r = rejected(await inspectAttachment(big, '大.pdf'));
    assert.equal(r.code, 'ATTACHMENT_TOO_LARGE');
    assert.match(r.message, /超过了单个附件 20 MB 的上限/);
    const justFits = Buffer.alloc(MAX_ATTACHMENT_BYTES);
    makePdf().copy(justFits);
    assert.equal((await inspectAttachment(justFits, 'a.pdf')).ok, true);
  });
});

describe('safeFileName', () => {
  const cases: [string, Parameters<typeof safeFileName>[1], string][] = [
    ['通知.pdf', 'pdf', '通知.pdf'],
    ['通知.PDF', 'pdf', '通知.pdf'],
    ['照片.JPEG', 'jpeg', '照片.jpeg'],
    ['照片', 'jpeg', '照片.jpg'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\temp\\a.docx', 'docx', 'a.docx'],
    ['报告.pdf.exe', 'pdf', '报告.pdf'],
    ['evil\u202Efdp.exe', 'pdf', 'evilfdp.pdf'],
    ['a<b>:c|d?.xlsx', 'xlsx', 'a_b__c_d_.xlsx'],
    ['.htaccess', 'png', 'htaccess.png'],
    ['', 'pdf', '附件.pdf'],
    ['   ', 'gif', '附件.gif'],
    ['第1版.2024.docx', 'docx', '第1版.2024.docx'],
  ];
  for (const [input, kind, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () =>
      assert.equal(safeFileName(input, kind), expected));
  }
  it('bounds the length', () => {
    assert.equal(Array.from(safeFileName('长'.repeat(400) + '.pdf', 'pdf')).length, 154);
  });
});
