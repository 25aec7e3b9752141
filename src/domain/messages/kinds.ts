/**
 * 留言 (messages to an agency's mailbox): the kinds, their reply limits, the reasons a message may
 * be refused, and the writer's ratings. Numbers and sources: ../shared/rules/interaction-rules.md §1.
 * Reply limits are local rules, not national ones, so each kind's limit is configurable.
 */
export const messageKinds = ['consultation', 'suggestion', 'complaint', 'help'] as const;
export type MessageKind = (typeof messageKinds)[number];

export const messageKindLabels: Record<MessageKind, string> = {
  consultation: '咨询',
  suggestion: '建议',
  complaint: '投诉',
  help: '求助',
};

/** Default reply limits in working days (黄山: 5, 10 complex; a 网络问政 rule: 5 咨询). */
export const defaultReplyLimits: Record<MessageKind, number> = {
  consultation: 5,
  suggestion: 10,
  complaint: 10,
  help: 10,
};

/** No published rule seen allows more than 15 working days, extension included. */
export const MAX_REPLY_WORKING_DAYS = 15;
/** 临期: this many working days before the limit. */
export const DUE_SOON_WORKING_DAYS = 2;
/** Red alert for a message open this many calendar days, well before the 3-month 单项否决. */
export const RED_ALERT_CALENDAR_DAYS = 60;
/** The writer may rate a reply within 20 working days; without a rating it counts as 满意 (铜陵). */
export const RATING_WORKING_DAYS = 20;

export const rejectionReasons = ['petition', 'disclosureRequest', 'duplicate', 'noSubstance', 'unlawful'] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

export const rejectionReasonLabels: Record<RejectionReason, string> = {
  petition: '属信访事项',
  disclosureRequest: '属依申请公开',
  duplicate: '重复',
  noSubstance: '无实质内容',
  unlawful: '违法违规',
};

export const ratings = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type Rating = (typeof ratings)[number];

export const ratingLabels: Record<Rating, string> = {
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
};

export const messageChannels = ['online', 'letter', 'suggestionBox', 'inPerson'] as const;
export type MessageChannel = (typeof messageChannels)[number];

export const messageChannelLabels: Record<MessageChannel, string> = {
  online: '网上留言',
  letter: '来信',
  suggestionBox: '意见箱',
  inPerson: '来访',
};

/** A reply limit for a kind, or a Chinese reason it is not allowed. */
export function replyLimitProblem(workingDays: unknown): string | null {
  if (typeof workingDays !== 'number' || !Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_REPLY_WORKING_DAYS) {
    return `答复时限应为 1 至 ${MAX_REPLY_WORKING_DAYS} 个工作日的整数`;
  }
  return null;
}

export const isMessageKind = (v: unknown): v is MessageKind => typeof v === 'string' && (messageKinds as readonly string[]).includes(v);
export const isRejectionReason = (v: unknown): v is RejectionReason => typeof v === 'string' && (rejectionReasons as readonly string[]).includes(v);
export const isRating = (v: unknown): v is Rating => typeof v === 'string' && (ratings as readonly string[]).includes(v);
export const isMessageChannel = (v: unknown): v is MessageChannel => typeof v === 'string' && (messageChannels as readonly string[]).includes(v);
