import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  NOTICE_OUTCOMES,
  noticeTitle,
  renderNoticeDocx,
  renderNoticeHtml,
  type Notice,
} from '../../../src/views/notices/index.ts';
import {
  EXPECTED,
  citedArticles,
  consultationAgency,
  correction,
  feeNotice,
  oneOfEachKind,
  replyFor,
  visibleText,
} from './fixtures.ts';
import { docxPlainText, readZip, zipText } from './zip.ts';

async function documentXml(notice: Notice): Promise<string> {
  return zipText(await renderNoticeDocx(notice), 'word/document.xml');
}

describe('DOCX of every notice kind', () => {
  for (const notice of oneOfEachKind) {
    it(noticeTitle(notice), async () => {
      const buf = await renderNoticeDocx(notice);
      assert.ok(Buffer.isBuffer(buf));
      assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK');
      const entries = readZip(buf);
      assert.ok(entries.has('[Content_Types].xml'));
      const xml = entries.get('word/document.xml')?.toString('utf8') ?? '';
      // Fonts: 仿宋_GB2312 body, 宋体 title.
      assert.match(xml, /w:eastAsia="仿宋_GB2312"/);
      assert.match(xml, /w:eastAsia="宋体"/);
      // A4 (210 × 297 mm in twips) with the GB/T 9704 margins (37/35/28/26 mm).
      assert.match(xml, /<w:pgSz w:w="1190[56]" w:h="1683[78]"/);
      assert.match(xml, /w:top="2098"/);
      assert.match(xml, /w:left="1587"/);
      // 三号 body on an exact 28.95 pt line.
      assert.match(xml, /<w:sz w:val="32"\/>/);
      assert.match(xml, /w:line="579" w:lineRule="exact"/);
      // Same words as the HTML, in the same order.
      const words = docxPlainText(xml).replace(/\s+/g, '');
      assert.equal(words, visibleText(renderNoticeHtml(notice)));
      assert.ok(words.startsWith(`常平乡人民政府${noticeTitle(notice)}`));
      // Page numbers in the footer.
      const footer = [...entries.entries()].find(([k]) => /^word\/footer\d*\.xml$/.test(k));
      assert.ok(footer, 'footer part');
      assert.match(footer[1].toString('utf8'), /PAGE/);
    });
  }
});

describe('DOCX replies cite the right articles', () => {
  for (const outcome of NOTICE_OUTCOMES) {
    it(outcome, async () => {
      const text = docxPlainText(await documentXml(replyFor(outcome)));
      assert.deepEqual(citedArticles(text), EXPECTED[outcome].articles);
      assert.ok(text.includes(EXPECTED[outcome].phrase));
      assert.ok(
        text.includes(
          '六十日内向常平县人民政府申请行政复议，或者在六个月内向常平县人民法院提起行政诉讼',
        ),
      );
    });
  }
});

describe('DOCX key phrases', () => {
  it('补正告知书', async () => {
    const text = docxPlainText(await documentXml(correction));
    assert.ok(text.includes('视为放弃申请，本机关不再处理该政府信息公开申请'));
    assert.ok(text.includes('15个工作日内（截至2025年2月20日）'));
  });

  it('收费通知书 has the tier table', async () => {
    const xml = await documentXml(feeNotice);
    assert.match(xml, /<w:tbl>/);
    const text = docxPlainText(xml);
    assert.ok(text.includes('第201页及以上'));
    assert.ok(text.includes('合计人民币4700元（大写：肆仟柒佰元整）'));
  });

  it('征求意见函 (Art. 34)', async () => {
    const text = docxPlainText(await documentXml(consultationAgency));
    assert.ok(text.includes('逾期未提出意见的，视为同意公开'));
  });

  it('escapes hostile text', async () => {
    const reply = replyFor('disclosed');
    const xml = await documentXml({
      ...reply,
      request: {
        ...reply.request,
        applicantName: '<script>alert(1)</script>',
        description: 'a&b<w:p>',
      },
    });
    assert.ok(!xml.includes('<script>'));
    assert.ok(xml.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(xml.includes('a&amp;b&lt;w:p&gt;'));
  });

  it('drops characters XML cannot carry', async () => {
    const reply = replyFor('disclosed');
    const xml = await documentXml({
      ...reply,
      request: { ...reply.request, description: 'A\u0000B\u000bC\ud800D' },
    });
    assert.ok(docxPlainText(xml).includes('“ABCD”'));
  });

  it('can use 仿宋 where 仿宋_GB2312 is not installed', async () => {
    const xml = zipText(
      await renderNoticeDocx(replyFor('disclosed'), { bodyFont: '仿宋' }),
      'word/document.xml',
    );
    assert.match(xml, /w:eastAsia="仿宋"/);
    assert.doesNotMatch(xml, /仿宋_GB2312/);
  });
});
