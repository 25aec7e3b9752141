/** The HTML and DOCX documents as documents: page, fonts, order, escaping. */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { SECTIONS } from '../../../src/domain/report/index.ts';
import {
  readReportFile,
  renderReportDocx,
  renderReportHtml,
} from '../../../src/exports/report/index.ts';
import { compute, departmentFacts } from './facts.ts';
import { zipEntry } from './helpers.ts';

const report = compute(departmentFacts);

test('HTML: a complete zh-CN A4 document with the official title and sections in order', () => {
  const page = renderReportHtml(report);
  assert.match(page, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
  assert.match(page, /<meta charset="utf-8">/);
  assert.match(page, /@page \{ size: A4; margin: 37mm 26mm 35mm 28mm; \}/);
  assert.match(page, /@media print/);
  assert.match(page, /font-family: "仿宋_GB2312", "仿宋"/);
  assert.match(page, /"方正小标宋简体"/);
  assert.match(page, /table \{[^}]*font-family: "宋体"/);
  assert.match(page, /p \{ margin: 0; text-indent: 2em;/);
  assert.match(page, /<h1 class="title">某县自然资源局2025年政府信息公开工作年度报告<\/h1>/);
  let last = page.indexOf('<h1');
  for (const d of SECTIONS) {
    const at = page.indexOf(`>${d.heading}</h2>`);
    assert.ok(at > last, d.heading);
    last = at;
  }
  // Tables sit under their sections: 表二 after 二, 表三 after 三, 表四 after 四.
  const pos = (s: string): number => page.indexOf(s);
  assert.ok(pos('二、主动公开') < pos('<table class="proactive"'));
  assert.ok(pos('<table class="proactive"') < pos('三、收到和处理'));
  assert.ok(pos('三、收到和处理') < pos('<table class="requests"'));
  assert.ok(pos('四、政府信息公开行政复议') < pos('<table class="appeals"'));
  assert.ok(pos('<table class="appeals"') < pos('五、存在的主要问题'));
});

test('HTML: names and text are escaped', async () => {
  const evil = compute({
    ...departmentFacts,
    agency: { name: '某局<script>alert("x")</script>', level: 'department' },
    narrative: { ...departmentFacts.narrative, problems: '存在问题：a<b & c>d。' },
  });
  const page = renderReportHtml(evil);
  assert.doesNotMatch(page, /<script>/);
  assert.match(page, /某局&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.match(page, /<p>存在问题：a&lt;b &amp; c&gt;d。<\/p>/);
  // And the reader decodes it back.
  const file = await readReportFile(Buffer.from(page), 'x.html');
  assert.ok(file.ok && typeof file.input !== 'string');
  assert.ok(file.input.rows.some((r) => r[0] === '存在问题：a<b & c>d。'));
});

test('DOCX: A4 with the 公文 margins, 仿宋 body, 宋体 title and tables, page numbers', async () => {
  const docx = await renderReportDocx(report);
  const xml = zipEntry(docx, 'word/document.xml');
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(xml, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  // Title: 宋体 22 pt, centred.
  assert.match(
    xml,
    /<w:jc w:val="center"\/><\/w:pPr><w:r><w:rPr><w:rFonts [^>]*w:eastAsia="宋体"[^>]*\/><w:b\/><w:bCs\/><w:sz w:val="44"\/>[^]*?某县自然资源局2025年政府信息公开工作年度报告/,
  );
  // Body paragraphs: 仿宋 16 pt with a two-character first-line indent.
  assert.match(xml, /<w:ind w:firstLine="640" w:firstLineChars="200"\/>/);
  assert.match(xml, /w:eastAsia="仿宋"[^>]*\/><w:sz w:val="32"\/>[\s\S]{0,200}（一）主动公开。/);
  // Table cells: 宋体 10.5 pt; merged cells as gridSpan and vMerge.
  assert.match(xml, /w:eastAsia="宋体"[^>]*\/><w:sz w:val="21"\/>/);
  assert.match(xml, /<w:gridSpan w:val="7"\/>/);
  assert.match(xml, /<w:vMerge w:val="restart"\/>/);
  assert.match(zipEntry(docx, 'word/footer1.xml'), /PAGE/);
});
