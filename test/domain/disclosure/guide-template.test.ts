import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guideTemplateHtml } from '../../../src/capabilities/disclosure/guide-template.ts';
import { sanitizeDocumentHtml } from '../../../src/views/sanitize.ts';

describe('公开指南 template', () => {
  const full = {
    address: '常平乡人民路 1 号',
    postcode: '236600',
    officeHours: '工作日 8:30—12:00',
    phone: '0558-1234567',
    email: 'gk@changping.example.gov.cn',
  };

  it('fills the 受理机构 from the site settings and covers the parts 条例第十二条 asks for', () => {
    const html = guideTemplateHtml({
      fullName: '常平乡人民政府',
      settings: full,
      portalPath: 'https://gk.example/org/changping/',
    });
    for (const text of [
      '受理机构：常平乡人民政府',
      '办公地址：常平乡人民路 1 号',
      '邮政编码：236600',
      '办公时间：工作日 8:30—12:00',
      '联系电话：0558-1234567',
      '电子邮箱：gk@changping.example.gov.cn',
      'https://gk.example/org/changping/open/request',
    ])
      assert.ok(html.includes(text), text);
    for (const heading of ['一、主动公开', '二、依申请公开', '三、监督和救济'])
      assert.ok(html.includes(`<h2>${heading}</h2>`), heading);
    for (const fact of [
      '20 个工作日内予以公开',
      '20 个工作日内予以答复',
      '最长不超过 20 个工作日',
      '国办函〔2020〕109号',
      '行政复议',
    ])
      assert.ok(html.includes(fact), fact);
    assert.doesNotMatch(html, /请填写/);
    assert.equal(sanitizeDocumentHtml(html), html, 'the editor and the portal keep it as it is');
  });

  it('marks each missing fact for the clerk to fill in, and escapes what the settings hold', () => {
    const html = guideTemplateHtml({
      fullName: '某局<script>',
      settings: { phone: '  ' },
      portalPath: '/org/x/',
    });
    for (const what of ['办公地址', '邮政编码', '办公时间', '联系电话', '电子邮箱'])
      assert.ok(html.includes(`【请填写${what}】`), what);
    assert.ok(html.includes('某局&lt;script&gt;'));
    assert.doesNotMatch(html, /<script/);
  });
});
