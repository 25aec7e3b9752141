/**
 * The tracking page: the query code and the secret go in a POST body, never in a URL (issue 18,
 * item 2). With a result it shows, while the applicant is asked to supplement, what and by when,
 * with a form for the 补正; once closed with electronic delivery, the 答复书. Each of those forms
 * carries the code and the secret again in hidden fields: the page is not stored by any cache.
 */
import { html, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import { SUPPLEMENT_MAX_FILES, SUPPLEMENT_TEXT_MAX, type PublicTracking } from '../../capabilities/requests/contract.ts';
import { errorSummary, requestFormAssets, textArea, type FieldErrors, type FormValues } from './request-pages.ts';

export interface TrackingState {
  code?: string | undefined;
  /** Only after the pair was accepted: the forms below the result send it again. */
  secret?: string | undefined;
  result?: PublicTracking | null | undefined;
  error?: string | null | undefined;
  /** The 补正 form's values and problems, after a refused submission. */
  supplement?: { values: FormValues; errors: FieldErrors; general: string[] } | undefined;
  /** Shown above the result after the 补正 was recorded. */
  done?: string | undefined;
}

const credentials = (s: TrackingState): SafeHtml =>
  html`<input type="hidden" name="code" value="${s.result?.queryCode ?? s.code ?? ''}"><input type="hidden" name="secret" value="${s.secret ?? ''}">`;

export function trackingPage(agency: PortalAgency, state: TrackingState): string {
  const base = agencyBase(agency);
  const r = state.result;
  return portalPage({
    title: '办理进度查询',
    agency,
    active: 'request',
    body: html`${requestFormAssets}<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › <a href="${base}/open/request">依申请公开</a> › 办理进度查询</nav>
<h1>办理进度查询</h1>
<form class="request-form track-form" method="post" action="${base}/open/request/track">
  <div class="field"><label for="t-code">查询码</label><input id="t-code" name="code" value="${state.code ?? ''}" required autocomplete="off" maxlength="40"></div>
  <div class="field"><label for="t-secret">联系电话后四位</label><input id="t-secret" name="secret" inputmode="numeric" maxlength="4" required autocomplete="off" aria-describedby="t-secret-hint"><p class="hint" id="t-secret-hint">未留联系电话的，请输入证件号码后四位</p></div>
  <button type="submit">查询</button>
</form>
${state.error ? html`<div class="errors" role="alert"><p>${state.error}</p></div>` : ''}
${state.done ? html`<div class="notice" role="status" data-testid="supplement-done"><p>${state.done}</p></div>` : ''}
${r ? trackingResult(base, r, state) : ''}`,
  });
}

function trackingResult(base: string, r: PublicTracking, state: TrackingState): SafeHtml {
  return html`<section class="tracking" aria-labelledby="tr-title">
<h2 id="tr-title">查询结果</h2>
<table class="meta">
  <tr><th scope="row">查询码</th><td>${r.queryCode}</td></tr>
  <tr><th scope="row">受理机关</th><td>${r.agencyName}</td></tr>
  <tr><th scope="row">提交日期</th><td>${r.submittedDate}</td></tr>
  <tr><th scope="row">收到申请之日</th><td>${r.receiptDate ?? '待工作人员确认'}</td></tr>
  <tr><th scope="row">办理状态</th><td data-testid="tracking-status">${r.statusLabel}</td></tr>
  ${r.dueDate ? html`<tr><th scope="row">答复期限</th><td data-testid="tracking-due">${r.dueDate}${r.dueProvisional ? html` <strong class="provisional">（暂定）</strong>` : ''}</td></tr>` : ''}
  ${r.closedDate ? html`<tr><th scope="row">办结日期</th><td>${r.closedDate}</td></tr>` : ''}
  ${r.outcomeLabel ? html`<tr><th scope="row">办理结果</th><td>${r.outcomeLabel}</td></tr>` : ''}
</table>
${r.correction ? correctionSection(base, r, state) : ''}
${r.replyAvailable ? replySection(base, state) : ''}
${
  r.explanation.length
    ? html`<h3>期限计算说明</h3><ol class="steps">${r.explanation.map((s) => html`<li><strong>${s.label}</strong>：${s.detail}</li>`)}</ol>`
    : ''
}
<h3>办理记录</h3>
<ol class="timeline">${r.timeline.map((t) => html`<li><time datetime="${t.date}">${t.date}</time> ${t.label}</li>`)}</ol>
</section>`;
}

function correctionSection(base: string, r: PublicTracking, state: TrackingState): SafeHtml {
  const c = r.correction!;
  const s = state.supplement ?? { values: {}, errors: {}, general: [] };
  return html`<section class="supplement" aria-labelledby="corr-title" data-testid="correction">
<h3 id="corr-title">需要补正的事项</h3>
<p>受理机关于 ${c.servedDate} 告知您补正申请（条例第三十条）。请补正以下事项：</p>
<ol>${c.items.map((item) => html`<li>${item}</li>`)}</ol>
<p>补正期限：${c.periodWorkingDays} 个工作日${c.dueDate ? html`，<strong data-testid="correction-due">请于 ${c.dueDate} 前（含当日）提交</strong>` : ''}。答复期限自收到补正之日起重新计算；逾期不补正的，视为放弃申请。</p>
${
  r.supplementOpen
    ? html`${errorSummary(s.errors, s.general, ['text', 'files'])}
<form class="request-form" method="post" action="${base}/open/request/supplement" enctype="multipart/form-data" aria-labelledby="supp-title" novalidate>
  <fieldset>
    <legend id="supp-title">在线提交补正</legend>
    ${credentials(state)}
    ${textArea('补正内容（对所需信息的进一步说明）', 'text', s.values, s.errors, { maxLength: SUPPLEMENT_TEXT_MAX, rows: 5 })}
    <div class="field${s.errors.files ? ' has-error' : ''}">
      <label for="f-files">补正材料（选填）</label>
      <input id="f-files" name="files" type="file" multiple accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp" aria-describedby="${s.errors.files ? 'f-files-error ' : ''}f-files-hint"${s.errors.files ? html` aria-invalid="true"` : ''}>
      ${s.errors.files ? html`<p class="field-error" id="f-files-error">${s.errors.files.join('；')}</p>` : ''}
      <p class="hint" id="f-files-hint">最多 ${String(SUPPLEMENT_MAX_FILES)} 个文件，每个不超过 20 MB；可上传 PDF、Word（.docx）、Excel（.xlsx）或图片</p>
    </div>
  </fieldset>
  <button type="submit">提交补正</button>
</form>`
    : html`<p class="errors">补正期限已届满，不能再在线提交补正；如有正当理由，请与受理机关联系。</p>`
}
</section>`;
}

function replySection(base: string, state: TrackingState): SafeHtml {
  return html`<section class="reply" aria-labelledby="reply-title" data-testid="reply">
<h3 id="reply-title">答复书</h3>
<p>您选择以电子方式获取答复，可在此查看或下载本申请的答复书。</p>
<form class="request-form inline-buttons" method="post" action="${base}/open/request/reply">
  ${credentials(state)}
  <button type="submit" name="format" value="docx">下载答复书（Word）</button>
  <button type="submit" name="format" value="html">查看答复书（网页）</button>
</form>
</section>`;
}
