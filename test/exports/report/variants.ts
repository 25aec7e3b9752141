/**
 * One published report in every layout the checker meets: tab-separated text, pipe rows, one
 * cell per line, an HTML page with site furniture, DOCX and PDF. The report is real in its prose
 * (the opening of 二郎街道's 2022 report, test/fixtures/reports/collected/c17) and complete in
 * its tables, with one planted error: table 三's 一 row says 总计 5 where its cells add to 4.
 * A cell written "a\nb" is a header printed in two lines (stacked in HTML/DOCX, strips in PDF).
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { rowsToPdf } from '../../fixtures/reports/pdf.ts';

/** A prose line, or a table row (an array, even of one cell). */
export type Item = string | readonly string[];

const z7 = ['0', '0', '0', '0', '0', '0', '0'];

export const REPORT: readonly Item[] = [
  '重庆市九龙坡区二郎街道办事处2022年政府信息公开工作年度报告',
  '根据《中华人民共和国政府信息公开条例》的规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，二郎街道现面向社会公开2022年度政府信息公开年度报告。本报告信息数据统计期限为：2022年1月1日至2022年12月31日。',
  '一、总体情况',
  '（一）主动公开情况',
  '全年通过区政府信息公开网站共公开信息314条，其中，人员招录信息公开3条，财政预算、决算信息公开2条，疫情信息公开8条，公共资源配置领域信息公开12条，环境保护信息公开20条，办事指南、工作动态信息公开269条。',
  '（二）依申请公开情况',
  '全年新收政府信息公开申请数量4件，上年结转政府信息公开申请数量0件，办结4件。',
  '（三）政府信息管理情况',
  '建立健全政府信息公开工作机制，完善政府信息公开规定、政府信息公开指南和政府信息公开目录。',
  '（四）政府信息公开平台建设情况',
  '依托区政府信息公开网站及时发布政府信息。',
  '（五）监督保障情况',
  '将政府信息公开工作纳入年度目标考核。',
  '二、主动公开政府信息情况',
  ['第二十条第（一）项'],
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  ['规章', '0', '0', '0'],
  ['行政规范性文件', '4', '0', '4'],
  ['第二十条第（五）项'],
  ['信息内容', '本年处理决定数量'],
  ['行政许可', '12'],
  ['第二十条第（六）项'],
  ['信息内容', '本年处理决定数量'],
  ['行政处罚', '3'],
  ['行政强制', '0'],
  ['第二十条第（八）项'],
  ['信息内容', '本年收费金额（单位：万元）'],
  ['行政事业性收费', '0'],
  '三、收到和处理政府信息公开申请情况',
  ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
  ['自然人', '法人或其他组织', '总计'],
  ['商业\n企业', '科研\n机构', '社会公益\n组织', '法律服务\n机构', '其他'],
  ['一、本年新收政府信息公开申请数量', '3', '1', '0', '0', '0', '0', '5'],
  ['二、上年结转政府信息公开申请数量', ...z7],
  ['三、本年度办理结果', '（一）予以公开', '2', '0', '0', '0', '0', '0', '2'],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '1', '0', '0', '0', '0', '0', '1'],
  ['（三）不予公开', '1.属于国家秘密', ...z7],
  ['2.其他法律行政法规禁止公开', ...z7],
  ['3.危及“三安全一稳定”', ...z7],
  ['4.保护第三方合法权益', ...z7],
  ['5.属于三类内部事务信息', ...z7],
  ['6.属于四类过程性信息', ...z7],
  ['7.属于行政执法案卷', ...z7],
  ['8.属于行政查询事项', ...z7],
  ['（四）无法提供', '1.本机关不掌握相关政府信息', '0', '1', '0', '0', '0', '0', '1'],
  ['2.没有现成信息需要另行制作', ...z7],
  ['3.补正后申请内容仍不明确', ...z7],
  ['（五）不予处理', '1.信访举报投诉类申请', ...z7],
  ['2.重复申请', ...z7],
  ['3.要求提供公开出版物', ...z7],
  ['4.无正当理由大量反复申请', ...z7],
  ['5.要求行政机关确认或重新出具已获取信息', ...z7],
  ['（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', ...z7],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', ...z7],
  ['3.其他', ...z7],
  ['（七）总计', '3', '1', '0', '0', '0', '0', '4'],
  ['四、结转下年度继续办理', ...z7],
  '四、政府信息公开行政复议、行政诉讼情况',
  ['行政复议', '行政诉讼'],
  [
    ...['结果\n维持', '结果\n纠正', '其他\n结果', '尚未\n审结', '总\n计'],
    '未经复议直接起诉',
    '复议后起诉',
  ],
  [
    ...['结果\n维持', '结果\n纠正', '其他\n结果', '尚未\n审结', '总\n计'],
    ...['结果\n维持', '结果\n纠正', '其他\n结果', '尚未\n审结', '总\n计'],
  ],
  ['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'],
  '五、存在的主要问题及改进情况',
  '政策解读形式较为单一。下一步将丰富解读形式，提升公开质效。',
  '六、其他需要报告的事项',
  '本年度未收取信息处理费。',
];

const flat = (cell: string): string => cell.replace(/\n/g, '');

export function asTabs(items: readonly Item[]): string {
  return items.map((i) => (typeof i === 'string' ? i : i.map(flat).join('\t'))).join('\n');
}

export function asPipes(items: readonly Item[]): string {
  return items
    .map((i) => (typeof i === 'string' ? i : `| ${i.map(flat).join(' | ')} |`))
    .join('\n');
}

/** One cell per line, each ending in " |", a row's end as a line of pipes. */
export function asCellPerLine(items: readonly Item[]): string {
  return items
    .map((i) => (typeof i === 'string' ? i : [...i.map((c) => `${flat(c)} |`), '|'].join('\n')))
    .join('\n');
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An article page: header, breadcrumb, date line, the report, footer. */
export function asHtml(items: readonly Item[]): string {
  const body: string[] = [];
  let table: string[] | undefined;
  for (const i of items) {
    if (typeof i === 'string') {
      if (table) body.push(`<table border="1">${table.join('')}</table>`);
      table = undefined;
      body.push(`<p>${esc(i)}</p>`);
      continue;
    }
    (table ??= []).push(
      `<tr>${i.map((c) => `<td>${c.split('\n').map(esc).join('<br>')}</td>`).join('')}</tr>`,
    );
  }
  if (table) body.push(`<table>${table.join('')}</table>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>年报</title></head><body>
<div class="nav">首页 | 政府信息公开 | 政务服务</div>
<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>
<div class="meta">发布时间：2023-01-30 来源：二郎街道</div>
${body.join('\n')}
<div class="footer">版权所有：重庆市九龙坡区人民政府 网站标识码5001070001</div>
</body></html>`;
}

export async function asDocx(items: readonly Item[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  let rows: TableRow[] = [];
  const flush = (): void => {
    if (rows.length) children.push(new Table({ rows }));
    rows = [];
  };
  for (const i of items) {
    if (typeof i === 'string') {
      flush();
      children.push(new Paragraph(i));
      continue;
    }
    rows.push(
      new TableRow({
        children: i.map(
          (c) => new TableCell({ children: c.split('\n').map((t) => new Paragraph(t)) }),
        ),
      }),
    );
  }
  flush();
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export function asPdf(items: readonly Item[]): Buffer {
  return rowsToPdf(items.map((i) => (typeof i === 'string' ? [i] : i)));
}
