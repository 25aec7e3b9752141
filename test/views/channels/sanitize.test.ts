import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToPlainText, sanitizeDocumentHtml } from '../../../src/views/sanitize.ts';
import { WORD_PASTED_BODY } from './fixtures.ts';

/** Classic vectors (OWASP XSS filter evasion cheat sheet and friends). */
const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<img src=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<img src="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">',
  '<img """><script>alert(1)</script>">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<img src="https://ok.example/a.png" onload="alert(1)" style="x:expression(alert(1))">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="java\nscript:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="//evil.example">x</a>',
  '<a href="https://ok.example" onclick="alert(1)" target="_blank">x</a>',
  '<p onmouseover="alert(1)">x</p>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p style="text-align:center;behavior:url(x.htc)">x</p>',
  '<span style="text-indent:expression(alert(1))">x</span>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example"><input name=p><button>登录</button></form>',
  '<textarea><script>alert(1)</script></textarea>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<table background="javascript:alert(1)"><td onclick=alert(1)>x</td></table>',
  '<div style="width: expression(alert(1))">x</div>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<body onload=alert(1)>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<a href="https://ok.example/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
];

const ALLOWED_TAGS = new Set(
  'p div br h2 h3 h4 strong b em u sub sup span ol ul li blockquote a img table caption thead tbody tfoot tr th td'.split(
    ' ',
  ),
);
const ALLOWED_ATTRS = new Set([
  'href',
  'rel',
  'title',
  'src',
  'alt',
  'width',
  'height',
  'colspan',
  'rowspan',
  'style',
]);

/** Every tag in sanitised output is allowed, with only allowed attributes, all quoted. */
function assertOnlyAllowedMarkup(out: string): void {
  for (const m of out.matchAll(/<\/?([a-zA-Z0-9:-]+)([^>]*)>/g)) {
    assert.ok(ALLOWED_TAGS.has(m[1]!.toLowerCase()), `tag <${m[1]}> in ${out}`);
    const attrs = m[2]!.replace(/\s*\/$/, '');
    for (const a of attrs.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      assert.ok(ALLOWED_ATTRS.has(a[1]!), `attribute ${a[1]} in ${out}`);
      assert.notEqual(a[2], undefined, `unquoted attribute in ${out}`);
    }
  }
}

