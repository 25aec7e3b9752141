import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderNoticeBoardSheet } from '../../../src/views/channels/index.ts';
import { HOSTILE_DOC, SAMPLE_DOC } from './fixtures.ts';

describe('renderNoticeBoardSheet', () => {
  const out = renderNoticeBoardSheet(SAMPLE_DOC);
  const css = /<style>([\s\S]*?)<\/style>/.exec(out)?.[1] ?? '';

  it('is a complete zh-CN HTML page', () => {
    assert.match(out, /^<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">/);
    assert.match(out, /<title>常平乡2024年第一季度拟新增农村最低生活保障对象公示<\/title>/);
    assert.match(out, /<\/body>\n<\/html>\n$/);
  });

  it('prints on A4 with margins, body text at 16pt or more, a large title', () => {
    assert.match(css, /@page\s*\{\s*size:\s*A4;\s*margin:\s*\d+mm/);
    const bodySize = /body\s*\{[^}]*font-size:\s*(\d+(?:\.\d+)?)pt/.exec(css);
    assert.ok(bodySize && Number(bodySize[1]) >= 16, 'body font ≥ 16pt');
    const titleSize = /h1\s*\{[^}]*font-size:\s*(\d+(?:\.\d+)?)pt/.exec(css);
    assert.ok(titleSize && Number(titleSize[1]) >= 22, 'title font ≥ 22pt');
    assert.match(out, /<h1>常平乡2024年第一季度拟新增农村最低生活保障对象公示<\/h1>/);
  });

  it('has no navigation, scripts or external resources', () => {
    assert.doesNotMatch(out, /<nav|<script|<link|<iframe|\son[a-z]+=/i);
    assert.doesNotMatch(out, /src="https?:|url\(/);
  });

  it('has the metadata line, the 公示期, and agency + date at the bottom right', () => {
    assert.match(
      out,
      /<p class="meta"><span>发布机构：常平乡民政办<\/span><span>文号：常民〔2024〕5号<\/span><span>发布日期：2024年3月15日<\/span><\/p>/,
    );
    assert.match(out, /<p class="period">公示期：2024年3月15日至2024年3月21日（5个工作日）<\/p>/);
    assert.match(
      out,
      /<div class="sign"><div>常平乡人民政府<\/div><div>2024年3月15日<\/div><\/div>/,
    );
    assert.match(css, /\.sign\s*\{[^}]*text-align:\s*right/);
    assert.match(out, /索引号：11360730MB1234567X\/2024-00017/);
  });

  it('has a QR code (inline SVG) to the online version, with its URL', () => {
    const svg = /<svg [^>]*viewBox="0 0 (\d+) \1"[^>]*aria-label="原文二维码"[^>]*>.*?<\/svg>/.exec(
      out,
    );
    assert.ok(svg, 'QR svg');
    assert.ok(Number(svg[1]) >= 21 + 8, 'at least version 1 plus quiet zone');
    assert.match(
      out,
      /扫码查看网上原文<\/div><div class="url">https:\/\/gk\.example\.gov\.cn\/org\/changping\/documents\/17<\/div>/,
    );
  });

  it('lists the attachments and says where to read them', () => {
    assert.match(out, /附件：<\/span>1\. 2024年第一季度拟新增低保对象名单\.xlsx<\/p>/);
    assert.match(out, /2\. 最低生活保障审核确认办法\.pdf<\/p>/);
    assert.match(out, /附件内容请扫描下方二维码查看/);
  });

  it('leaves out the 公示期 and attachments when there are none, and marks repealed documents', () => {
    const bare = renderNoticeBoardSheet({
      ...SAMPLE_DOC,
      noticePeriod: null,
      attachments: [],
      validity: 'expired',
    });
    assert.doesNotMatch(bare, /class="period"|class="attachments"/);
    assert.match(bare, /<p class="status">本文件已失效，仅供查阅<\/p>/);
    assert.doesNotMatch(out, /class="status"/);
  });

  it('escapes hostile data and re-sanitises the body', () => {
    const bad = renderNoticeBoardSheet(HOSTILE_DOC);
    assert.doesNotMatch(bad, /<script|onerror|<b>号/);
    assert.match(
      bad,
      /<h1>A &amp; B &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; \]\]&gt; &#39;q&#39;/,
    );
    assert.match(bad, /名单&lt;script&gt;\.xlsx/);
  });
});
