/**
 * The portal's 意见征集 pages (互动交流): open consultations and ended ones, one consultation with
 * its draft, 起草说明, the shown comments, the comment form (whole draft or one article; the message
 * form's text-question captcha; every problem told next to its field) and, once published, the
 * 意见采纳情况 table. Works without JavaScript.
 */
import { html, type SafeHtml } from '../html.ts';
import { agencyBase, type PortalAgency } from './layout.ts';
import { errorSummary, field, textArea, type FieldErrors, type FormValues } from './request-pages.ts';
import { interactionBase, interactionPage } from './message-pages.ts';
import { consultationFieldLimits as L, feedbackColumns, type PublicConsultation } from '../../capabilities/consultations/contract.ts';
import type { PublicConsultationItem } from '../../capabilities/consultations/public.ts';

/** Styles beyond the message pages' (the draft's text and the feedback table). */
export const consultationCss = `.draft-text { white-space: pre-wrap; line-height: 1.9; border: 1px solid var(--line); padding: 12px 16px; background: #fcfcfc; }
.period { font-weight: 600; }
table.feedback { border-collapse: collapse; width: 100%; min-width: 560px; }
table.feedback th, table.feedback td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
table.feedback thead th { background: #f4f4f4; }
.comments { list-style: none; padding: 0; }
.comments li { border-bottom: 1px solid var(--line); padding: 8px 0; }
.comments .doc-meta { display: block; }
.request-form select { max-width: 100%; }
ul.consultation-list li { flex-wrap: wrap; }
ul.consultation-list .doc-meta { white-space: normal; }
`;

const assets = html`<link rel="stylesheet" href="/assets/consultation-pages.css">`;
export const consultationsBase = (agency: PortalAgency): string => `${interactionBase(agency)}/consultations`;

function itemList(agency: PortalAgency, items: readonly PublicConsultationItem[], empty: string): SafeHtml {
  if (!items.length) return html`<p class="empty">${empty}</p>`;
  const base = consultationsBase(agency);
  return html`<ul class="doc-list consultation-list">${items.map(
    (c) =>
      html`<li><a href="${base}/${String(c.id)}">${c.title}</a><span class="doc-meta">${c.kindLabel} · 征求意见期限 <time datetime="${c.startDate}">${c.startDate}</time> 至 <time datetime="${c.endDate}">${c.endDate}</time>${c.open ? '' : c.feedbackPublished ? ' · 已公布意见采纳情况' : ' · 已结束'}</span></li>`,
  )}</ul>`;
}

export function consultationsPage(agency: PortalAgency, list: { open: PublicConsultationItem[]; ended: PublicConsultationItem[] }): string {
  return interactionPage(
    agency,
    '意见征集',
    html`${assets}<h1>意见征集</h1>
<p class="intro">${agency.name}起草的规章、重大行政决策、行政规范性文件等在此公开征求意见。您可以针对全文或某一条提出意见，意见经审核后公开显示（姓名隐去），征集结束后公布意见采纳情况。</p>
<h2>正在征集</h2>
${itemList(agency, list.open, '目前没有正在征求意见的草案。')}
<h2>已结束的征集</h2>
${itemList(agency, list.ended, '暂无已结束的意见征集。')}`,
  );
}

const formOrder = ['article', 'body', 'name', 'phone', 'captchaAnswer'] as const;

export interface CommentFormState {
  values?: FormValues;
  errors?: FieldErrors;
  general?: string[];
  done?: boolean;
}

function articleSelect(articles: readonly string[], values: FormValues, errors: FieldErrors): SafeHtml {
  const problems = errors.article ?? [];
  return html`<div class="field${problems.length ? ' has-error' : ''}">
  <label for="f-article">针对的条款</label>
  <select id="f-article" name="article"${problems.length ? html` aria-invalid="true" aria-describedby="f-article-error"` : ''}>
    <option value="">全文</option>
    ${articles.map((a) => html`<option value="${a}"${values.article === a ? html` selected` : ''}>${a}</option>`)}
  </select>
  ${problems.length ? html`<p class="field-error" id="f-article-error">${problems.join('；')}</p>` : ''}
</div>`;
}

