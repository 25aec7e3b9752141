import { html, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import { requestFieldLimits, requestFields } from '../../capabilities/requests/validation.ts';
import { deliveries, idTypes, requestedForms } from '../../services/requests.ts';
import { applicantTypeLabels, applicantTypes } from '../../domain/requests/outcomes.ts';

export type FormValues = Record<string, string | undefined>;
/** Each field's problems, as the server found them in one round. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** The small stylesheet and script of the request forms (error marks, counters); the page works without the script. */
export const requestFormAssets = html`<link rel="stylesheet" href="/assets/request-form.css"><script src="/assets/request-form.js" defer></script>`;

interface FieldOptions {
  type?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  maxLength?: number;
  inputMode?: string;
}

/**
 * A field's label, control and what it needs described: the hint, the counter of an input with a
 * maximum length, and each problem found, so a screen reader reads them with the field.
 */
function described(id: string, errors: FieldErrors, name: string, opts: FieldOptions): { attrs: SafeHtml; after: SafeHtml } {
  const problems = errors[name] ?? [];
  const ids = [...(problems.length ? [`${id}-error`] : []), ...(opts.hint ? [`${id}-hint`] : []), ...(opts.maxLength ? [`${id}-count`] : [])];
  return {
    attrs: html`${opts.required ? html` required aria-required="true"` : ''}${problems.length ? html` aria-invalid="true"` : ''}${ids.length ? html` aria-describedby="${ids.join(' ')}"` : ''}${opts.maxLength ? html` maxlength="${String(opts.maxLength)}"` : ''}${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${opts.inputMode ? html` inputmode="${opts.inputMode}"` : ''}`,
    after: html`${problems.length ? html`<p class="field-error" id="${id}-error">${problems.join('；')}</p>` : ''}${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}${opts.maxLength ? html`<p class="hint counter" id="${id}-count" data-max="${String(opts.maxLength)}">最多 ${String(opts.maxLength)} 字</p>` : ''}`,
  };
}

/** The control's id; the captcha keeps the id its label has always had. */
const idOf = (name: string): string => (name === 'captchaAnswer' ? 'f-captcha' : `f-${name}`);

const labelOf = (label: string, required: boolean | undefined): SafeHtml => html`${label}${required ? html`<span class="req" aria-hidden="true">*</span>` : ''}`;

export function field(label: string, name: string, values: FormValues, errors: FieldErrors, opts: FieldOptions = {}): SafeHtml {
  const id = idOf(name);
  const d = described(id, errors, name, opts);
  return html`<div class="field${errors[name] ? ' has-error' : ''}">
  <label for="${id}">${labelOf(label, opts.required)}</label>
  <input id="${id}" name="${name}" type="${opts.type ?? 'text'}" value="${values[name] ?? ''}"${d.attrs}>
  ${d.after}
</div>`;
}

export function textArea(label: string, name: string, values: FormValues, errors: FieldErrors, opts: FieldOptions & { rows?: number } = {}): SafeHtml {
  const id = idOf(name);
  const d = described(id, errors, name, opts);
  return html`<div class="field${errors[name] ? ' has-error' : ''}">
  <label for="${id}">${labelOf(label, opts.required)}</label>
  <textarea id="${id}" name="${name}" rows="${String(opts.rows ?? 6)}"${d.attrs}>${values[name] ?? ''}</textarea>
  ${d.after}
</div>`;
}

function select(label: string, name: string, options: Record<string, string>, values: FormValues, errors: FieldErrors, required = true): SafeHtml {
  const id = idOf(name);
  const d = described(id, errors, name, { required });
  return html`<div class="field${errors[name] ? ' has-error' : ''}">
  <label for="${id}">${labelOf(label, required)}</label>
  <select id="${id}" name="${name}"${d.attrs}>
    <option value="">${required ? '（请选择）' : '（不填）'}</option>
    ${Object.entries(options).map(([value, text]) => html`<option value="${value}"${values[name] === value ? html` selected` : ''}>${text}</option>`)}
  </select>
  ${d.after}
</div>`;
}

/** The list of problems above a form, each linking to its field. */
export function errorSummary(errors: FieldErrors, general: string[], order: readonly string[]): SafeHtml {
  const fields = order.filter((f) => errors[f]?.length);
  if (!fields.length && !general.length) return html``;
  return html`<div class="errors" role="alert" tabindex="-1" id="form-errors"><p>提交未成功，请修改以下内容：</p><ul>${general.map((e) => html`<li>${e}</li>`)}${fields.flatMap((f) => errors[f]!.map((e) => html`<li><a href="#${idOf(f)}">${e}</a></li>`))}</ul></div>`;
}

const applicantOptions = Object.fromEntries(
  applicantTypes.map((t) => [t, t === 'natural_person' ? '自然人' : `法人或其他组织 — ${applicantTypeLabels[t]}`]),
);

const formOrder = [...requestFields, 'captchaAnswer'] as const;
const L = requestFieldLimits;

export function requestColumnPage(agency: PortalAgency, values: FormValues, captchaQuestion: string, captchaToken: string, errors: FieldErrors = {}, general: string[] = []): string {
  const base = agencyBase(agency);
  return portalPage({
    title: '依申请公开',
    agency,
    active: 'request',
    body: html`${requestFormAssets}<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › 依申请公开</nav>
<h1>依申请公开</h1>
<p class="intro">公民、法人或者其他组织可以向${agency.name}申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。本机关自收到申请之日起 20 个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。</p>
<p><a href="${base}/open/request/track">已提交申请？查询办理进度 ›</a></p>
<h2 id="form-title">在线提交申请</h2>
${errorSummary(errors, general, formOrder)}
<form class="request-form" method="post" action="${base}/open/request" aria-labelledby="form-title" novalidate>
  <fieldset>
    <legend>申请人信息</legend>
    ${select('申请人类型', 'applicantType', applicantOptions, values, errors)}
    ${field('姓名或名称', 'applicantName', values, errors, { required: true, autocomplete: 'name', maxLength: L.applicantName })}
    ${field('联系人（法人或其他组织填写）', 'contactPerson', values, errors, { maxLength: L.contactPerson })}
    ${select('证件类型', 'idType', idTypes, values, errors)}
    ${field('证件号码', 'idNumber', values, errors, { required: true, hint: '自然人填写身份证件号码，法人或其他组织填写统一社会信用代码', maxLength: L.idNumber })}
    ${field('联系电话', 'phone', values, errors, { type: 'tel', required: true, autocomplete: 'tel', hint: '查询办理进度时需输入联系电话后四位', maxLength: L.phone })}
    ${field('电子邮箱', 'email', values, errors, { type: 'email', autocomplete: 'email', maxLength: L.email })}
    ${field('通信地址', 'address', values, errors, { autocomplete: 'street-address', maxLength: L.address })}
  </fieldset>
  <fieldset>
    <legend>所需信息</legend>
    ${textArea('所需政府信息的名称、文号或者便于查询的其他特征性描述', 'description', values, errors, { required: true, maxLength: L.description })}
    ${field('用途（选填）', 'purpose', values, errors, { maxLength: L.purpose })}
    ${select('获取信息的形式', 'requestedForm', requestedForms, values, errors)}
    ${select('获取信息的方式', 'delivery', deliveries, values, errors)}
  </fieldset>
  <fieldset>
    <legend>验证</legend>
    ${field(captchaQuestion, 'captchaAnswer', {}, errors, { required: true, inputMode: 'numeric', autocomplete: 'off' })}
    <input type="hidden" name="captchaToken" value="${captchaToken}">
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
