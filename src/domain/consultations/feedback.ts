/**
 * The 意见采纳情况 table published with a closed consultation (columns as in real tables: 序号,
 * 反馈人 masked like 朱**, 意见内容, 是否采纳, 理由), and the articles (条) a comment may address.
 */
import { maskWriterName } from '../messages/publication.ts';
import { adoptionLabels, type FeedbackDecision } from './lifecycle.ts';

export interface CommentForFeedback {
  id: number;
  name: string;
  /** The article addressed ('第三条'), or null for the whole draft. */
  article: string | null;
  body: string;
}

export interface FeedbackRow {
  seq: number;
  commentId: number;
  commenter: string;
  article: string | null;
  content: string;
  adoption: string;
  reason: string;
}

export const feedbackColumns = ['序号', '反馈人', '意见内容', '是否采纳', '理由'] as const;

/** One row per answered comment, in the order the comments arrived; names masked, nothing else personal. */
export function feedbackTable(comments: readonly CommentForFeedback[], decisions: readonly FeedbackDecision[]): FeedbackRow[] {
  const byId = new Map(decisions.map((d) => [d.commentId, d]));
  return comments
    .filter((c) => byId.has(c.id))
    .map((c, i) => {
      const d = byId.get(c.id)!;
      return { seq: i + 1, commentId: c.id, commenter: maskWriterName(c.name), article: c.article, content: c.body, adoption: adoptionLabels[d.adoption], reason: d.reason };
    });
}

/** The articles of a draft, in order: lines that begin with 第…条 (Chinese or Arabic numerals). */
export function articlesOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/^[\s\u3000]*(第[一二三四五六七八九十百零〇两\d]{1,6}条)/gmu)) {
    if (!found.includes(m[1]!)) found.push(m[1]!);
  }
  return found;
}
