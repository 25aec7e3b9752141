import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_EXTRACTED_TEXT_BYTES,
  extractText,
  inspectAttachment,
  normaliseCjkRadicals,
} from '../../../src/services/attachments/index.ts';
import { scanText } from '../../../src/domain/scan/index.ts';
import {
  DOCX_BODY_ID,
  DOCX_COMMENT_ID,
  DOCX_DELETED_ID,
  DOCX_FOOTER_PHONE,
  PDF_ID,
  PDF_TEXT_LINES,
  WORD_MAIN_TYPE,
  XLSX_HIDDEN_PHONE,
  XLSX_NOTE_ID,
  XLSX_PEOPLE,
  contentTypes,
  makeDocx,
  makeHugeDocx,
  makePdf,
  makePng,
  makeXlsx,
  makeZip,
} from '../../fixtures/attachments/generate.ts';

describe('extractText: DOCX (mammoth, plus the parts readers see but mammoth skips)', async () => {
  const { text, warning } = await extractText(await makeDocx(), 'docx');

  it('returns the body text in Chinese, with the planted ID number', () => {
    assert.equal(warning, undefined);
    assert.match(text, /^关于2024年度农村低保对象的公示\n/);
    assert.match(text, /经村民代表会议评议，拟将下列人员纳入农村最低生活保障范围。/);
    assert.ok(text.includes(`身份证号：${DOCX_BODY_ID}`));
  });

  it('also returns header, footer, comments and deleted revisions, labelled', () => {
    assert.match(text, /〔页眉〕\n常平乡人民政府文件/);
    assert.match(text, new RegExp(`〔页脚〕\\n联系电话：${DOCX_FOOTER_PHONE}`));
    assert.match(text, new RegExp(`〔批注〕\\n请核对申请人身份证号 ${DOCX_COMMENT_ID}`));
    assert.match(text, new RegExp(`〔已删除的修订内容〕\\n原登记号码 ${DOCX_DELETED_ID}`));
    // The deleted run is not part of the body text itself.
    assert.match(text, /备注：公示期内如有异议/);
  });

  it('feeds the leak scan: every planted number is found', () => {
    const hits = scanText(text).map((h) => h.match);
    for (const planted of [DOCX_BODY_ID, DOCX_COMMENT_ID, DOCX_DELETED_ID, DOCX_FOOTER_PHONE]) {
      assert.ok(hits.includes(planted), `scan missed ${planted} in\n${text}`);
    }
  });
});

describe('extractText: XLSX (exceljs, every sheet)', async () => {
  const { text, warning } = await extractText(await makeXlsx(), 'xlsx');

  it('returns rows as tab-separated lines, merged cells once, dates as ISO', () => {
    assert.equal(warning, undefined);
    const lines = text.split('\n');
    assert.equal(lines[0], '〔工作表：公示名单〕');
    assert.equal(lines[1], '2024年度农村低保对象名单');
    assert.equal(lines[2], '序号\t姓名\t联系电话\t认定日期');
    XLSX_PEOPLE.forEach((p, i) =>
      assert.equal(lines[3 + i], `${i + 1}\t${p.name}\t${p.phone}\t2024-03-15`),
    );
    assert.equal(lines[6], '合计\t共3户\t3');
  });

  it('includes cell notes and hidden sheets, marked', () => {
    assert.match(text, new RegExp(`〔批注〕\\nB3：身份证号 ${XLSX_NOTE_ID}`));
    assert.match(
      text,
      new RegExp(`〔工作表：原始数据（隐藏）〕\\n备用联系人\\t${XLSX_HIDDEN_PHONE}`),
    );
  });

  it('feeds the leak scan: names’ phone numbers, the hidden phone and the noted ID are found', () => {
    const hits = scanText(text).map((h) => h.match);
    for (const planted of [...XLSX_PEOPLE.map((p) => p.phone), XLSX_HIDDEN_PHONE, XLSX_NOTE_ID]) {
      assert.ok(hits.includes(planted), `scan missed ${planted}`);
    }
  });
});

