/**
 * The portal's 在线访谈 pages (互动交流): upcoming interviews with the question form (the request
 * form's text-question captcha, every problem next to its field), past ones with the published
 * transcript and the questions answered on air. Works without JavaScript.
 */
import { html, type SafeHtml } from '../html.ts';
import type { PortalAgency } from './layout.ts';
import { errorSummary, field, textArea, type FieldErrors, type FormValues } from './request-pages.ts';
import { choices, interactionBase, interactionPage } from './message-pages.ts';
import { interviewLimits as L, UNANSWERED_REPLY_WORKING_DAYS, type PublicInterview } from '../../capabilities/interviews/contract.ts';

const listItem = (agency: PortalAgency, i: PublicInterview): SafeHtml =>
  // Each part its own nowrap span, so a narrow screen wraps between them and never inside one.
  html`<li><a href="${interactionBase(agency)}/interviews/${String(i.id)}">${i.topic}</a> <span class="doc-meta">访谈时间 ${i.startsAt}</span> ${i.guests.map((g) => html`<span class="doc-meta">${g}</span> `)}${i.upcoming ? html`<span class="doc-meta">正在征集问题</span>` : i.transcript ? html`<span class="doc-meta">已公开实录</span>` : ''}</li>`;

export function interviewListPage(agency: PortalAgency, list: { upcoming: PublicInterview[]; past: PublicInterview[] }): string {
  return interactionPage(
    agency,
    '在线访谈',
    html`<h1>在线访谈</h1>
<p class="intro">访谈前征集网民问题；访谈中未能答复的问题转为留言办理，自访谈之日起 ${String(UNANSWERED_REPLY_WORKING_DAYS)} 个工作日内答复。</p>
<h2>访谈预告</h2>
${list.upcoming.length ? html`<ul class="doc-list">${list.upcoming.map((i) => listItem(agency, i))}</ul>` : html`<p class="empty">暂无访谈预告。</p>`}
<h2>往期访谈</h2>
${list.past.length ? html`<ul class="doc-list">${list.past.map((i) => listItem(agency, i))}</ul>` : html`<p class="empty">暂无往期访谈。</p>`}`,
  );
}

const formOrder = ['name', 'phone', 'body', 'consentToPublish', 'captchaAnswer'] as const;

export interface QuestionFormState {
  values: FormValues;
  errors: FieldErrors;
  general: string[];
  captchaQuestion: string;
  captchaToken: string;
  done?: boolean;
}

function questionForm(agency: PortalAgency, i: PublicInterview, s: QuestionFormState): SafeHtml {
  return html`<h2 id="q-title">我要提问</h2>
${s.done ? html`<div class="notice" role="status" data-testid="question-done"><p>您的问题已提交，访谈中将择要答复；未能答复的将转为留言，在 ${String(UNANSWERED_REPLY_WORKING_DAYS)} 个工作日内答复。</p></div>` : ''}
${errorSummary(s.errors, s.general, formOrder)}
<form class="request-form" method="post" action="${interactionBase(agency)}/interviews/${String(i.id)}" aria-labelledby="q-title" novalidate>
  ${textArea('问题内容', 'body', s.values, s.errors, { required: true, maxLength: L.question, rows: 5 })}
  ${field('姓名', 'name', s.values, s.errors, { required: true, autocomplete: 'name', maxLength: L.name })}
  ${field('联系电话', 'phone', s.values, s.errors, { type: 'tel', required: true, autocomplete: 'tel', maxLength: 20, hint: '问题转为留言办理时用于联系您，不会公开' })}
  ${choices('是否同意公开您的问题和答复（姓名隐去，联系方式不公开）', 'consentToPublish', { yes: '同意公开', no: '不同意公开' }, s.values, s.errors)}
  ${field(s.captchaQuestion, 'captchaAnswer', {}, s.errors, { required: true, inputMode: 'numeric', autocomplete: 'off' })}
  <input type="hidden" name="captchaToken" value="${s.captchaToken}">
  <div class="hp" aria-hidden="true"><label for="f-website">网址</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">提交问题</button>
</form>`;
}

function pastPart(i: PublicInterview): SafeHtml {
  return html`${
    i.transcript
      ? html`<h2>访谈实录</h2><div class="message-text" data-testid="transcript">${i.transcript}</div>`
      : html`<p class="empty">访谈实录正在整理，整理后在此公开。</p>`
  }
${i.answered.length ? html`<h2>网民提问与答复</h2><ol class="steps">${i.answered.map((a) => html`<li><p><strong>${a.asker}</strong>：${a.body}</p>${a.answer ? html`<p class="reply-text">${a.answer}</p>` : ''}</li>`)}</ol>` : ''}
${i.convertedCount ? html`<p class="hint">另有 ${String(i.convertedCount)} 个问题未在访谈中答复，已转为留言办理，自访谈之日起 ${String(UNANSWERED_REPLY_WORKING_DAYS)} 个工作日内答复。</p>` : ''}`;
}

export function interviewPage(agency: PortalAgency, i: PublicInterview, form: QuestionFormState | null): string {
  return interactionPage(
    agency,
    i.topic,
    html`<h1>${i.topic}</h1>
<table class="meta">
  <tr><th scope="row">访谈时间</th><td>${i.startsAt}</td></tr>
  <tr><th scope="row">访谈嘉宾</th><td>${i.guests.join('；')}</td></tr>
</table>
${i.description ? html`<div class="message-text">${i.description}</div>` : ''}
${i.upcoming && form ? questionForm(agency, i, form) : pastPart(i)}
<p><a href="${interactionBase(agency)}/interviews">‹ 全部访谈</a></p>`,
  );
}
