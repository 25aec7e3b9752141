/**
 * readReportFile: the checker's input reader for text (UTF-8, BOM, GB18030, UTF-16), HTML
 * (tolerant tokenizer, merged cells, layout tables) and DOCX, decided by content.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

import { checkReport, parseReport, valueAt } from '../../../src/domain/report/index.ts';
import { htmlToRows, readReportFile } from '../../../src/exports/report/index.ts';
import { SEED_TEXT } from './facts.ts';
import { allCells, encodeGb18030 } from './helpers.ts';

/** What the domain tests expect of the seed: two warnings, nothing else. */
const SEED_RULES = ['template.header', 'template.missing-column'];

async function readAndCheck(bytes: Uint8Array, name: string, format: string): Promise<string[]> {
  const file = await readReportFile(bytes, name);
  assert.ok(file.ok, file.ok ? '' : file.message);
  assert.equal(file.format, format);
  const parsed = parseReport(file.input);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  const r = parsed.report;
  assert.equal(r.agency.name, '常平乡');
  assert.equal(r.year, 2025);
  assert.equal(r.truncated, false);
  // Every figure as read from the plain seed text (all 0; the seed's copy lost some cells).
  const plain = parseReport(SEED_TEXT);
  assert.ok(plain.ok);
  for (const [t, row, col] of allCells()) {
    const expected = valueAt(plain.report, t as never, row, col);
    assert.equal(valueAt(r, t as never, row, col), expected, `${t}.${row}.${col}`);
  }
  assert.deepEqual(
    r.sections.map((x) => x.text),
    plain.report.sections.map((x) => x.text),
  );
  const findings = checkReport(r);
  return findings.map((f) => f.rule).sort();
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The seed as a CMS/Word page: Word's conditional comments, a script and a style that mention
 * section headings, a layout table around everything, unclosed <td>/<p>, entities, &nbsp;
 * padding, upper-case tags and Chinese lines wrapped in the source.
 */
function seedAsMessyHtml(): string {
  const out: string[] = [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">',
    '<HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=utf-8">',
    '<TITLE>一、总体情况 — 不是正文</TITLE>',
    '<!--[if gte mso 9]><xml><w:WordDocument>二、主动公开</w:WordDocument></xml><![endif]-->',
    '<style>p.MsoNormal { margin:0 } /* 三、收到 */</style>',
    '<script>var s = "<p>四、政府信息公开行政复议</p>"; if (a < b) {}</script>',
    '</HEAD><BODY>',
    '<div style="display:none">六、其他需要报告的事项 隐藏</div>',
    '<TABLE width="100%" class=layout><TR><TD>',
  ];
  let inTable = false;
  for (const line of SEED_TEXT.split('\n')) {
    if (line.includes('\t')) {
      if (!inTable) out.push('<table border=1 cellspacing=0>');
      inTable = true;
      // Unclosed cells and rows, as old editors write them.
      out.push(
        '<TR>' +
          line
            .split('\t')
            .map((c) => `<TD><p class=MsoNormal><span>${esc(c)}</span>`)
            .join(''),
      );
      continue;
    }
    if (inTable) out.push('</table>');
    inTable = false;
    if (!line.trim()) continue;
    // Wrap the source line between two Chinese characters, and pad with &nbsp; as CMSs do.
    const text = esc(line).replace(/(情况|公开)(?=[\u4e00-\u9fff])/, '$1\n      ');
    out.push(
      `<P class=MsoNormal style="text-indent:2em">&nbsp;&nbsp;<span>${text.replace(/“/g, '&ldquo;').replace(/”/g, '&#8221;')}`,
    );
  }
  if (inTable) out.push('</table>');
  out.push('</TD></TR></TABLE><p>&nbsp;</p></BODY></HTML>');
  return out.join('\n');
}

describe('readReportFile: text', () => {
  test('UTF-8 text is passed through and reads like the seed', async () => {
    const file = await readReportFile(Buffer.from(SEED_TEXT, 'utf8'), 'seed.txt');
    assert.ok(file.ok);
    assert.equal(file.format, 'text');
    assert.equal(file.input, SEED_TEXT);
    assert.deepEqual(await readAndCheck(Buffer.from(SEED_TEXT), 'seed.txt', 'text'), SEED_RULES);
  });

  test('a UTF-8 BOM is dropped', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEED_TEXT)]);
    const file = await readReportFile(bytes, 'seed.txt');
    assert.ok(file.ok && file.input === SEED_TEXT);
    assert.deepEqual(await readAndCheck(bytes, 'seed.txt', 'text'), SEED_RULES);
  });

  test('GB18030/GBK text (Chinese Windows Notepad) is decoded', async () => {
    const bytes = encodeGb18030(SEED_TEXT);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const file = await readReportFile(bytes, 'seed.txt');
    assert.ok(file.ok && file.input === SEED_TEXT);
    assert.deepEqual(await readAndCheck(bytes, 'seed.txt', 'text'), SEED_RULES);
  });

  test('UTF-16LE with a BOM is decoded', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_TEXT, 'utf16le')]);
    assert.deepEqual(await readAndCheck(bytes, 'seed.txt', 'text'), SEED_RULES);
  });

  test('text that merely starts with “<” is text; the file name does not decide', async () => {
    const text = `<常平乡>\n${SEED_TEXT}`;
    const file = await readReportFile(Buffer.from(text), 'report.html');
    assert.ok(file.ok);
    assert.equal(file.format, 'text');
  });
});