describe('extractText: PDF (unpdf)', () => {
  it('extracts the text of the hand-written PDF', async () => {
    const { text, warning } = await extractText(makePdf(), 'pdf');
    assert.equal(warning, undefined);
    assert.equal(text, PDF_TEXT_LINES.join('\n'));
    assert.ok(scanText(text).some((h) => h.match === PDF_ID));
  });

  it('warns when a PDF has no text layer (a scan)', async () => {
    const { text, warning } = await extractText(makePdf([]), 'pdf');
    assert.equal(text, '');
    assert.equal(warning?.code, 'NO_TEXT');
    assert.match(warning.message, /扫描件/);
  });
});

describe('extractText never throws on corrupt input', () => {
  const garbage = Buffer.from('%PDF-1.7\n this is not really a PDF \x00\x01\x02');
  const cases: [string, () => Buffer | Promise<Buffer>, 'pdf' | 'docx' | 'xlsx'][] = [
    ['a PDF header followed by garbage', () => garbage, 'pdf'],
    ['a truncated PDF', () => makePdf().subarray(0, 120), 'pdf'],
    ['random bytes as DOCX', () => Buffer.from('PK\x03\x04 not a zip at all'), 'docx'],
    [
      'a DOCX whose document.xml is not XML',
      () =>
        makeZip({
          '[Content_Types].xml': contentTypes({ '/word/document.xml': WORD_MAIN_TYPE }),
          'word/document.xml': '<<<not xml',
        }),
      'docx',
    ],
    ['a DOCX given as XLSX', makeDocx, 'xlsx'],
    ['a truncated XLSX', async () => (await makeXlsx()).subarray(0, 500), 'xlsx'],
    ['an empty buffer', () => Buffer.alloc(0), 'pdf'],
  ];
  for (const [label, make, kind] of cases) {
    it(label, async () => {
      const r = await extractText(await make(), kind);
      assert.equal(r.text, '');
      assert.ok(
        r.warning && ['EXTRACT_FAILED', 'NO_TEXT'].includes(r.warning.code),
        JSON.stringify(r),
      );
      assert.match(r.warning.message, /人工核对/);
    });
  }
});

describe('extractText bounds', () => {
  it('caps the text at 2 MiB of UTF-8 and says so', async () => {
    const { text, warning } = await extractText(await makeHugeDocx(800_000), 'docx'); // 2.4 MB of text
    assert.equal(warning?.code, 'TRUNCATED');
    const bytes = Buffer.byteLength(text, 'utf8');
    assert.ok(bytes <= MAX_EXTRACTED_TEXT_BYTES, `${bytes} bytes`);
    assert.ok(bytes > MAX_EXTRACTED_TEXT_BYTES - 4);
    assert.ok(!text.includes('\uFFFD'), 'no half characters');
  });

  it('images have no text, with a warning that they need a human look', async () => {
    const r = await extractText(makePng(), 'png');
    assert.equal(r.text, '');
    assert.equal(r.warning?.code, 'NO_TEXT');
  });

  it('works on exactly what inspectAttachment accepted', async () => {
    const buf = await makeXlsx();
    const inspected = await inspectAttachment(buf, 'x.bin');
    assert.ok(inspected.ok);
    assert.match((await extractText(buf, inspected.kind)).text, /张伟/);
  });
});

describe('normaliseCjkRadicals', () => {
  it('maps radical code points from PDF ToUnicode tables back to characters', () => {
    // What Chromium-printed PDFs with Noto CJK give for "一、公示对象 户主 民政办 门 长 见 页".
    assert.equal(
      normaliseCjkRadicals('\u2F00、公\u2F70对象 \u2F3E主 \u2EA0政办 \u2ED4 \u2ED3 \u2EC5 \u2EDA'),
      '一、公示对象 户主 民政办 门 长 见 页',
    );
    assert.equal(normaliseCjkRadicals('普通文字 ABC 123（）'), '普通文字 ABC 123（）');
  });
});
