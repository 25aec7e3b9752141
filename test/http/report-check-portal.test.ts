/**
 * The portal's public 年报体检 page (issue 13, item 5): a real report uploaded as a file or pasted
 * gives the checker's findings and the tables as read; DOCX and PDF are parsed in the worker;
 * unreadable, empty and oversize files get a Chinese page with a fitting status; the form is
 * rate-limited per address; nothing submitted is stored.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { escapeHtml } from '../../src/views/html.ts';
import { RULES, checkPublishedReport, type RuleId } from '../../src/domain/report/index.ts';
import { untrustedParsesStarted } from '../../src/services/untrusted/pool.ts';
import { REPORT, asDocx, asPdf } from '../exports/report/variants.ts';

const URL_PATH = '/org/changping/open/annual-reports/check';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/reports/collected/${name}`, import.meta.url), 'utf8');
const C03 = 'c03_xiliuzhen_haicheng_mirror_2023.txt';
const C08 = 'c08_mutaxiang_dongzhi_2024.txt';

/** A multipart body as a browser's form sends it, encoded by the platform's FormData. */
async function form(fields: { file?: { name: string; data: Buffer | string; type?: string }; text?: string }) {
  const fd = new FormData();
  if (fields.file) fd.append('file', new Blob([typeof fields.file.data === 'string' ? fields.file.data : new Uint8Array(fields.file.data)], { type: fields.file.type ?? 'application/octet-stream' }), fields.file.name);
  if (fields.text !== undefined) fd.append('text', fields.text);
  const encoded = new Response(fd);
  return { headers: { 'content-type': encoded.headers.get('content-type')! }, payload: Buffer.from(await encoded.arrayBuffer()) };
}

/** The findings of the page, as "rule: message" lines, read from its markup. */
function findingsOf(page: string): string[] {
  return [...page.matchAll(/<code class="rule-id">([^<]+)<\/code><\/p>\n<p>([^<]*)<\/p>/g)].map((m) => `${m[1]}: ${m[2]}`);
}

let address = 0;
/** Each test posts from an address of its own, so only the rate-limit test meets the limit. */
const nextAddress = (): string => `10.77.0.${++address}`;

