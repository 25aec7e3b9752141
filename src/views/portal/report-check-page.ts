/**
 * 年报体检: the public page of the report checker. Plain forms (upload or paste) that work without
 * JavaScript; the result lists each finding with its rule and shows the tables as they were read,
 * so a reader can see why a finding was made (or that a table was misread).
 */
import { RULES, type CheckerJson, type RowSummary, type TableSummary } from '../../domain/report/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';

export interface ReportCheckState {
  /** Pasted text, put back into the text box. */
  text?: string;
  /** Why the submission could not be checked. */
  error?: string;
  result?: { source: string; json: CheckerJson };
}

/** Limits shown on the page; the route enforces them. */
export interface ReportCheckLimits {
  maxFileMb: number;
  maxTextChars: number;
}

const TEMPLATE_LABELS: Record<CheckerJson['template'], string> = {
  '2021': '2021 年正式格式（国办公开办函〔2021〕30号）',
  '2019-trial': '2019 年试行格式（已不再使用）',
  unknown: '无法判断',
};

export const reportCheckPath = (agency: PortalAgency): string => `${agencyBase(agency)}/open/annual-reports/check`;

/** The text box opens with a line break, which HTML drops, so a text's own first one stays. */
export function reportCheckPage(agency: PortalAgency, state: ReportCheckState, limits: ReportCheckLimits): string {
  const base = agencyBase(agency);
  const action = reportCheckPath(agency);
  return portalPage({
    title: state.result ? '年报体检结果' : '年报体检',
    agency,
    active: 'annual-reports',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › <a href="${base}/open/annual-reports">政府信息公开年报</a> › 年报体检</nav>
<h1>年报体检</h1>
<p class="intro">上传或粘贴任一机关已发布的政府信息公开工作年度报告，系统按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）逐项检查表格的勾稽关系、格式和文字，列出发现的问题，并显示读出的表格。</p>
<p class="notice">上传的文件和粘贴的文字只用于本次检查，检查完即丢弃，不会保存。</p>
${state.error ? html`<div class="errors" role="alert" id="check-error"><p>${state.error}</p></div>` : ''}
${state.result ? resultSection(state.result.source, state.result.json) : ''}
<h2 id="upload-title">${state.result ? '再检查一份：' : ''}上传报告文件</h2>
<form class="request-form check-form" method="post" action="${action}" enctype="multipart/form-data" aria-labelledby="upload-title">
  <div class="field">
    <label for="c-file">报告文件</label>
    <input id="c-file" name="file" type="file" accept=".docx,.pdf,.html,.htm,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html,text/plain" required aria-describedby="c-file-hint">
    <p class="hint" id="c-file-hint">Word（.docx）、PDF、网页（.html）或文本（.txt）文件，不超过 ${limits.maxFileMb} MB。旧版 Word（.doc）请另存为 .docx；扫描成图片的 PDF 无法读取。</p>
  </div>
  <button type="submit">上传并检查</button>
</form>
<h2 id="paste-title">粘贴报告全文</h2>
<form class="request-form check-form" method="post" action="${action}" enctype="multipart/form-data" aria-labelledby="paste-title">
  <div class="field">
    <label for="c-text">报告全文</label>
    <textarea id="c-text" name="text" rows="10" required maxlength="${limits.maxTextChars}" aria-describedby="c-text-hint">
${state.text ?? ''}</textarea>
    <p class="hint" id="c-text-hint">从网页或 Word 中全选复制后粘贴，表格可以连同表头一起粘贴。</p>
  </div>
  <button type="submit">检查</button>
</form>`,
  });
}

function resultSection(source: string, r: CheckerJson): SafeHtml {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.length - errors;
  const present = r.sections.filter((s) => s.present);
  const missingTables = r.tables.filter((t) => !t.present);
  return html`<section class="check-result" aria-labelledby="result-title">
<h2 id="result-title">检查结果</h2>
<table class="meta">
  <tr><th scope="row">检查对象</th><td>${source}</td></tr>
  <tr><th scope="row">机关</th><td>${r.agency ?? '未识别'}</td></tr>
  <tr><th scope="row">年度</th><td>${r.year ?? '未识别'}</td></tr>
  <tr><th scope="row">格式</th><td>${TEMPLATE_LABELS[r.template]}</td></tr>
  <tr><th scope="row">读出的部分</th><td>${present.length ? present.map((s) => s.heading ?? `${s.numeral}、${s.title}`).join('；') : '无'}</td></tr>
  <tr><th scope="row">结论</th><td data-testid="check-summary">${
    r.findings.length === 0
      ? '未发现问题'
      : html`发现 ${r.findings.length} 项问题：错误 ${errors} 项，提示 ${warnings} 项${errors > 0 ? '（有错误的报告不符合发布要求）' : ''}`
  }</td></tr>
</table>
<h3 id="findings-title">发现的问题</h3>
${
  r.findings.length === 0
    ? html`<p>未发现问题。</p>`
    : html`<ol class="findings" aria-labelledby="findings-title">${r.findings.map(
        (f) => html`<li class="finding">
<p><span class="severity severity-${f.severity}">${f.severity === 'error' ? '错误' : '提示'}</span> <strong>${RULES[f.rule].title}</strong> <code class="rule-id">${f.rule}</code></p>
<p>${f.message}</p>
<p class="hint">位置：${f.location.text}${f.location.line && !f.location.text.includes(`第${f.location.line}行`) ? `（第 ${f.location.line} 行）` : ''}</p>
</li>`,
      )}</ol>`
}
<h3>读出的表格</h3>
<p class="hint">以下是系统按格式从报告中读出的数字，便于核对是否读错。标“！”的单元格与上面的问题有关，“空”表示原文空白。</p>
${r.tables.filter((t) => t.present).map((t) => tableAsRead(t, flaggedCells(r, t.id)))}
${missingTables.length ? html`<p>未读到：${missingTables.map((t) => t.name).join('、')}。</p>` : ''}
</section>`;
}

function flaggedCells(r: CheckerJson, table: string): Set<string> {
  const out = new Set<string>();
  for (const f of r.findings) {
    if (f.location.table === table && f.location.row) out.add(`${f.location.row}|${f.location.column ?? '*'}`);
  }
  return out;
}

const columnsKey = (row: RowSummary): string => row.cells.map((c) => c.column).join(',');

function tableAsRead(t: TableSummary, flagged: Set<string>): SafeHtml {
  const id = `table-${t.id}`;
  // Rows of table 二 have columns of their own: a header row starts each run of equal columns.
  const body: SafeHtml[] = [];
  let previous = '';
  for (const row of t.rows) {
    const key = columnsKey(row);
    if (key !== previous) {
      body.push(html`<tr class="col-head"><th scope="col">项目</th>${row.cells.map((c) => html`<th scope="col">${c.columnLabel}</th>`)}</tr>`);
      previous = key;
    }
    body.push(html`<tr><th scope="row">${row.written ?? row.label}</th>${row.cells.map((c) => {
      const mark = flagged.has(`${row.row}|${c.column}`) || flagged.has(`${row.row}|*`);
      const shown = c.raw ?? (c.value === null ? '' : String(c.value));
      return html`<td${mark ? html` class="flagged"` : ''}>${mark ? html`<span class="flag" aria-hidden="true">！</span><span class="visually-hidden">（与问题有关）</span>` : ''}${c.blank ? html`<span class="blank">空</span>` : shown}</td>`;
    })}</tr>`);
  }
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="read-table">
<caption id="${id}">${t.name}${t.cut ? '（表格不完整）' : ''}</caption>
<tbody>${body}</tbody>
</table>
</div>`;
}
