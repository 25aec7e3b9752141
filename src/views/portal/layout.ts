import { html, type SafeHtml } from '../html.ts';

export interface PortalAgency {
  code: string;
  name: string;
}

/** The 政府信息公开 column, in the order agencies' portals conventionally list it. */
export const openColumns = [
  { slug: 'guide', label: '公开指南' },
  { slug: 'rules', label: '公开制度' },
  { slug: 'statutory', label: '法定主动公开内容' },
  { slug: 'catalogue', label: '公开目录' },
  { slug: 'annual-reports', label: '政府信息公开年报' },
  { slug: 'request', label: '依申请公开' },
  { slug: 'interaction', label: '互动交流' },
] as const;

export type OpenColumnSlug = (typeof openColumns)[number]['slug'];

export const agencyBase = (agency: PortalAgency): string => `/org/${encodeURIComponent(agency.code)}`;

/**
 * The footer's links (国办秘函〔2019〕19号 asks for them on every page); the sitemap lists them too.
 * `<!--site-info-->` in the footer becomes the agency's 主办单位, 标识码 and 备案号 (http/portal/site-routes.ts).
 */
export function footerLinks(agency: PortalAgency | null): { href: string; label: string }[] {
  const own = agency ? [{ href: `${agencyBase(agency)}/contact`, label: '联系我们' }, { href: `${agencyBase(agency)}/sitemap`, label: '网站地图' }] : [];
  return [...own, { href: '/privacy', label: '隐私声明' }];
}

export interface PageOptions {
  title: string;
  agency: PortalAgency | null;
  active?: string;
  body: SafeHtml;
}

export function portalPage({ title, agency, active, body }: PageOptions): string {
  const siteName = agency ? agency.name : '政府信息公开平台';
  return (
    '<!doctype html>' +
    html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - ${siteName}</title>
<link rel="stylesheet" href="/assets/portal.css">
${agency ? html`<link rel="alternate" type="application/atom+xml" title="${agency.name}政府信息公开" href="${agencyBase(agency)}/feed.atom">` : ''}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
  <div class="wrap">
    <a class="site-name" href="${agency ? agencyBase(agency) + '/' : '/'}">${siteName}</a>
    <span class="site-sub">政府信息公开</span>
    <span class="a11y-tools"><span class="text-mode"><span class="mode-normal">当前：标准版</span><span class="mode-large">当前：大字版</span></span> <a href="/a11y/text-size?large=1" data-large="on">大字版</a> · <a href="/a11y/text-size?large=0" data-large="off">标准版</a></span>
  </div>
</header>
${agency ? columnNav(agency, active) : ''}
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <ul class="footer-links">${footerLinks(agency).map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>
    <!--site-info-->
    <p>${agency ? agency.name : '政府信息公开平台'} · 政府信息公开专栏</p>
    <p>依据《中华人民共和国政府信息公开条例》公开政府信息</p>
  </div>
</footer>
</body>
</html>`.value
  );
}

/** The column bar depends only on the agency's address and the active column: built once per pair (bounded). */
const navCache = new Map<string, SafeHtml>();

function columnNav(agency: PortalAgency, active: string | undefined): SafeHtml {
  const base = agencyBase(agency);
  const key = `${base}\n${active ?? ''}`;
  let nav = navCache.get(key);
  if (!nav) {
    if (navCache.size >= 10_000) navCache.clear();
    navCache.set(key, (nav = buildColumnNav(base, active)));
  }
  return nav;
}

function buildColumnNav(base: string, active: string | undefined): SafeHtml {
  return html`<nav class="column-nav" aria-label="政府信息公开栏目">
  <ul class="wrap">
    <li><a href="${base}/"${active === 'home' ? html` aria-current="page"` : ''}>首页</a></li>
    ${openColumns.map(
      (c) =>
        html`<li><a href="${base}/open/${c.slug}"${active === c.slug ? html` aria-current="page"` : ''}>${c.label}</a></li>`,
    )}
  </ul>
</nav>`;
}
