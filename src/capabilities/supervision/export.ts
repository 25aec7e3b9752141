/** The 督办 dashboard as an XLSX: the figures and verdicts per agency, the columns, and every record behind a figure. */
import ExcelJS from 'exceljs';
import { checkKeys, checkLabels, checkRules, columnStateLabels, figureKeys, figureLabels, figureNotes, recordKindLabels, verdictLabels, type SupervisionView } from './contract.ts';


export async function supervisionWorkbook(view: SupervisionView): Promise<{ body: Buffer; fileName: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';

  const summary = wb.addWorksheet('汇总');
  summary.addRow([`${view.agencyName}督办统计`, `统计日期 ${view.today}`]);
  summary.addRow(['机构', '层级', ...checkKeys.map((k) => `${checkLabels[k]}（否决项）`), '首页距上次更新（天）', ...figureKeys.map((k) => figureLabels[k])]);
  for (const a of view.agencies) {
    summary.addRow([
      `${'　'.repeat(a.depth)}${a.name}`,
      a.levelLabel,
      ...a.checks.map((c) => verdictLabels[c.verdict]),
      a.home.daysSince ?? '从未更新',
      ...figureKeys.map((k) => a.figures[k].length),
    ]);
  }
  if (view.agencies.length > 1) summary.addRow(['合计', '', ...checkKeys.map((k) => `否决${view.totals.checks[k].fail}／预警${view.totals.checks[k].warn}`), '', ...figureKeys.map((k) => view.totals.figures[k])]);
  if (view.outOfReach) summary.addRow([`另有 ${view.outOfReach} 个下级机关不在您的权限范围内，未统计`]);
  for (const n of view.notComputed) summary.addRow([`${n.label}：${n.reason}`]);
  summary.getRow(2).font = { bold: true };
  summary.getColumn(1).width = 20;

  const rules = wb.addWorksheet('口径');
  rules.addRow(['项目', '单项否决', '预警']);
  for (const k of checkKeys) rules.addRow([checkLabels[k], checkRules[k].fail, checkRules[k].warn]);
  rules.addRow([]);
  rules.addRow(['统计项', '口径']);
  for (const k of figureKeys) rules.addRow([figureLabels[k], figureNotes[k]]);
  rules.getColumn(1).width = 24;
  rules.getColumn(2).width = 60;

  const cols = wb.addWorksheet('栏目');
  cols.addRow(['机构', '栏目', '最近发布日期', '距今（天）', '状态']);
  for (const a of view.agencies) for (const c of a.columns) cols.addRow([a.name, c.name, c.lastPublished ?? '', c.daysSince ?? '', columnStateLabels[c.state]]);

  const records = wb.addWorksheet('明细');
  records.addRow(['机构', '统计项', '类别', '记录', '日期', '说明']);
  for (const a of view.agencies) for (const k of figureKeys) for (const r of a.figures[k]) records.addRow([a.name, figureLabels[k], recordKindLabels[r.kind], r.label, r.date ?? '', r.note]);
  for (const ws of [cols, records]) {
    ws.getRow(1).font = { bold: true };
    ws.getColumn(2).width = 28;
    ws.getColumn(4).width = 40;
  }

  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { body, fileName: `${view.agencyName}督办统计${view.today}.xlsx` };
}
