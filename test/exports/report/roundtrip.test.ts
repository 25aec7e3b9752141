/**
 * Render → read back → parse → check: a computed report exported as HTML or DOCX must be read
 * by the checker with zero findings and with every figure and text as computed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkReport, parseReport, type AnnualReport } from '../../../src/domain/report/index.ts';
import {
  readReportFile,
  renderReportDocx,
  renderReportHtml,
} from '../../../src/exports/report/index.ts';
import { changpingFacts, compute, departmentFacts } from './facts.ts';
import { assertSameReport, encodeGb18030, explain } from './helpers.ts';

const cases: [string, () => AnnualReport][] = [
  ['county department', () => compute(departmentFacts)],
  ['常平乡 (all zero, seed narrative)', () => compute(changpingFacts())],
  [
    'county department with text in sections 二–四 (printed before each table)',
    () =>
      compute({
        ...departmentFacts,
        narrative: {
          ...departmentFacts.narrative,
          proactive: '本年度主动公开政府信息情况如下：',
          requests: '本年度依申请公开情况如下：',
          appeals: '本年度行政复议、行政诉讼情况如下：',
        },
      }),
  ],
];

async function readBack(bytes: Uint8Array, name: string, format: string): Promise<AnnualReport> {
  const file = await readReportFile(bytes, name);
  assert.ok(file.ok, file.ok ? '' : file.message);
  assert.equal(file.format, format);
  const parsed = parseReport(file.input);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.message);
  return parsed.report;
}

for (const [name, build] of cases) {
  describe(`round trip: ${name}`, () => {
    const report = build();

    test('the computed report itself passes every check', () => {
      assert.deepEqual(checkReport(report), [], explain(checkReport(report)));
    });

    test('HTML → readReportFile → parseReport: no findings, same figures and text', async () => {
      const page = renderReportHtml(report);
      const back = await readBack(Buffer.from(page, 'utf8'), 'report.html', 'html');
      const findings = checkReport(back);
      assert.deepEqual(findings, [], explain(findings));
      assertSameReport(back, report, 'html');
    });

    test('DOCX → readReportFile → parseReport: no findings, same figures and text', async () => {
      const docx = await renderReportDocx(report);
      assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
      const back = await readBack(docx, 'report.docx', 'docx');
      const findings = checkReport(back);
      assert.deepEqual(findings, [], explain(findings));
      assertSameReport(back, report, 'docx');
    });

    test('with the 落款 (agency and date) the read-back report still has no findings', async () => {
      const options = { date: '2026-01-20' };
      for (const [bytes, file] of [
        [Buffer.from(renderReportHtml(report, options)), 'r.html'],
        [await renderReportDocx(report, options), 'r.docx'],
      ] as const) {
        const back = await readBack(bytes, file, file.endsWith('html') ? 'html' : 'docx');
        assert.deepEqual(checkReport(back), [], explain(checkReport(back)));
        const six = back.sections.find((s) => s.key === 'other')!.text;
        // The 落款 is read as the closing signature, not as prose of section 六.
        assert.equal(six, report.sections.find((s) => s.key === 'other')!.text, six);
      }
    });

    test('the HTML page re-encoded as GBK and named .txt still reads as HTML', async () => {
      // A page re-encoded by a CMS: the UTF-8 meta is wrong, the bytes are GB18030.
      const page = renderReportHtml(report).replace(
        '<meta charset="utf-8">',
        '<meta charset="gbk">',
      );
      const back = await readBack(encodeGb18030(page), 'report.txt', 'html');
      assert.deepEqual(checkReport(back), [], explain(checkReport(back)));
      assertSameReport(back, report, 'gb18030 html');
    });
  });
}