describe('sanitizeDocumentHtml removes every XSS vector', () => {
  for (const vector of XSS_VECTORS) {
    it(vector, () => {
      const out = sanitizeDocumentHtml(vector);
      assertOnlyAllowedMarkup(out);
      assert.doesNotMatch(
        out,
        /<(script|style|iframe|object|embed|svg|math|form|input|button|textarea|meta|base|link|body|video|details|noscript|xmp)\b/i,
      );
      assert.doesNotMatch(out, /\son[a-z]+\s*=/i);
      assert.doesNotMatch(
        out,
        /javascript:|vbscript:|data:text|data:image\/svg|expression\(|behavior:|srcdoc|xlink/i,
      );
      assert.doesNotMatch(out, /href="\/\//);
      // Links that survive open safely.
      for (const a of out.matchAll(/<a [^>]*>/g)) {
        assert.match(a[0], /href="(https?:|mailto:)/);
        assert.match(a[0], /rel="noopener noreferrer"/);
        assert.doesNotMatch(a[0], /target=/);
      }
    });
  }
});

describe('sanitizeDocumentHtml keeps what a government document needs', () => {
  it('cleans a Word-pasted body down to structure, alignment and indent', () => {
    const out = sanitizeDocumentHtml(WORD_PASTED_BODY);
    assertOnlyAllowedMarkup(out);
    assert.doesNotMatch(out, /class=|mso-|o:p|font-family|<script|alert/);
    assert.match(
      out,
      /^<div>\n<p style="text-indent:32.0pt">根据《中华人民共和国政府信息公开条例》/,
    );
    assert.match(out, /<p style="text-indent:32.0pt"><b>一、公示对象<\/b><\/p>/);
    assert.match(out, /<table>\n<tr><td><p style="text-align:center"><b>序号<\/b><\/p><\/td>/);
    assert.match(out, /<td colspan="3"><p style="text-align:center">合计<\/p><\/td>/);
    assert.match(
      out,
      /<a href="https:\/\/www\.example\.gov\.cn\/hudong\?topic=dibao&amp;from=notice" rel="noopener noreferrer">政府网站互动交流栏目<\/a>/,
    );
    assert.match(out, /<p style="text-indent:2em">反映情况应当实事求是，提倡署真实姓名。<\/p>/);
  });

  it('keeps headings (h1 becomes h2, h5/h6 become h4), lists, quotes, emphasis', () => {
    const out = sanitizeDocumentHtml(
      '<h1 align="center">标题</h1><h3>小节</h3><h6>细目</h6><ul><li><strong>一</strong></li></ul><ol><li><em>二</em><i>三</i><u>四</u>m<sup>2</sup></li></ol><blockquote>引文</blockquote><p>第一行<br>第二行</p>',
    );
    assert.equal(
      out,
      '<h2 style="text-align:center">标题</h2><h3>小节</h3><h4>细目</h4><ul><li><strong>一</strong></li></ul><ol><li><em>二</em><em>三</em><u>四</u>m<sup>2</sup></li></ol><blockquote>引文</blockquote><p>第一行<br />第二行</p>',
    );
  });

  it('keeps http(s)/mailto links with rel added; other links keep only their text', () => {
    assert.equal(
      sanitizeDocumentHtml(
        '<a href="https://www.gov.cn/zhengce/" title="政策" target="_blank">政策</a> <a href="mailto:gk@example.gov.cn">来信</a> <a href="/org/x">站内</a> <a href="#_Toc1">目录</a>',
      ),
      '<a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer" title="政策">政策</a> <a href="mailto:gk@example.gov.cn" rel="noopener noreferrer">来信</a> 站内 目录',
    );
  });

  it('keeps http(s) and raster data: images with numeric sizes only', () => {
    assert.equal(
      sanitizeDocumentHtml(
        '<img src="https://gk.example.gov.cn/a.png" alt="示意图" width="300" height="auto" class="x">',
      ),
      '<img src="https://gk.example.gov.cn/a.png" alt="示意图" width="300" />',
    );
    assert.equal(
      sanitizeDocumentHtml('<img src="data:image/png;base64,iVBORw0KGgo=">'),
      '<img src="data:image/png;base64,iVBORw0KGgo=" />',
    );
    assert.equal(sanitizeDocumentHtml('<img src="ftp://x/a.png"><img>'), '');
  });

  it('keeps only the whitelisted inline styles, with sane values', () => {
    assert.equal(
      sanitizeDocumentHtml(
        '<p style="text-align:right;color:red;text-indent:2em;font-size:40px">x</p><span style="text-indent:99999px">y</span><table><tr><td style="text-indent:2em;text-align:center">z</td></tr></table>',
      ),
      '<p style="text-align:right;text-indent:2em">x</p>y<table><tr><td style="text-align:center">z</td></tr></table>',
    );
  });

  it('table cells keep numeric colspan/rowspan only', () => {
    assert.equal(
      sanitizeDocumentHtml(
        '<table><tr><th rowspan="2" colspan="x">a</th><td colspan="1" rowspan="9999">b</td></tr></table>',
      ),
      '<table><tr><th rowspan="2">a</th><td>b</td></tr></table>',
    );
  });

  it('drops the text of code-like elements but keeps the text of merely unknown ones', () => {
    assert.equal(
      sanitizeDocumentHtml('<font color=red>红</font><center>中</center><o:p>&nbsp;</o:p>文'),
      '红中\u00a0文',
    );
    assert.equal(
      sanitizeDocumentHtml(
        '<title>t</title><style>p{}</style><xml><w:View>Print</w:View></xml>正文',
      ),
      '正文',
    );
  });
});

describe('htmlToPlainText', () => {
  it('gives the readable text of a Word-pasted body, one block per line', () => {
    assert.equal(
      htmlToPlainText(WORD_PASTED_BODY),
      [
        '根据《中华人民共和国政府信息公开条例》和《最低生活保障审核确认办法》有关规定，经本人申请、村（居）民委员会入户调查、民主评议，现将2024年第一季度拟新增农村最低生活保障对象予以公示。',
        '一、公示对象',
        '序号',
        '户主姓名',
        '所在村',
        '保障人数',
        '1',
        '赵某某',
        '东坪村',
        '3',
        '2',
        '钱某某',
        '西岭村',
        '1',
        '合计',
        '4',
        '二、监督方式',
        '公示期间，如对公示对象有异议，可通过以下方式反映：',
        '电话：0797-1234567（工作日 8:30—17:30）',
        '来信来访：常平乡民政办（乡政府二楼 203 室）',
        '网上反映：政府网站互动交流栏目',
        '反映情况应当实事求是，提倡署真实姓名。',
      ].join('\n'),
    );
  });

  it('separates table cells so adjacent numbers never merge', () => {
    const text = htmlToPlainText(
      '<table><tr><td>138</td><td>0013</td><td>8000</td></tr><tr><th>姓名</th><td>张三</td></tr></table>',
    );
    assert.equal(text, '138 0013 8000\n姓名 张三');
  });

  it('joins inline runs, decodes entities and drops script text', () => {
    assert.equal(
      htmlToPlainText(
        '<p><span>1101</span><b>0519491231002X</b> &amp; &lt;b&gt; &quot;引号&quot; &#x4E00;&nbsp;二</p><script>var secret = 1</script>',
      ),
      '11010519491231002X & <b> "引号" 一 二',
    );
  });

  it('keeps image alt text, and link targets when asked (for the leak scan)', () => {
    const body =
      '<p>见<a href="https://x.example/q?id=110105194912310021">登记表</a><img src="https://x.example/a.png" alt="身份证复印件"><a href="mailto:a@b.cn">a@b.cn</a></p>';
    assert.equal(htmlToPlainText(body), '见登记表 身份证复印件 a@b.cn');
    assert.equal(
      htmlToPlainText(body, { includeUrls: true }),
      '见登记表 (https://x.example/q?id=110105194912310021) 身份证复印件 https://x.example/a.png a@b.cn',
    );
  });

  it('is empty for empty or markup-only input', () => {
    assert.equal(htmlToPlainText(''), '');
    assert.equal(htmlToPlainText('<p>&nbsp;</p><br><script>x</script>'), '');
  });
});

describe('link and image URLs', () => {
  it('lose control characters and get inner spaces encoded', () => {
    assert.equal(
      sanitizeDocumentHtml('<a href=" https://x.example/附件 1.pdf\n">附件</a>'),
      '<a href="https://x.example/附件%201.pdf" rel="noopener noreferrer">附件</a>',
    );
  });
});
