import { html, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import type { PublicTracking } from '../../services/requests.ts';
import { deliveries, idTypes, requestedForms } from '../../services/requests.ts';
import { applicantTypeLabels, applicantTypes } from '../../domain/requests/outcomes.ts';

export type FormValues = Record<string, string | undefined>;

function field(label: string, name: string, values: FormValues, opts: { type?: string; required?: boolean; hint?: string; autocomplete?: string } = {}): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field">
  <label for="${id}">${label}${opts.required ? html`<span class="req" aria-hidden="true">*</span>` : ''}</label>
  <input id="${id}" name="${name}" type="${opts.type ?? 'text'}" value="${values[name] ?? ''}"${opts.required ? html` required aria-required="true"` : ''}${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${opts.hint ? html` aria-describedby="${id}-hint"` : ''}>
  ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}
</div>`;
}

function select(label: string, name: string, options: Record<string, string>, values: FormValues, required = true): SafeHtml {
  const id = `f-${name}`;
  return html`<div class="field">
  <label for="${id}">${label}${required ? html`<span class="req" aria-hidden="true">*</span>` : ''}</label>
  <select id="${id}" name="${name}"${required ? html` required aria-required="true"` : ''}>
    ${required ? '' : html`<option value="">（不填）</option>`}
    ${Object.entries(options).map(([value, text]) => html`<option value="${value}"${values[name] === value ? html` selected` : ''}>${text}</option>`)}
  </select>
</div>`;
}

const applicantOptions = Object.fromEntries(
  applicantTypes.map((t) => [t, t === 'natural_person' ? '自然人' : `法人或其他组织 — ${applicantTypeLabels[t]}`]),
);

export function requestColumnPage(agency: PortalAgency, values: FormValues, captchaQuestion: string, captchaToken: string, errors: string[] = []): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '依申请公开',
    agency,
    active: 'request',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › 依申请公开</nav>
<h1>依申请公开</h1>
<p class="intro">公民、法人或者其他组织可以向${agency.name}申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。本机关自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。</p>
<p><a href="${base}/open/request/track">已提交申请？查询办理进度 ›</a></p>
<h2 id="form-title">在线提交申请</h2>
${
  errors.length
    ? html`<div class="errors" role="alert" tabindex="-1" id="form-errors"><p>提交未成功，请修改以下内容：</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
    : ''
}
<form class="request-form" method="post" action="${base}/open/request" aria-labelledby="form-title" novalidate>
  <fieldset>
    <legend>申请人信息</legend>
    ${select('申请人类型', 'applicantType', applicantOptions, values)}
    ${field('姓名或名称', 'applicantName', values, { required: true, autocomplete: 'name' })}
    ${field('联系人（法人或其他组织填写）', 'contactPerson', values)}
    ${select('证件类型', 'idType', idTypes, values)}
    ${field('证件号码', 'idNumber', values, { required: true, hint: '自然人填写身份证件号码，法人或其他组织填写统一社会信用代码' })}
    ${field('联系电话', 'phone', values, { type: 'tel', required: true, autocomplete: 'tel', hint: '查询办理进度时需输入联系电话后四位' })}
    ${field('电子邮箱', 'email', values, { type: 'email', autocomplete: 'email' })}
    ${field('通信地址', 'address', values, { autocomplete: 'street-address' })}
  </fieldset>
  <fieldset>
    <legend>所需信息</legend>
    <div class="field">
      <label for="f-description">所需政府信息的名称、文号或者便于查询的其他特征性描述<span class="req" aria-hidden="true">*</span></label>
      <textarea id="f-description" name="description" rows="6" required aria-required="true">${values.description ?? ''}</textarea>
    </div>
    ${field('用途（选填）', 'purpose', values)}
    ${select('获取信息的形式', 'requestedForm', requestedForms, values)}
    ${select('获取信息的方式', 'delivery', deliveries, values)}
  </fieldset>
  <fieldset>
    <legend>验证</legend>
    <div class="field">
      <label for="f-captcha">${captchaQuestion}<span class="req" aria-hidden="true">*</span></label>
      <input id="f-captcha" name="captchaAnswer" inputmode="numeric" autocomplete="off" required aria-required="true" value="">
      <input type="hidden" name="captchaToken" value="${captchaToken}">
    </div>
    <input type="hidden" name="idempotencyKey" value="${values.idempotencyKey ?? ''}">
    <div class="hp" aria-hidden="true"><label for="f-website">网址</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
  </fieldset>
  <p class="hint">您的身份信息和联系方式仅用于办理本申请，不会在网站上公开。</p>
  <button type="submit">提交申请</button>
</form>`,
  });
}

export function requestReceiptPage(agency: PortalAgency, queryCode: string, trackingHint: string): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '申请已提交',
    agency,
    active: 'request',
    body: html`<h1>申请已提交</h1>
<div class="notice" role="status">
  <p>您的政府信息公开申请已提交。请妥善保存查询码：</p>
  <p class="query-code" data-testid="query-code">${queryCode}</p>
  <p>通过互联网提交的申请，以双方确认之日为收到申请之日（条例第三十一条）。工作人员确认后，答复期限自次日起计算。</p>
  <p>查询办理进度时，请输入查询码和${trackingHint}。</p>
</div>
<p><a href="${base}/open/request/track?code=${encodeURIComponent(queryCode)}">查询办理进度 ›</a></p>`,
  });
}

export function trackingPage(agency: PortalAgency, query: { code?: string | undefined }, result: PublicTracking | null, error: string | null): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '办理进度查询',
    agency,
    active: 'request',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › <a href="${base}/open/request">依申请公开</a> › 办理进度查询</nav>
<h1>办理进度查询</h1>
<form class="request-form track-form" method="get" action="${base}/open/request/track">
  <div class="field"><label for="t-code">查询码</label><input id="t-code" name="code" value="${query.code ?? ''}" required autocomplete="off"></div>
  <div class="field"><label for="t-secret">联系电话后四位</label><input id="t-secret" name="secret" inputmode="numeric" maxlength="4" required autocomplete="off"><p class="hint">未留联系电话的，请输入证件号码后四位</p></div>
  <button type="submit">查询</button>
</form>
${error ? html`<div class="errors" role="alert"><p>${error}</p></div>` : ''}
${result ? trackingResult(result) : ''}`,
  });
}

function trackingResult(r: PublicTracking): SafeHtml {
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
${
  r.explanation.length
    ? html`<h3>期限计算说明</h3><ol class="steps">${r.explanation.map((s) => html`<li><strong>${s.label}</strong>：${s.detail}</li>`)}</ol>`
    : ''
}
<h3>办理记录</h3>
<ol class="timeline">${r.timeline.map((t) => html`<li><time datetime="${t.date}">${t.date}</time> ${t.label}</li>`)}</ol>
</section>`;
}
