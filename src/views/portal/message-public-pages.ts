/**
 * The portal's 互动交流 column, public side: the published replies (searchable), one reply with
 * 留言时间, 受理日期, 答复日期, 答复单位 and the reply, and the statistics by month and year.
 */
import { html, type SafeHtml } from '../html.ts';
import type { PortalAgency } from './layout.ts';
import { interactionBase, interactionPage, replyList } from './message-pages.ts';
import type { MessagePeriodStats, PublishedReply } from '../../capabilities/messages/contract.ts';

function pager(path: string, q: string, page: number, total: number, pageSize: number): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const link = (p: number) => `${path}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return html`<nav class="pager" aria-label="分页">
  ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">上一页</a>` : ''}
  <span>第 ${page} / ${pages} 页，共 ${total} 条</span>
  ${page < pages ? html`<a href="${link(page + 1)}" rel="next">下一页</a>` : ''}
</nav>`;
}

export function repliesPage(agency: PortalAgency, q: string, page: number, pageSize: number, result: { total: number; items: PublishedReply[] }): string {
  const path = `${interactionBase(agency)}/replies`;
  return interactionPage(
    agency,
    '留言答复',
    html`<h1>留言答复</h1>
<p class="intro">经留言人同意公开的留言及答复。留言人姓名已隐去，联系方式不公开。</p>
<form class="search-box" role="search" action="${path}" method="get">
  <label for="rq">查找答复</label>
  <input id="rq" name="q" type="search" value="${q}" maxlength="256" placeholder="请输入关键词，多个关键词用空格分隔">
  <button type="submit">查找</button>
</form>
<p class="result-count" role="status">${q ? `找到 ${result.total} 条答复` : `共 ${result.total} 条答复`}</p>
${replyList(agency, result.items)}
${pager(path, q, page, result.total, pageSize)}`,
  );
}

export function replyPage(agency: PortalAgency, r: PublishedReply): string {
  return interactionPage(
    agency,
    r.title,
    html`<h1>${r.title}</h1>
<table class="meta" data-testid="reply-meta">
  <caption class="visually-hidden">留言及答复信息</caption>
  <tr><th scope="row">留言类型</th><td>${r.kindLabel}</td></tr>
  <tr><th scope="row">留言人</th><td>${r.writer}</td></tr>
  <tr><th scope="row">留言时间</th><td>${r.receivedDate}</td></tr>
  <tr><th scope="row">受理日期</th><td>${r.acceptedDate ?? '—'}</td></tr>
  <tr><th scope="row">答复日期</th><td>${r.replyDate}</td></tr>
  <tr><th scope="row">答复单位</th><td>${r.replyAgency}</td></tr>
  ${r.ratingLabel ? html`<tr><th scope="row">留言人评价</th><td>${r.ratingLabel}</td></tr>` : ''}
</table>
<h2>留言内容</h2>
<div class="message-text">${r.body}</div>
<h2>答复内容</h2>
<div class="reply-text" data-testid="reply-text">${r.reply}</div>
<p><a href="${interactionBase(agency)}/replies">‹ 返回留言答复</a></p>`,
  );
}

const num = (n: number | null, unit = ''): string => (n === null ? '—' : `${n}${unit}`);

function statsRow(label: string, s: MessagePeriodStats, header = false): SafeHtml {
  const cells = [s.received, s.replied, s.onTime, num(s.averageWorkingDays), s.satisfied, s.basicallySatisfied, s.dissatisfied, s.awaitingRating, num(s.satisfactionRate, '%')];
  return html`<tr${header ? html` class="total"` : ''}><th scope="row">${label}</th>${cells.map((c) => html`<td>${String(c)}</td>`)}</tr>`;
}

export function statisticsPage(agency: PortalAgency, year: number, years: number[], stats: { year: MessagePeriodStats; months: MessagePeriodStats[] }): string {
  const path = `${interactionBase(agency)}/statistics`;
  return interactionPage(
    agency,
    '留言办理统计',
    html`<h1>留言办理统计</h1>
<form class="filters" method="get" action="${path}" aria-label="选择年份">
  <div class="field"><label for="s-year">年份</label><select id="s-year" name="year">${years.map((y) => html`<option value="${String(y)}"${y === year ? html` selected` : ''}>${String(y)}年</option>`)}</select></div>
  <button type="submit">查看</button>
</form>
<p class="intro">收到：当月收到的留言；答复、按时答复、平均答复用时和满意度：当月答复的留言。答复之日起 20 个工作日内未评价的视为满意；满意率为（满意＋基本满意）÷ 已评价。</p>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="stats-caption">
<table class="stats" data-testid="message-stats">
  <caption id="stats-caption">${String(year)}年留言办理情况</caption>
  <thead><tr><th scope="col">期间</th><th scope="col">收到</th><th scope="col">答复</th><th scope="col">按时答复</th><th scope="col">平均答复用时（工作日）</th><th scope="col">满意</th><th scope="col">基本满意</th><th scope="col">不满意</th><th scope="col">待评价</th><th scope="col">满意率</th></tr></thead>
  <tbody>
    ${stats.months.map((m) => statsRow(`${Number(m.period.slice(5))}月`, m))}
    ${statsRow('全年', stats.year, true)}
  </tbody>
</table>
</div>`,
  );
}
