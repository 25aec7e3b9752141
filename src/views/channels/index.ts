export {
  VALIDITY_LABELS,
  type ChannelAgency,
  type DocumentValidity,
  type PublishedAttachmentView,
  type PublishedDocumentView,
} from './model.ts';
export { renderWechatArticle } from './wechat.ts';
export { renderNoticeBoardSheet } from './notice-board.ts';
export {
  SITEMAP_MAX_URLS,
  renderAtomFeed,
  renderRssFeed,
  renderSitemap,
  renderSitemapIndex,
  renderSitemaps,
  type FeedOptions,
  type SitemapSet,
  type SitemapUrl,
} from './feeds.ts';
export { chineseDate, escapeXml, rfc3339, rfc822, toInstant } from './format.ts';
