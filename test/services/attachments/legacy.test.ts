import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, inspectAttachment, type AttachmentInspection } from '../../../src/services/attachments/index.ts';
import { makeExe, makeZip } from '../../fixtures/attachments/generate.ts';
import { DOC_ID, DOC_PHONE, DOC_TEXT, OFD_PHONE, legacyDoc, makeCompound, makeOfd } from '../../fixtures/attachments/legacy.ts';

/** Issue 18 item 7: .doc, .wps, .xls, .ofd and .zip attachments, recognised by content. */
const accepted = (r: AttachmentInspection) => {
  assert.ok(r.ok, JSON.stringify(r));
  return r;
};
const refused = (r: AttachmentInspection) => {
  assert.ok(!r.ok, JSON.stringify(r));
  return r;
};

describe('older and other attachment formats', () => {
  it('a Word 97–2003 .doc: recognised by its WordDocument stream, its text extracted for the scan', async () => {
    const r = accepted(await inspectAttachment(legacyDoc(), '救助通知.doc'));
    assert.deepEqual([r.kind, r.mime, r.fileName], ['doc', 'application/msword', '救助通知.doc']);
    const { text, warning } = await extractText(legacyDoc(), r.kind);
    assert.equal(warning, undefined);
    for (const line of DOC_TEXT) assert.ok(text.includes(line), text);
  });

  it('the same file named .wps is a WPS document; named .pdf it is renamed .doc', async () => {
    const wps = accepted(await inspectAttachment(legacyDoc(), '救助通知.wps'));
    assert.deepEqual([wps.kind, wps.fileName], ['wps', '救助通知.wps']);
    assert.match((await extractText(legacyDoc(), 'wps')).text, new RegExp(DOC_PHONE));
    const misnamed = accepted(await inspectAttachment(legacyDoc(), '救助通知.pdf'));
    assert.deepEqual([misnamed.kind, misnamed.fileName, misnamed.renamed], ['doc', '救助通知.doc', true]);
  });

  it('an Excel 97–2003 .xls is accepted by its Workbook stream and listed with a warning that its content is unchecked', async () => {
    const xls = makeCompound({ Workbook: Buffer.alloc(6000, 1) });
    const r = accepted(await inspectAttachment(xls, '花名册.xlsx'));
    assert.deepEqual([r.kind, r.fileName], ['xls', '花名册.xls']);
    const { text, warning } = await extractText(xls, 'xls');
    assert.equal(text, '');
    assert.equal(warning?.code, 'NO_TEXT');
    assert.match(warning!.message, /人工核对/);
  });

  it('refuses compound files with macros, with a password, slides, or none of these streams', async () => {
    const macros = refused(await inspectAttachment(makeCompound({ WordDocument: Buffer.alloc(600, 1), 'Macros/VBA/dir': 'x' }), '通知.doc'));
    assert.equal(macros.code, 'ATTACHMENT_MACRO_ENABLED');
    const xlsMacros = refused(await inspectAttachment(makeCompound({ Workbook: Buffer.alloc(600, 1), '_VBA_PROJECT_CUR/VBA/dir': 'x' }), '表.xls'));
    assert.equal(xlsMacros.code, 'ATTACHMENT_MACRO_ENABLED');
    const locked = refused(await inspectAttachment(makeCompound({ EncryptionInfo: 'x', EncryptedPackage: Buffer.alloc(600, 1) }), '名单.docx'));
    assert.deepEqual([locked.code, /设有密码/.test(locked.message)], ['ATTACHMENT_TYPE_NOT_ALLOWED', true]);
    const slides = refused(await inspectAttachment(makeCompound({ 'PowerPoint Document': Buffer.alloc(600, 1) }), '汇报.ppt'));
    assert.match(slides.message, /PowerPoint/);
    const other = refused(await inspectAttachment(makeCompound({ Contents: Buffer.alloc(600, 1) }), '旧文件.wps'));
    assert.equal(other.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('an OFD: recognised by its OFD.xml, its pages read in page order', async () => {
    const ofd = makeOfd();
    const r = accepted(await inspectAttachment(ofd, '防汛通知.ofd'));
    assert.deepEqual([r.kind, r.mime], ['ofd', 'application/ofd']);
    const { text, warning } = await extractText(ofd, 'ofd');
    assert.equal(warning, undefined);
    assert.ok(text.indexOf('防汛工作') < text.indexOf(OFD_PHONE) && text.indexOf('第三页') < text.indexOf('第十一页 & 附件'), text);
    const notOfd = refused(await inspectAttachment(makeZip({ 'readme.txt': 'x' }), '防汛通知.ofd'));
    assert.equal(notOfd.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('a ZIP archive is accepted and its file names listed and scanned; programs and passwords are refused', async () => {
    const zip = makeZip({ '材料/申请表.pdf': 'x', [`名单-${DOC_ID}.txt`]: 'y', '材料/': '' });
    const r = accepted(await inspectAttachment(zip, '申报材料.zip'));
    assert.equal(r.kind, 'zip');
    const { text, warning } = await extractText(zip, 'zip');
    assert.equal(text, `〔压缩包内的文件〕\n材料/申请表.pdf\n名单-${DOC_ID}.txt`);
    assert.match(warning!.message, /2 个文件未经敏感信息检查/);
    const program = refused(await inspectAttachment(makeZip({ 'readme.txt': 'x', '安装/setup.exe': makeExe() }), '材料.zip'));
    assert.match(program.message, /程序文件“安装\/setup\.exe”/);
    const locked = makeZip({ 'a.txt': 'x' });
    // Set the encrypted flag (bit 0) in the central directory entry.
    const central = locked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    locked.writeUInt16LE(locked.readUInt16LE(central + 8) | 1, central + 8);
    assert.match(refused(await inspectAttachment(locked, '材料.zip')).message, /设有密码/);
  });
});
