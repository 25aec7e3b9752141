import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { renderWechatArticle } from '../../../src/views/channels/index.ts';
import { HOSTILE_DOC, SAMPLE_DOC } from './fixtures.ts';

const BLOCKS = new Set([
  'section',
  'p',
  'div',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'table',
  'th',
  'td',
  'img',
  'caption',
]);
const ALLOWED_ATTRS = new Set(['style', 'src', 'alt', 'colspan', 'rowspan']);

function tags(out: string): { name: string; attrs: string }[] {
  return [...out.matchAll(/<([a-zA-Z0-9]+)([^>]*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: m[2]!,
  }));
}

/** Width and height from a PNG data URL's IHDR, and whether it decodes. */
function pngInfo(dataUrl: string): { width: number; height: number; pixels: number } {
  const buf = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat: Buffer[] = [];
  for (let p = 8; p < buf.length;) {
    const len = buf.readUInt32BE(p);
    if (buf.toString('latin1', p + 4, p + 8) === 'IDAT')
      idat.push(buf.subarray(p + 8, p + 8 + len));
    p += 12 + len;
  }
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    pixels: inflateSync(Buffer.concat(idat)).length,
  };
}

describe('renderWechatArticle', async () => {
  const out = await renderWechatArticle(SAMPLE_DOC);

  it('uses inline styles only: no script, style, link, class, id or event handler', () => {
    assert.doesNotMatch(out, /<script|<style|<link|<meta|<iframe|<form/i);
    assert.doesNotMatch(out, /\sclass=|\sid=|\son[a-z]+=/i);
    for (const t of tags(out)) {
      for (const a of t.attrs.matchAll(/\s([a-zA-Z-]+)=/g)) {
        assert.ok(ALLOWED_ATTRS.has(a[1]!), `<${t.name}> has attribute ${a[1]}`);
      }
    }
  });

  it('is one <section> whose blocks all carry their own style', () => {
    assert.match(out, /^<section style="[^"]*font-size:16px;line-height:1\.75;/);
    assert.match(out, /<\/section>$/);
    for (const t of tags(out).filter((t) => BLOCKS.has(t.name))) {
      assert.match(t.attrs, /style="[^"]+"/, `<${t.name}${t.attrs}> has no style`);
    }
    // 15–16px body text at line-height 1.75.
    assert.match(
      out,
      /<p style="margin:0 0 16px;font-size:16px;line-height:1\.75;color:#333333;text-indent:2em">公示期间/,
    );
  });

  it('gives tables inline borders and keeps spans', () => {
    assert.match(out, /<table style="width:100%;border-collapse:collapse;/);
    assert.match(
      out,
      /<td colspan="3" style="border:1px solid #bfbfbf;[^"]*"><p style="margin:0;text-align:center">合计<\/p><\/td>/,
    );
  });

  it('has the metadata header', () => {
    assert.match(out, /发布机构：常平乡民政办/);
    assert.match(out, /文\u3000\u3000号：常民〔2024〕5号/);
    assert.match(out, /发布日期：2024年3月15日/);
    assert.doesNotMatch(out, /本文件已/);
  });

  it('has no links: link targets and the portal URL are printed as text', () => {
    assert.doesNotMatch(out, /<a[\s>]|href=/);
    assert.match(
      out,
      /政府网站互动交流栏目（https:\/\/www\.example\.gov\.cn\/hudong\?topic=dibao&amp;from=notice）/,
    );
    assert.match(
      out,
      /附件请在政府网站查看和下载：<\/p>\n<p [^>]*>https:\/\/gk\.example\.gov\.cn\/org\/changping\/documents\/17<\/p>/,
    );
  });

  it('lists the attachments by name and size', () => {
    assert.match(out, />1\. 2024年第一季度拟新增低保对象名单\.xlsx（18 KB）</);
    assert.match(out, />2\. 最低生活保障审核确认办法\.pdf（1\.3 MB）</);
  });

  it('ends with a QR code image (PNG data URL) and the caption 扫码查看原文', () => {
    const m =
      /<img src="(data:image\/png;base64,[A-Za-z0-9+/=]+)" alt="原文二维码" style="[^"]*width:160px;height:160px;/.exec(
        out,
      );
    assert.ok(m, 'QR image');
    const png = pngInfo(m[1]!);
    assert.equal(png.width, png.height);
    assert.ok(png.width >= 200, `QR image ${png.width}px is too small for a sharp 160px display`);
    assert.ok(png.pixels > 0);
    assert.match(out, /<p [^>]*>扫码查看原文<\/p>/);
  });

  it('shows a 失效/废止 document as such', async () => {
    assert.match(
      await renderWechatArticle({ ...SAMPLE_DOC, validity: 'repealed' }),
      /有\u2002效\u2002性：本文件已废止/,
    );
  });

  it('escapes hostile data and re-sanitises the body', async () => {
    const bad = await renderWechatArticle(HOSTILE_DOC);
    assert.doesNotMatch(bad, /<script|onerror|<b>号|<img src="x"/);
    assert.match(bad, /A &amp; B &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; \]\]&gt;/);
    assert.match(bad, /名单&lt;script&gt;\.xlsx/);
    assert.match(bad, /文\u3000\u3000号：&lt;b&gt;号&lt;\/b&gt;/);
    assert.match(bad, /documents\/18\?x=1&amp;y=&lt;2&gt;/);
  });

  it('omits the attachment block and 文号 line when there are none', async () => {
    const plain = await renderWechatArticle({ ...SAMPLE_DOC, attachments: [], docNo: null });
    assert.doesNotMatch(plain, /附件|文\u3000\u3000号/);
    assert.match(plain, /扫码查看原文/);
  });
});
