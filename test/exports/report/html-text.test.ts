/**
 * htmlToRows on malformed HTML, as parse5 builds it (the way a browser does): what a reader of the
 * page sees is what the report parser gets.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { htmlToRows } from '../../../src/exports/report/index.ts';

describe('htmlToRows on malformed HTML', () => {
  test('unclosed cells and rows, a stray </p> in a cell, a short row padded', () => {
    const rows = htmlToRows(
      '<table><thead><tr><th>项目<th>数量</thead><tr><td>行政许可<td>12</p><tr><td>行政处罚</table><p>后文',
    );
    assert.deepEqual(rows, [['项目', '数量'], ['行政许可', '12'], ['行政处罚', ''], ['后文']]);
  });

  test('a table in an unclosed cell: the outer table reads as blocks, the inner as a grid', () => {
    const rows = htmlToRows(
      '<table><tr><td>外<table><tr><td>内<td>内2</table><td>外2<tr><td>下</table>',
    );
    assert.deepEqual(rows, [['外'], ['内', '内2'], ['外2'], ['下']]);
  });

  test('a table inside a <p>, with and without a doctype (quirks mode)', () => {
    for (const doctype of ['', '<!DOCTYPE html>']) {
      const rows = htmlToRows(`${doctype}<p>前言<table><tr><td>a<td>b</table>尾</p>`);
      assert.deepEqual(rows, [['前言'], ['a', 'b'], ['尾']], doctype || 'quirks');
    }
  });

  test('text between rows is shown before the table, as a browser does, not lost', () => {
    const rows = htmlToRows(
      '<table><p>单位：某某局</p><tr><td>A<td>B</tr>合计<tr><td>C<td>D</table>',
    );
    assert.deepEqual(rows, [['单位：某某局'], ['合计'], ['A', 'B'], ['C', 'D']]);
  });

  test('entities: &nbsp; &#x3000; &amp;mdash; legacy ones without “;”, Windows-1252 numbers', () => {
    const rows = htmlToRows(
      '<p>a&nbsp;b&#x3000;c&amp;mdash;d&mdash;e&copy f&#150;g&#x201C;h&rdquo;</p>',
    );
    assert.deepEqual(rows, [['a b\u3000c&mdash;d—e© f–g“h”']]);
  });

  test('misnested inline and block tags: the paragraph keeps its text', () => {
    assert.deepEqual(htmlToRows('<b>粗<p>段</b>后</p>'), [['粗'], ['段后']]);
  });

  test('Word conditional comments and hidden elements carry no text; downlevel-revealed ones do', () => {
    const rows = htmlToRows(
      [
        '<!--[if gte mso 9]><xml><w:WordDocument>隐藏</w:WordDocument></xml><![endif]-->',
        '<p class=MsoListParagraph><![if !supportLists]>1.<![endif]>总体情况</p>',
        '<p style="mso-hide:all;display:none">藏</p>',
        '<table><tr><td>a<tr style="display:none"><td>b<tr><td hidden>c<td>d</table>',
        '<p>可见<span style="visibility: hidden">X</span><o:p></o:p></p>',
      ].join('\n'),
    );
    assert.deepEqual(rows, [['1.总体情况'], ['a'], ['d'], ['可见']]);
  });

  test('a crafted table of huge spans stays bounded: at most 500 columns and 1,000,000 positions', () => {
    // Every cell spans to the end of the table and 1000 columns: unbounded, billions of positions.
    const bomb = `<table>${'<tr><td rowspan="0" colspan="1000">x</td></tr>'.repeat(5000)}</table>`;
    const rows = htmlToRows(bomb);
    const width = Math.max(...rows.map((r) => r.length));
    assert.ok(width <= 500, `width ${width}`);
    assert.ok(rows.length * width <= 1_000_000, `${rows.length} × ${width}`);
    // An ordinary merged table is untouched by the bounds.
    assert.deepEqual(
      htmlToRows(
        '<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>1</td><td>2</td></tr></table>',
      ),
      [
        ['甲', '乙', ''],
        ['', '1', '2'],
      ],
    );
  });
});
