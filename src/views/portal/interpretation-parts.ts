/**
 * The portal's parts of 政策解读 and versions (decision 018): a 解读 links its policy and shows
 * its 图解 with the text alternative or its video's 文字稿; a policy lists its 解读; a revised
 * document links the withdrawn version, whose page keeps only its 撤回 note.
 */
import { html, type SafeHtml } from '../html.ts';
import { agencyBase, portalPage, type PortalAgency } from './layout.ts';
import type { EarlierVersion, PublicDocument } from '../../services/publications.ts';
import { chinaDateOrEmpty as day } from '../../domain/calendar/china-time.ts';

type Doc = Omit<PublicDocument, 'viewCount'>;

const paragraphs = (text: string): SafeHtml => html`${text.split(/\n+/).filter((p) => p.trim()).map((p) => html`<p>${p}</p>`)}`;
const isImage = (mime: string) => mime.startsWith('image/');

/** Above the title: which policy a 解读 interprets, and the earlier version of a revision. */
export function documentNotes(agency: PortalAgency, d: Doc): SafeHtml {
  const base = agencyBase(agency);
  const i = d.interpretation;
  return html`${
    i
      ? html`<p class="notice" role="note" data-testid="interprets">${i.formLabel} · 解读的政策文件：${
          i.policy ? html`<a href="${base}/documents/${i.policy.id}">《${i.policy.title}》</a>` : '（政策文件未发布）'
        }</p>`
      : ''
  }${
    d.previousVersion
      ? html`<p class="notice" role="note" data-testid="version-note">本文件为修订后的第${d.version}版。<a href="${base}/documents/${d.previousVersion.id}">查看此前的第${d.previousVersion.version}版及撤回说明</a></p>`
      : ''
  }`;
}

/** After the body: a 图解's pictures with their text alternative, a video's link and 文字稿. */
export function interpretationMedia(agency: PortalAgency, d: Doc): SafeHtml {
  const i = d.interpretation;
  if (!i || i.form === 'text') return html``;
  const base = agencyBase(agency);
  const text = i.text ? html`<section aria-labelledby="alt-text"><h2 id="alt-text">${i.form === 'graphic' ? '图解文字说明' : '字幕及文字稿'}</h2><div class="doc-body" id="alt-text-body">${paragraphs(i.text)}</div></section>` : '';
  if (i.form === 'graphic') {
    const images = d.attachments.filter((a) => isImage(a.mime));
    return html`${images.map(
      (a) => html`<figure class="doc-body"><img src="${base}/documents/${d.id}/attachments/${a.id}" alt="${d.title}（图解，文字说明见下文）" aria-describedby="alt-text-body" loading="lazy"><figcaption>${a.name}</figcaption></figure>`,
    )}${text}`;
  }
  return html`${i.mediaUrl ? html`<p><a href="${i.mediaUrl}" rel="noopener noreferrer" target="_blank">观看视频（在新窗口打开外部网站）</a></p>` : ''}${text}`;
}

/** On a policy's page: its published 解读. */
export function interpretationList(agency: PortalAgency, d: Doc): SafeHtml {
  if (!d.interpretations.length) return html``;
  const base = agencyBase(agency);
  return html`<section aria-labelledby="interpretations" data-testid="interpretations"><h2 id="interpretations">政策解读</h2><ul>${d.interpretations.map(
    (i) => html`<li><a href="${base}/documents/${i.id}">${i.title}</a>（${i.formLabel}）</li>`,
  )}</ul></section>`;
}

/** The page of a withdrawn, revised version: its 撤回 note and the current version, never its body. */
export function earlierVersionPage(agency: PortalAgency, v: EarlierVersion): string {
  const base = agencyBase(agency);
  return portalPage({
    title: `${v.title}（第${v.version}版，已撤回）`,
    agency,
    active: 'catalogue',
    body: html`<nav class="breadcrumb" aria-label="当前位置"><a href="${base}/">首页</a> › <a href="${base}/open/catalogue">公开目录</a> › 已撤回的版本</nav>
<h1 class="doc-title">${v.title}</h1>
<div class="notice" role="note" data-testid="withdrawn-note">
<p>这是本文件的第${v.version}版（索引号 ${v.indexNo}${v.docNo ? html`，${v.docNo}` : ''}${v.publishedAt ? html`，${day(v.publishedAt)}发布` : ''}），已于${day(v.withdrawnAt)}撤回。</p>
<p>撤回说明：${v.withdrawnReason}</p>
${v.current ? html`<p><a href="${base}/documents/${v.current.id}">查看现行版本（第${v.current.version}版）：${v.current.title}</a></p>` : html`<p>修订后的版本尚未发布。</p>`}
</div>`,
  });
}
