import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPreamble, checkReport, earliestPublication, emptyContacts, standardPreamble, type AnnualReport } from '../../../src/domain/report/index.ts';

const contacts = { websiteName: '常平乡人民政府门户网站', websiteUrl: 'https://www.example.gov.cn', office: '常平乡党政综合办公室', address: '常平乡人民政府院内', postcode: '100000', phone: '0550-1234567', email: 'gk@example.gov.cn' };
const withPreamble = (preamble: string): AnnualReport => ({ agency: { name: '常平乡' }, year: 2025, template: '2021', preamble, sections: [], proactive: blank, requests: blank, appeals: blank, truncated: false }) as unknown as AnnualReport;
const blank = { present: false, cut: false, labels: [], foreign: [], rows: {}, raw: [] };

describe('the report’s opening paragraph', () => {
  it('states the basis, the period, the 网址 and the contacts', () => {
    const text = standardPreamble('常平乡人民政府', 2025, contacts);
    assert.match(text, /^本报告根据《中华人民共和国政府信息公开条例》/);
    assert.match(text, /（国办公开办函〔2021〕30号）要求，由常平乡人民政府编制。/);
    assert.match(text, /统计期限自2025年1月1日起至2025年12月31日止。/);
    assert.match(text, /本报告电子版可在“常平乡人民政府门户网站”（https:\/\/www\.example\.gov\.cn）查阅或下载。/);
    assert.match(text, /请与常平乡党政综合办公室联系（地址：常平乡人民政府院内；邮编：100000；电话：0550-1234567；电子邮箱：gk@example\.gov\.cn）。$/);
    assert.deepEqual(checkPreamble(withPreamble(text)), []);
  });

  it('leaves out what is not set, never a placeholder, and the check names it', () => {
    const text = standardPreamble('常平乡人民政府', 2025, emptyContacts);
    assert.doesNotMatch(text, /网址|联系|（具体/);
    const [f] = checkPreamble(withPreamble(text));
    assert.equal(f?.rule, 'preamble.incomplete');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.message, '报告开头缺少：报告电子版的网址、联系方式（联系机构、地址、电话）');
    assert.match(checkPreamble(withPreamble(''))[0]!.message, /^报告没有开头段落/);
  });

  it('is checked in reports built here only, not in published texts read back', () => {
    const report = withPreamble('');
    assert.ok(checkReport(report, { built: true }).some((f) => f.rule === 'preamble.incomplete'));
    assert.ok(!checkReport(report).some((f) => f.rule === 'preamble.incomplete'));
  });

  it('may be published from the first day after its year', () => {
    assert.equal(earliestPublication(2025), '2026-01-01');
  });
});
