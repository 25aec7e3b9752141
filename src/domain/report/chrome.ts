/**
 * Web-page furniture around a report: the site's header, breadcrumbs ("首页 > 政府信息公开 > …"),
 * the article's metadata ("来源：… 发布时间：2025-01-20", "索引号 | … | 生成日期 | …"), font-size
 * and print links, and the footer. None of it is report text: it is dropped before reading, and
 * the publication date it shows is kept (the deadline check needs it).
 */
import type { TextRow } from './rows.ts';

const META =
  /^(?:来源|信息来源|文章来源|发布时间|发布日期|发表日期|公开日期|发文日期|生成日期|成文日期|时间|日期|作者|浏览次数|访问次数|点击|字号|【?\s*字体|\[字体|打印|关闭|分享|返回首页|网站首页|简体|繁體|繁体|无障碍|长者|适老|搜索位置|匹配度|排序|索引号|发文字号|文号|关键词|公开形式|公开方式|公开范围|是否有效|有效性|发布机构|责任部门|主题分类|所属机构|名称\s*[:：])/;
const BREADCRUMB =
  /^(?:当前位置|您现在所在的位置|您现在的位置|您的位置|所在位置)\s*[:：]?|^[>＞»]\s*\S/;
const FOOTER =
  /版权所有|扫一扫|主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持|网站地图|联系我们|Copyright|©/i;
const DATE =
  /(?:发布时间|发布日期|发表日期|公开日期|发文日期|生成日期|时间|日期)\s*[:：]?\s*(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

/** "2022年01月18日来源:1", "2025-01-20 10:00 来源：…": a date that opens the metadata line. */
const DATED_META =
  /^(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|信息来源|作者|浏览|点击|发布)/;

function isBreadcrumb(text: string): boolean {
  if (BREADCRUMB.test(text)) return true;
  const arrows = text.match(/\s*[>＞»]\s*/g)?.length ?? 0;
  return arrows >= 2 && /首页|主页/.test(text) && text.length <= 160;
}

/** A line of page furniture. */
export function isChrome(text: string): boolean {
  // "- 索引号: …": metadata served as a list.
  // "名 称:", "索 引 号:": a label spaced out to the width of the others.
  const t = text
    .trim()
    .replace(/^[-*•·]\s+/, '')
    .replace(/^(?:\p{Script=Han}\s+){1,3}\p{Script=Han}(?=\s*[:：|])/u, (l) =>
      l.replace(/\s+/g, ''),
    );
  if (t.length > 160) return false;
  return (
    META.test(t) || DATED_META.test(t) || isBreadcrumb(t) || (FOOTER.test(t) && t.length <= 120)
  );
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

export interface Dechromed {
  readonly rows: TextRow[];
  /** The date the page says the report was published (YYYY-MM-DD). */
  readonly publishedOn?: string;
}

/**
 * Drops page furniture: metadata and breadcrumbs before the report's first section heading, and
 * footer lines anywhere. The first publication date among them is kept.
 */
export function dropChrome(rows: readonly TextRow[]): Dechromed {
  let publishedOn: string | undefined;
  let inBody = false;
  const kept: TextRow[] = [];
  for (const row of rows) {
    const text = row.cells.filter((c) => c.trim() !== '').join(' ');
    if (!inBody && /^[一二三四五六][、.]/.test(text.trim())) inBody = true;
    const chrome = inBody ? FOOTER.test(text) && text.length <= 120 : isChrome(text);
    if (!chrome) {
      kept.push(row);
      continue;
    }
    const m = DATE.exec(text) ?? DATED_META.exec(text.trim());
    if (m && publishedOn === undefined) publishedOn = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  }
  return { rows: kept, ...(publishedOn ? { publishedOn } : {}) };
}
