/**
 * The portal's 问卷调查 pages under 互动交流: the list (open surveys, published results), a survey's
 * form (radio buttons, check boxes, the 1–5 rating as radio buttons, text areas, the request
 * form's text-question captcha; every problem in one round next to its question), the thanks page,
 * and the published results: counts and shares only, with bars drawn in CSS and the figures in
 * text. The words of free-text answers never appear here.
 */
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, field, type FieldErrors } from './request-pages.ts';
import { interactionBase, interactionPage } from './message-pages.ts';
import type { PortalAgency } from './layout.ts';
import { percent, questionKindLabels, RATING_MAX, surveyLimits, type PublicSurvey, type PublishedSurveyResults, type SurveyListItem } from '../../capabilities/surveys/contract.ts';

/** The form's values as posted: a check-box group gives several. */
export type SurveyFormValues = Record<string, string | string[] | undefined>;

export const surveyCss = `.survey-q { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.survey-q legend { font-weight: 600; padding: 0 4px; }
.survey-q label { display: flex; align-items: flex-start; gap: 8px; margin: 6px 0; font-weight: normal; }
.survey-q label input { width: auto; margin-top: 4px; }
.survey-q.has-error { border-color: #b3261e; }
.survey-q .rating { display: flex; flex-wrap: wrap; gap: 4px 18px; }
.survey-q textarea { width: 100%; box-sizing: border-box; }
.survey-meta { color: var(--muted); overflow-wrap: anywhere; }
.result-bars { list-style: none; padding: 0; margin: 8px 0 16px; }
.result-bars li { margin: 6px 0; }
.result-bars .bar { display: block; height: 12px; background: var(--brand); border-radius: 2px; min-width: 2px; }
.result-bars .figure { font-size: .9rem; color: var(--muted); }
`;

const assets = html`<link rel="stylesheet" href="/assets/survey-pages.css">`;
export const surveysBase = (agency: PortalAgency): string => `${interactionBase(agency)}/surveys`;
const fieldName = (key: string): string => `q_${key}`;
const period = (s: { startDate: string; endDate: string }): SafeHtml => html`<time datetime="${s.startDate}">${s.startDate}</time> 至 <time datetime="${s.endDate}">${s.endDate}</time>`;

export function surveysHome(agency: PortalAgency, lists: { open: SurveyListItem[]; published: SurveyListItem[] }): string {
  const base = surveysBase(agency);
  return interactionPage(
    agency,
    '问卷调查',
    html`${assets}<h1>问卷调查</h1>
<p class="intro">${agency.name}通过问卷了解群众最关心的公开内容和意见建议。每份问卷每人只能填写一次；调查结束后公布汇总结果，个人填写的文字内容不公开。</p>
<h2>正在进行的调查</h2>
${
  lists.open.length
    ? html`<ul class="doc-list">${lists.open.map((s) => html`<li><a href="${base}/${String(s.id)}">${s.title}</a><span class="doc-meta">调查时间 ${period(s)}</span></li>`)}</ul>`
    : html`<p class="empty">目前没有正在进行的问卷调查。</p>`
}
<h2>调查结果</h2>
${
  lists.published.length
    ? html`<ul class="doc-list">${lists.published.map((s) => html`<li><a href="${base}/${String(s.id)}/results">${s.title}</a><span class="doc-meta">共 ${String(s.responses)} 份答卷 · 公布于 <time datetime="${s.publishedDate ?? ''}">${s.publishedDate ?? ''}</time></span></li>`)}</ul>`
    : html`<p class="empty">暂无公布的调查结果。</p>`
}`,
  );
}

const has = (v: string | string[] | undefined, x: string): boolean => (Array.isArray(v) ? v.includes(x) : v === x);

function questionBlock(q: PublicSurvey['questions'][number], i: number, values: SurveyFormValues, errors: FieldErrors): SafeHtml {
  const name = fieldName(q.key);
  const problems = errors[name] ?? [];
  const errId = `f-${name}-error`;
  const invalid = problems.length ? html` aria-invalid="true"` : '';
  const req = q.required ? html`<span class="req" aria-hidden="true">*</span><span class="visually-hidden">（必答）</span>` : html`<span class="hint">（选答）</span>`;
  const legend = html`<legend>${String(i + 1)}. ${q.title}${req} <span class="hint">${questionKindLabels[q.kind]}</span></legend>`;
  const errorLine = problems.length ? html`<p class="field-error" id="${errId}">${problems.join('；')}</p>` : '';
  const described = problems.length ? html` aria-describedby="${errId}"` : '';
  let control: SafeHtml;
  if (q.kind === 'text') {
    const v = values[name];
    control = html`<label class="visually-hidden" for="f-${name}">${q.title}</label><textarea id="f-${name}" name="${name}" rows="4" maxlength="${String(surveyLimits.text)}"${invalid}${described}>${typeof v === 'string' ? v : ''}</textarea>`;
  } else {
    const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
    const options = q.kind === 'rating' ? Array.from({ length: RATING_MAX }, (_, k) => [String(k + 1), `${k + 1} 分${k === 0 ? '（最低）' : k === RATING_MAX - 1 ? '（最高）' : ''}`] as const) : q.options.map((o, k) => [String(k), o] as const);
    control = html`<div${q.kind === 'rating' ? html` class="rating"` : ''}>${options.map(
      ([value, text], k) => html`<label><input type="${type}" name="${name}" value="${value}"${k === 0 ? html` id="f-${name}"` : ''}${has(values[name], value) ? html` checked` : ''}${invalid}> ${text}</label>`,
    )}</div>`;
  }
  return html`<fieldset class="survey-q${problems.length ? ' has-error' : ''}"${q.kind === 'text' ? '' : described}>${legend}${control}${errorLine}</fieldset>`;
}