describe('readReportFile: HTML', () => {
  test('a messy Word/CMS page of the seed reads like the seed text', async () => {
    const page = seedAsMessyHtml();
    assert.deepEqual(await readAndCheck(Buffer.from(page), 'seed.doc', 'html'), SEED_RULES);
    const file = await readReportFile(Buffer.from(page), 'seed.doc');
    assert.ok(file.ok && typeof file.input !== 'string');
    const lines = file.input.rows.map((r) => r.join('\t'));
    assert.equal(lines[0], '常平乡 2025 年政府信息公开工作年度报告');
    assert.ok(lines.includes('一、总体情况'), 'heading wrapped in the source is joined');
    assert.ok(
      !lines.some((l) => /不是正文|隐藏|var s|MsoNormal|w:WordDocument/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l.includes('“三安全一稳定”')),
      'entities decoded',
    );
    const s = parseReport(file.input);
    assert.ok(s.ok);
    assert.match(s.report.sections[5]!.text, /未收取政府信息公开处理费/);
  });

  test('a GBK page declaring charset=gb2312 is decoded', async () => {
    const page = seedAsMessyHtml().replace('charset=utf-8', 'charset=gb2312');
    assert.deepEqual(await readAndCheck(encodeGb18030(page), 'seed.htm', 'html'), SEED_RULES);
  });
});

describe('htmlToRows', () => {
  test('merged cells: text at the top-left, covered positions empty', () => {
    const rows = htmlToRows(
      '<TABLE><TR><TD rowspan=2 colspan=2>A<TD>B<TR><TD>C<tr><td colspan="3">D</td><tr><td>E<td rowspan="0">F<td>G<tr><td>H<td>I</table>',
    );
    assert.deepEqual(rows, [
      ['A', '', 'B'],
      ['', '', 'C'],
      ['D', '', ''],
      ['E', 'F', 'G'],
      ['H', '', 'I'],
    ]);
  });

  test('blocks, <br>, whitespace, entities, quoted “>”, stray “<”, hidden and missing </head>', () => {
    const rows = htmlToRows(
      [
        '<html><head><title>标题</title><meta charset=utf-8>',
        '<p title="a>b">政府信息',
        '  公开 Gongkai',
        'system &amp; a < b &#x4E00;&#19968;&ldquo;x&rdquo;&unknown; &#151;</p>',
        '<div>第一行<br>第二行<br/><span hidden>隐藏</span><b>粗</b>体</div>',
        '<ul><li>一<li>二</ul><pre>a  b\nc</pre>',
      ].join('\n'),
    );
    assert.deepEqual(rows, [
      ['政府信息公开 Gongkai system & a < b 一一“x”&unknown; —'],
      ['第一行'],
      ['第二行'],
      ['粗体'],
      ['一'],
      ['二'],
      ['a  b'],
      ['c'],
    ]);
  });

  test('cells holding several paragraphs join them with a space; nested layout tables flatten', () => {
    const rows = htmlToRows(
      '<table><tr><td><p>开头</p><table><tr><td><p>结果</p><p>维持</p></td><td>0</td></tr></table><p>结尾</p></td></tr></table>',
    );
    assert.deepEqual(rows, [['开头'], ['结果 维持', '0'], ['结尾']]);
  });
});

describe('readReportFile: DOCX and other files', () => {
  test('a DOCX written by another producer (plain tables, no merges) reads like the seed', async () => {
    const children: (Paragraph | Table)[] = [];
    let table: TableRow[] = [];
    const flush = (): void => {
      if (table.length) children.push(new Table({ rows: table }));
      table = [];
    };
    for (const line of SEED_TEXT.split('\n')) {
      if (line.includes('\t')) {
        const cells = line.split('\t');
        table.push(
          new TableRow({
            children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })),
          }),
        );
        continue;
      }
      flush();
      if (line.trim()) children.push(new Paragraph({ children: [new TextRun(line)] }));
    }
    flush();
    const docx = await Packer.toBuffer(new Document({ sections: [{ children }] }));
    // Rows of different lengths: Word pads them, mammoth keeps them; either way the same result.
    assert.deepEqual(await readAndCheck(docx, 'seed.docx', 'docx'), SEED_RULES);
  });

  test('a broken zip, PDF, old .doc, RTF, binary and empty files give Chinese messages', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'), /不是有效的Word（\.docx）文件/],
      [Buffer.from('%PDF-1.7\n...'), /PDF/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.doc/],
      [Buffer.from('{\\rtf1\\ansi 一、总体情况}'), /RTF/],
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        /不是文本、网页/,
      ],
      [Buffer.alloc(0), /空文件/],
    ];
    for (const [bytes, message] of cases) {
      const r = await readReportFile(bytes, '年报.x');
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, message);
      assert.match(r.ok ? '' : r.message, /“年报\.x”/);
    }
  });
});