function commentForm(agency: PortalAgency, c: PublicConsultation, captcha: { question: string; token: string }, s: CommentFormState): SafeHtml {
  const values = s.values ?? {};
  const errors = s.errors ?? {};
  return html`<section aria-labelledby="cf-title">
<h2 id="cf-title">提出意见</h2>
${s.done ? html`<div class="notice" role="status" data-testid="comment-done"><p>您的意见已提交，经审核后公开显示。感谢您的参与！</p></div>` : ''}
${errorSummary(errors, s.general ?? [], formOrder)}
<form class="request-form" method="post" action="${consultationsBase(agency)}/${String(c.id)}" novalidate>
  ${articleSelect(c.articles, values, errors)}
  ${textArea('意见内容', 'body', values, errors, { required: true, maxLength: L.comment, rows: 6 })}
  ${field('姓名', 'name', values, errors, { required: true, autocomplete: 'name', maxLength: L.name, hint: '公开显示时姓名隐去，仅显示姓氏' })}
  ${field('联系电话（选填）', 'phone', values, errors, { type: 'tel', autocomplete: 'tel', maxLength: L.phone, hint: '仅供工作人员就您的意见与您联系，不公开' })}
  ${field(captcha.question, 'captchaAnswer', {}, errors, { required: true, inputMode: 'numeric', autocomplete: 'off' })}
  <input type="hidden" name="captchaToken" value="${captcha.token}">
  <div class="hp" aria-hidden="true"><label for="f-website">网址</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">提交意见</button>
</form>
</section>`;
}

function feedbackSection(c: PublicConsultation): SafeHtml {
  if (!c.feedback) return html``;
  return html`<section aria-labelledby="fb-title">
<h2 id="fb-title">意见采纳情况</h2>
<p>公布日期：<time datetime="${c.feedbackPublishedDate ?? ''}">${c.feedbackPublishedDate ?? ''}</time></p>
${
  c.feedback.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-label="意见采纳情况表（可左右滚动）"><table class="feedback" data-testid="feedback-table">
<thead><tr>${feedbackColumns.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${c.feedback.map((r) => html`<tr><td>${String(r.seq)}</td><td>${r.commenter}</td><td>${r.article ? html`（${r.article}）` : ''}${r.content}</td><td>${r.adoption}</td><td>${r.reason || '—'}</td></tr>`)}</tbody>
</table></div>`
    : html`<p>征求意见期间未收到意见。</p>`
}
</section>`;
}

export function consultationPage(agency: PortalAgency, c: PublicConsultation, captcha: { question: string; token: string } | null, form: CommentFormState = {}): string {
  return interactionPage(
    agency,
    c.title,
    html`${assets}<nav class="breadcrumb" aria-label="意见征集"><a href="${consultationsBase(agency)}">意见征集</a></nav>
<h1>${c.title}</h1>
<table class="meta">
  <tr><th scope="row">起草机关</th><td>${c.agency}</td></tr>
  <tr><th scope="row">草案类型</th><td>${c.kindLabel}</td></tr>
  <tr><th scope="row">征求意见期限</th><td class="period" data-testid="period">${c.startDate} 至 ${c.endDate}</td></tr>
  <tr><th scope="row">发布日期</th><td>${c.openedDate}</td></tr>
  ${c.shortPeriodReason ? html`<tr><th scope="row">缩短征求意见期限的理由</th><td>${c.shortPeriodReason}</td></tr>` : ''}
  ${c.contact ? html`<tr><th scope="row">其他提交意见的方式</th><td>${c.contact}</td></tr>` : ''}
  ${c.document ? html`<tr><th scope="row">正式文件</th><td><a href="${c.document.path}" data-testid="final-document">${c.document.title}</a></td></tr>` : ''}
</table>
${c.acceptsComments ? '' : html`<p class="notice">本次意见征集已结束${c.feedback ? '，意见采纳情况见下文' : '，意见采纳情况将在整理后公布'}。</p>`}
<h2>起草说明</h2>
<div class="message-text">${c.explanation}</div>
<h2>征求意见稿</h2>
<div class="draft-text">${c.draftText}</div>
${feedbackSection(c)}
<h2 id="shown-title">已公开的意见</h2>
${
  c.comments.length
    ? html`<ul class="comments" aria-labelledby="shown-title">${c.comments.map((x) => html`<li><span class="doc-meta">${x.name} · ${x.article ?? '全文'} · <time datetime="${x.receivedDate}">${x.receivedDate}</time></span>${x.body}</li>`)}</ul>`
    : html`<p class="empty">暂无公开的意见。</p>`
}
${c.acceptsComments && captcha ? commentForm(agency, c, captcha, form) : ''}
<p><a href="${agencyBase(agency)}/open/interaction">返回互动交流 ›</a></p>`,
  );
}