export function surveyFormPage(agency: PortalAgency, survey: PublicSurvey, values: SurveyFormValues, captcha: { question: string; token: string } | null, errors: FieldErrors = {}, general: string[] = []): string {
  const base = surveysBase(agency);
  const order = [...survey.questions.map((q) => fieldName(q.key)), 'captchaAnswer'];
  return interactionPage(
    agency,
    survey.title,
    html`${assets}<h1>${survey.title}</h1>
<p class="survey-meta">调查时间 ${period(survey)}</p>
${survey.description ? html`<p class="intro">${survey.description}</p>` : ''}
${
  survey.refusal || !captcha
    ? html`<div class="notice" role="status"><p>${survey.refusal ?? '该问卷暂不接受答卷'}</p></div><p><a href="${base}">‹ 返回问卷调查</a></p>`
    : html`${errorSummary(errors, general, order)}
<form class="request-form" method="post" action="${base}/${String(survey.id)}" aria-label="${survey.title}" novalidate>
  ${survey.questions.map((q, i) => questionBlock(q, i, values, errors))}
  <fieldset>
    <legend>验证</legend>
    ${field(captcha.question, 'captchaAnswer', {}, errors, { required: true, inputMode: 'numeric', autocomplete: 'off' })}
    <input type="hidden" name="captchaToken" value="${captcha.token}">
    <div class="hp" aria-hidden="true"><label for="f-website">网址</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
  </fieldset>
  <p class="hint">带 * 的题目必答。问卷不收集姓名和联系方式；为保证每人只答一次，本站在您的浏览器中保存一个随机标识（Cookie）。</p>
  <button type="submit">提交问卷</button>
</form>`
}`,
  );
}

export function surveyThanksPage(agency: PortalAgency, survey: { title: string }): string {
  return interactionPage(
    agency,
    '问卷已提交',
    html`<h1>问卷已提交</h1>
<div class="notice" role="status"><p>感谢您参加“${survey.title}”。调查结束后，汇总结果将在本栏目公布。</p></div>
<p><a href="${surveysBase(agency)}">‹ 返回问卷调查</a></p>`,
  );
}

export function surveyResultsPage(agency: PortalAgency, r: PublishedSurveyResults): string {
  return interactionPage(
    agency,
    `${r.title} · 调查结果`,
    html`${assets}<h1>${r.title}：调查结果</h1>
<p class="survey-meta">调查时间 ${period(r)} · 共收到 ${String(r.results.responses)} 份答卷 · 公布于 <time datetime="${r.publishedDate}">${r.publishedDate}</time></p>
${r.description ? html`<p class="intro">${r.description}</p>` : ''}
<p class="hint">以下为汇总数字；百分比为选择该项的人数占回答该题人数的比例（多选题合计可超过 100%）。文字题只公布回答人数，具体内容不公开。</p>
${r.results.questions.map(
  (q, i) => html`<section aria-labelledby="rq-${String(i)}"><h2 id="rq-${String(i)}">${String(i + 1)}. ${q.title}</h2>
<p class="survey-meta">${questionKindLabels[q.kind]} · ${String(q.answered)} 人回答${q.average !== null ? html` · 平均 ${q.average.toFixed(1)} 分（满分 ${String(RATING_MAX)} 分）` : ''}</p>
${
  q.kind === 'text'
    ? html`<p>共 ${String(q.answered)} 人填写了意见，工作人员已逐条阅研。</p>`
    : html`<ul class="result-bars">${q.labels.map((label, k) => {
        const share = percent(q.counts[k]!, q.answered);
        return html`<li>${label}：<strong>${String(q.counts[k]!)}</strong> 人 <span class="figure">（${share.toFixed(1)}%）</span><span class="bar" style="width:${String(share)}%" aria-hidden="true"></span></li>`;
      })}</ul>`
}</section>`,
)}
<p><a href="${surveysBase(agency)}">‹ 返回问卷调查</a></p>`,
  );
}