for (const dialect of DIALECTS) {
  describe(`portal 年报体检 on ${dialect}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(async () => t.close());

    const post = async (fields: Parameters<typeof form>[0], remoteAddress = nextAddress()) => {
      const body = await form(fields);
      return t.app.inject({ method: 'POST', url: URL_PATH, ...body, remoteAddress });
    };

    it('is linked from the 年报 column and offers an upload form and a text box that need no script', async () => {
      const column = await t.app.inject({ method: 'GET', url: '/org/changping/open/annual-reports' });
      assert.ok(column.body.includes(`href="${URL_PATH}"`), 'the annual reports column links to the check');
      const page = await t.app.inject({ method: 'GET', url: URL_PATH });
      assert.equal(page.statusCode, 200);
      assert.equal((page.body.match(/<form [^>]*method="post" action="\/org\/changping\/open\/annual-reports\/check" enctype="multipart\/form-data"/g) ?? []).length, 2);
      assert.match(page.body, /<input id="c-file" name="file" type="file"/);
      assert.match(page.body, /<textarea id="c-text" name="text"/);
      assert.ok(!page.body.includes('<script'), 'no script');
      assert.match(page.body, /不会保存/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/org/nosuch/open/annual-reports/check' })).statusCode, 404);
    });

    it('an uploaded real report gives the checker’s findings, each with its rule, severity and place, and the tables as read', async () => {
      const text = fixture(C03);
      const expected = checkPublishedReport(text, { fileName: C03 });
      assert.ok(expected.ok);
      const res = await post({ file: { name: C03, data: text, type: 'text/plain' } });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.equal(res.headers['cache-control'], 'no-store');
      const page = res.body;
      assert.ok(page.includes(`上传的文件“${C03}”`));
      assert.ok(page.includes('<td>西柳镇人民政府</td>'), 'the agency as read');
      assert.ok(page.includes('<td>2023</td>'), 'the year as read');
      assert.deepEqual(findingsOf(page), expected.findings.map((f) => `${f.rule}: ${escapeHtml(f.message)}`));
      assert.deepEqual(
        expected.findings.map((f) => f.rule).sort(),
        // The fixture is an excerpt: the checker says so too.
        ['narrative.table-mismatch', 'narrative.table-mismatch', 'period.statistics', 'structure.truncated'],
      );
      for (const f of expected.findings) {
        assert.ok(page.includes(`<strong>${escapeHtml(RULES[f.rule as RuleId].title)}</strong> <code class="rule-id">${f.rule}</code>`), `${f.rule} with its Chinese name`);
        assert.ok(page.includes(`位置：${escapeHtml(f.location.text)}`), `${f.rule} with its place`);
      }
      assert.match(page, /<span class="severity severity-error">错误<\/span>/);
      assert.match(page, /data-testid="check-summary">发现 4 项问题：错误 4 项，提示 0 项/);
      // Tables as read: each present table with its rows and the numbers in them.
      for (const table of expected.json.tables.filter((x) => x.present)) {
        assert.ok(page.includes(`<caption id="table-${table.id}">${table.name}`), table.name);
        const first = table.rows.find((r) => r.cells.some((c) => c.raw));
        if (first) assert.ok(page.includes(`<th scope="row">${escapeHtml(first.written ?? first.label)}</th>`), `${table.id}: ${first.label}`);
      }
    });

    it('DOCX and PDF are read in the parse worker and give the findings of the same report as text', async () => {
      const parses = untrustedParsesStarted();
      const docx = await post({ file: { name: '二郎街道2022年报.docx', data: await asDocx(REPORT) } });
      assert.equal(docx.statusCode, 200, docx.body.slice(0, 500));
      const pdf = await post({ file: { name: '二郎街道2022年报.pdf', data: asPdf(REPORT), type: 'application/pdf' } });
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 500));
      assert.equal(untrustedParsesStarted(), parses + 2, 'both files went through the worker');
      const rules = (page: string) => findingsOf(page).map((f) => f.split(':')[0]).sort();
      assert.deepEqual(rules(docx.body), ['narrative.table-mismatch', 'requests.balance', 'requests.total-row']);
      assert.deepEqual(rules(pdf.body), rules(docx.body));
      assert.ok(docx.body.includes('<td>重庆市九龙坡区二郎街道办事处</td>'));
      // The planted 总计 5 is shown where it was read, marked as involved in a finding.
      assert.match(docx.body, /<td class="flagged"><span class="flag" aria-hidden="true">！<\/span><span class="visually-hidden">（与问题有关）<\/span>5<\/td>/);
    });

    it('pasted text is checked and put back into the text box; a url-encoded post works too', async () => {
      const text = fixture(C08);
      const res = await post({ text });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.ok(res.body.includes('<td>粘贴的文字</td>'));
      assert.ok(res.body.includes('<td>木塔乡人民政府</td>'));
      assert.deepEqual(findingsOf(res.body).map((f) => f.split(':')[0]).sort(), ['period.statistics', 'structure.truncated']);
      // Form encoding turns line ends into CRLF, as browsers send them.
      assert.ok(res.body.includes(`${escapeHtml(text.replace(/\r?\n/g, '\r\n'))}</textarea>`), 'the text stays in the box');
      const encoded = await t.app.inject({
        method: 'POST',
        url: URL_PATH,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ text }).toString(),
        remoteAddress: nextAddress(),
      });
      assert.equal(encoded.statusCode, 200);
      assert.deepEqual(findingsOf(encoded.body), findingsOf(res.body));
    });

    it('a file that is no report, an old Word file, a scanned PDF or nothing at all gets a Chinese reason', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1d1f40000000049454e44ae426082', 'hex');
      const cases: Array<[Parameters<typeof form>[0], number, RegExp]> = [
        [{ file: { name: '照片.png', data: png } }, 422, /“照片\.png”不是文本、网页或Word（\.docx）文件/],
        [{ file: { name: '旧报告.doc', data: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]) } }, 422, /是旧版Word（\.doc）文件，请另存为\.docx后上传/],
        [{ file: { name: '扫描件.pdf', data: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF') } }, 422, /PDF/],
        [{ file: { name: '空.txt', data: Buffer.alloc(0) } }, 422, /“空\.txt”是空文件/],
        [{ text: '   ' }, 400, /请选择要上传的报告文件，或粘贴报告全文/],
        [{ text: '你好，这不是年报。' }, 422, /年度报告|年报/],
      ];
      for (const [fields, status, message] of cases) {
        const res = await post(fields);
        assert.equal(res.statusCode, status, `${JSON.stringify(fields.file?.name ?? fields.text)}: ${res.body.slice(0, 300)}`);
        const alert = /<div class="errors" role="alert" id="check-error"><p>([^<]+)<\/p>/.exec(res.body)?.[1] ?? '';
        assert.match(alert, message);
        assert.match(alert, /[\u4e00-\u9fff]/);
        assert.ok(!res.body.includes('检查结果</h2>'), 'no result');
      }
      // What a browser sends when no file was chosen: an empty part without a file name.
      const none = await t.app.inject({
        method: 'POST',
        url: URL_PATH,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--x--\r\n',
        remoteAddress: nextAddress(),
      });
      assert.equal(none.statusCode, 400, none.body.slice(0, 300));
      assert.match(none.body, /请选择要上传的报告文件，或粘贴报告全文/);
      const bad = await t.app.inject({ method: 'POST', url: URL_PATH, headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc', remoteAddress: nextAddress() });
      assert.equal(bad.statusCode, 400, bad.body.slice(0, 300));
      assert.match(bad.body, /上传的内容不完整或格式不正确/);
    });

    it('an oversize file is refused with 413 and never parsed', async () => {
      const parses = untrustedParsesStarted();
      const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
      big.write('%PDF-1.4\n');
      const res = await post({ file: { name: '大文件.pdf', data: big } });
      assert.equal(res.statusCode, 413, res.body.slice(0, 300));
      assert.match(res.body, /文件超过 20 MB，无法检查/);
      assert.equal(untrustedParsesStarted(), parses);
    });

    it('nothing submitted is stored: no row in any table, no file', async () => {
      // Only this test's schema: the shared PostgreSQL holds other tests' schemas, some mid-migration.
      const tables = (await t.deps.db.introspection.getTables())
        .filter((x) => !t.pgSchema || x.schema === t.pgSchema)
        .map((x) => x.name);
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const name of tables) {
          const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(t.deps.db);
          out[name] = Number(row.rows[0]!.n);
        }
        return out;
      };
      const files = () => readdirSync(t.deps.files.root, { recursive: true }).length;
      const [rowsBefore, filesBefore] = [await counts(), files()];
      assert.equal((await post({ file: { name: C03, data: fixture(C03) } })).statusCode, 200);
      assert.equal((await post({ file: { name: 'r.docx', data: await asDocx(REPORT) } })).statusCode, 200);
      assert.equal((await post({ text: fixture(C08) })).statusCode, 200);
      assert.deepEqual(await counts(), rowsBefore);
      assert.equal(files(), filesBefore);
    });

    it('is rate-limited per address, with the reason on the page', async () => {
      const from = '10.78.0.1';
      for (let i = 0; i < 20; i++) assert.equal((await post({ text: '' }, from)).statusCode, 400);
      const limited = await post({ text: fixture(C08) }, from);
      assert.equal(limited.statusCode, 429);
      assert.match(limited.headers['content-type'] as string, /^text\/html/);
      assert.match(limited.body, /<div class="errors" role="alert" id="check-error"><p>请求过于频繁，请稍后再试<\/p>/);
      assert.ok(limited.headers['retry-after'], 'says when to come back');
      assert.equal((await post({ text: fixture(C08) }, '10.78.0.2')).statusCode, 200, 'another address is not held back');
      assert.equal((await t.app.inject({ method: 'GET', url: URL_PATH, remoteAddress: from })).statusCode, 200, 'the form itself stays open');
    });
  });
}
