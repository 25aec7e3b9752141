/**
 * The portal's 互动交流 column, writer's side: the mailboxes, the message form (every problem told
 * in one round next to its field, the request form's text-question captcha), the receipt with the
 * query code, tracking by POST (the code and the phone digits never in a URL) and the rating.
 * Works without JavaScript; the request form's script only adds the character counters.
 */
import { html, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import { errorSummary, field, requestFormAssets, textArea, type FieldErrors, type FormValues } from './request-pages.ts';
import { messageFieldLimits as L, messageKindLabels, ratingLabels, type MailboxDto, type MessageTracking, type PublishedReplyItem } from '../../capabilities/messages/contract.ts';
import { messageKinds, ratings } from '../../domain/messages/index.ts';

/** Radio groups, the statistics table and the reply's dates: small additions to the request form's styles. */
export const messageCss = `.choices, .request-form fieldset.choices { border: 0; padding: 0; margin: 10px 0; }
.choices legend { font-weight: 600; margin-bottom: 4px; padding: 0; }
.choices label { display: inline-flex; align-items: center; gap: 6px; margin: 4px 18px 4px 0; font-weight: normal; }
.choices input { width: auto; }
.mailboxes { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
.mailboxes li { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
.mailboxes h3 { margin: 0 0 6px; font-size: 1.1rem; }
.mailboxes p { margin: 4px 0; color: var(--muted); font-size: .9rem; }
.interaction-links { display: flex; flex-wrap: wrap; gap: 8px 24px; padding: 0; list-style: none; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table.stats { border-collapse: collapse; min-width: 640px; }
table.stats caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.stats th, table.stats td { border: 1px solid var(--line); padding: 6px 8px; text-align: right; white-space: nowrap; }
table.stats th[scope="row"], table.stats thead th { text-align: center; background: #f4f4f4; }
.reply-text { white-space: pre-wrap; line-height: 1.8; border-left: 4px solid var(--brand); padding: 4px 12px; background: #f7fbff; }
.message-text { white-space: pre-wrap; line-height: 1.8; }
.meta td { overflow-wrap: anywhere; }
`;

const assets = html`${requestFormAssets}<link rel="stylesheet" href="/assets/message-pages.css">`;

export const interactionBase = (agency: PortalAgency): string => `${agencyBase(agency)}/open/interaction`;

function crumbs(agency: PortalAgency, here?: string): SafeHtml {
  const base = agencyBase(agency);
  return html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › ${here ? html`<a href="${interactionBase(agency)}">互动交流</a> › ${here}` : '互动交流'}</nav>`;
}

/** A page of the column: the 互动交流 item of the column bar stays current. */
export const interactionPage = (agency: PortalAgency, title: string, body: SafeHtml): string =>
  portalPage({ title, agency, active: 'interaction', body: html`${assets}${crumbs(agency, title === '互动交流' ? undefined : title)}${body}` });

const limitsLine = (m: MailboxDto): string => messageKinds.map((k) => `${messageKindLabels[k]} ${m.limits[k]} 个工作日`).join('，');

export function interactionHome(agency: PortalAgency, mailboxes: MailboxDto[], latest: PublishedReplyItem[]): string {
  const base = interactionBase(agency);
  return interactionPage(
    agency,
    '互动交流',
    html`<h1>互动交流</h1>
<p class="intro">您可以通过下列信箱向${agency.name}咨询、提出建议、投诉或求助。工作人员按答复时限（工作日）办理，答复经审核批准后，经您同意可在本栏目公开（姓名隐去）。</p>
<ul class="interaction-links">
  <li><a href="${base}/track">查询留言办理情况 ›</a></li>
  <li><a href="${base}/replies">已公开的留言答复 ›</a></li>
  <li><a href="${base}/statistics">留言办理统计 ›</a></li>
  <li><a href="${base}/surveys">问卷调查 ›</a></li>
  <li><a href="${base}/consultations">意见征集 ›</a></li>
  <li><a href="${base}/interviews">在线访谈 ›</a></li>
</ul>
<h2 id="mb-title">信箱</h2>
${
  mailboxes.length
    ? html`<ul class="mailboxes" aria-labelledby="mb-title">${mailboxes.map(
        (m) => html`<li><h3>${m.name}</h3>${m.description ? html`<p>${m.description}</p>` : ''}<p>答复时限：${limitsLine(m)}</p><p><a href="${base}/mailbox/${String(m.id)}">给${m.name}写信 ›</a></p></li>`,
      )}</ul>`
    : html`<p class="empty">本机关暂未开设网上信箱。</p>`
}
<h2>最新公开的答复</h2>
${replyList(agency, latest)}`,
  );
}

/** Published replies as a list (the column's home and the replies page). */
export function replyList(agency: PortalAgency, items: readonly PublishedReplyItem[]): SafeHtml {
  if (items.length === 0) return html`<p class="empty">暂无公开的留言答复。</p>`;
  const base = interactionBase(agency);
  return html`<ul class="doc-list">${items.map(
    (r) => html`<li><a href="${base}/replies/${String(r.id)}">${r.title}</a><span class="doc-meta">${r.kindLabel} · ${r.replyAgency} · 答复于 <time datetime="${r.replyDate}">${r.replyDate}</time></span></li>`,
  )}</ul>`;
}

const formOrder = ['kind', 'title', 'body', 'name', 'phone', 'email', 'address', 'consentToPublish', 'captchaAnswer'] as const;

/** A group of radio buttons; the first one carries the id the error summary links to. */
export function choices(legend: string, name: string, options: Record<string, string>, values: FormValues, errors: FieldErrors): SafeHtml {
  const problems = errors[name] ?? [];
  const errId = `f-${name}-error`;
  return html`<fieldset class="choices${problems.length ? ' has-error' : ''}"${problems.length ? html` aria-describedby="${errId}"` : ''}>
  <legend>${legend}<span class="req" aria-hidden="true">*</span></legend>
  ${Object.entries(options).map(
    ([value, text], i) =>
      html`<label><input type="radio" name="${name}" value="${value}"${i === 0 ? html` id="f-${name}"` : ''}${values[name] === value ? html` checked` : ''} required${problems.length ? html` aria-invalid="true"` : ''}> ${text}</label>`,
  )}
  ${problems.length ? html`<p class="field-error" id="${errId}">${problems.join('；')}</p>` : ''}
</fieldset>`;
}

export function messageFormPage(agency: PortalAgency, mailbox: MailboxDto, values: FormValues, captchaQuestion: string, captchaToken: string, errors: FieldErrors = {}, general: string[] = []): string {
  const base = interactionBase(agency);
  return interactionPage(
    agency,
    mailbox.name,
    html`<h1>给${mailbox.name}写信</h1>
<p class="intro">答复时限：${limitsLine(mailbox)}，自收到留言之日起计算。依申请公开政府信息请通过<a href="${agencyBase(agency)}/open/request">依申请公开</a>提出；信访事项请通过信访渠道反映。</p>
${errorSummary(errors, general, formOrder)}
<form class="request-form" method="post" action="${base}/mailbox/${String(mailbox.id)}" aria-labelledby="form-title" novalidate>
  <h2 id="form-title" class="visually-hidden">留言表单</h2>
  <fieldset>
    <legend>留言内容</legend>
    ${choices('留言类型', 'kind', messageKindLabels, values, errors)}
    ${field('标题', 'title', values, errors, { required: true, maxLength: L.titleMax, hint: `${L.titleMin} 至 ${L.titleMax} 个字` })}
    ${textArea('内容', 'body', values, errors, { required: true, maxLength: L.body, rows: 8 })}
  </fieldset>
  <fieldset>
    <legend>联系方式</legend>
    ${field('姓名', 'name', values, errors, { required: true, autocomplete: 'name', maxLength: L.name })}
    ${field('联系电话', 'phone', values, errors, { type: 'tel', required: true, autocomplete: 'tel', maxLength: L.phone, hint: '查询办理情况时需输入联系电话后四位' })}
    ${field('电子邮箱（选填）', 'email', values, errors, { type: 'email', autocomplete: 'email', maxLength: L.email })}
    ${field('通信地址（选填）', 'address', values, errors, { autocomplete: 'street-address', maxLength: L.address })}
  </fieldset>
  <fieldset>
    <legend>公开与验证</legend>
    ${choices('是否同意公开您的留言和答复（姓名隐去，联系方式不公开）', 'consentToPublish', { yes: '同意公开', no: '不同意公开' }, values, errors)}
    ${field(captchaQuestion, 'captchaAnswer', {}, errors, { required: true, inputMode: 'numeric', autocomplete: 'off' })}
    <input type="hidden" name="captchaToken" value="${captchaToken}">
    <div class="hp" aria-hidden="true"><label for="f-website">网址</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
  </fieldset>
  <p class="hint">您的联系方式仅用于办理本留言，不会在网站上公开。</p>
  <button type="submit">提交留言</button>
</form>`,
  );
}

export function messageReceiptPage(agency: PortalAgency, queryCode: string): string {
  const base = interactionBase(agency);
  return interactionPage(
    agency,
    '留言已提交',
    html`<h1>留言已提交</h1>
<div class="notice" role="status">
  <p>您的留言已提交。请妥善保存查询码：</p>
  <p class="query-code" data-testid="query-code">${queryCode}</p>
  <p>查询办理情况时，请输入查询码和联系电话后四位。答复期限自收到留言之日起按工作日计算。</p>
</div>
<p><a href="${base}/track">查询办理情况 ›</a></p>`,
  );
}

export interface MessageTrackingState {
  code?: string | undefined;
  /** Only after the pair was accepted: the rating form sends it again. */
  secret?: string | undefined;
  result?: MessageTracking | undefined;
  error?: string | undefined;
  done?: string | undefined;
  rating?: { values: FormValues; errors: FieldErrors } | undefined;
}

export function messageTrackingPage(agency: PortalAgency, state: MessageTrackingState): string {
  const base = interactionBase(agency);
  const r = state.result;
  return interactionPage(
    agency,
    '留言办理情况查询',
    html`<h1>留言办理情况查询</h1>
<form class="request-form track-form" method="post" action="${base}/track">
  <div class="field"><label for="t-code">查询码</label><input id="t-code" name="code" value="${state.code ?? ''}" required autocomplete="off" maxlength="40"></div>
  <div class="field"><label for="t-secret">联系电话后四位</label><input id="t-secret" name="secret" inputmode="numeric" maxlength="4" required autocomplete="off"></div>
  <button type="submit">查询</button>
</form>
${state.error ? html`<div class="errors" role="alert"><p>${state.error}</p></div>` : ''}
${state.done ? html`<div class="notice" role="status" data-testid="rating-done"><p>${state.done}</p></div>` : ''}
${r ? trackingResult(base, r, state) : ''}`,
  );
}

function trackingResult(base: string, r: MessageTracking, state: MessageTrackingState): SafeHtml {
  return html`<section class="tracking" aria-labelledby="tr-title">
<h2 id="tr-title">查询结果</h2>
<table class="meta">
  <tr><th scope="row">查询码</th><td>${r.queryCode}</td></tr>
  <tr><th scope="row">标题</th><td>${r.title}</td></tr>
  <tr><th scope="row">留言类型</th><td>${r.kindLabel}</td></tr>
  <tr><th scope="row">办理机关</th><td>${r.agency}</td></tr>
  <tr><th scope="row">收到留言之日</th><td>${r.receivedDate}</td></tr>
  <tr><th scope="row">办理状态</th><td data-testid="tracking-status">${r.phaseLabel}</td></tr>
  ${r.replyDue ? html`<tr><th scope="row">答复期限</th><td data-testid="tracking-due">${r.replyDue}</td></tr>` : ''}
  ${r.rejectionReason ? html`<tr><th scope="row">不予受理理由</th><td>${r.rejectionReason}</td></tr>` : ''}
  ${r.convertedRequestCode ? html`<tr><th scope="row">已转为依申请公开</th><td>申请查询码 ${r.convertedRequestCode}（请在<a href="${base.replace(/\/interaction$/, '/request/track')}">依申请公开办理进度</a>中查询）</td></tr>` : ''}
  ${r.ratingLabel ? html`<tr><th scope="row">评价</th><td data-testid="tracking-rating">${r.ratingLabel}</td></tr>` : ''}
</table>
${r.petitionNotice ? html`<div class="notice" data-testid="petition-notice"><h3>信访事项告知</h3><p>${r.petitionNotice}</p></div>` : ''}
${r.dueExplanation.length ? html`<h3>答复期限计算说明</h3><ol class="steps">${r.dueExplanation.map((s) => html`<li><strong>${s.label}</strong>：${s.detail}</li>`)}</ol>` : ''}
${r.reply ? html`<h3>答复（${r.reply.date}）</h3><div class="reply-text" data-testid="tracking-reply">${r.reply.text}</div>` : ''}
${r.rateBy ? ratingForm(base, r, state) : ''}
</section>`;
}

function ratingForm(base: string, r: MessageTracking, state: MessageTrackingState): SafeHtml {
  const s = state.rating ?? { values: {}, errors: {} };
  return html`<section class="reply" aria-labelledby="rate-title">
<h3 id="rate-title">评价答复</h3>
<p>请于 ${r.rateBy ?? ''} 前（含当日）评价；逾期未评价的，视为满意。</p>
${errorSummary(s.errors, [], ['rating', 'comment'])}
<form class="request-form" method="post" action="${base}/rate" novalidate>
  <input type="hidden" name="code" value="${r.queryCode}"><input type="hidden" name="secret" value="${state.secret ?? ''}">
  ${choices('您对答复是否满意', 'rating', Object.fromEntries(ratings.map((k) => [k, ratingLabels[k]])), s.values, s.errors)}
  ${textArea('意见（选填）', 'comment', s.values, s.errors, { maxLength: 500, rows: 3 })}
  <button type="submit">提交评价</button>
</form>
</section>`;
}
