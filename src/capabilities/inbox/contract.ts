/**
 * The to-do inbox (待办): what waits for the signed-in user's roles, per agency in reach, with
 * counts and the workspace page that lists them. No Node.js APIs: the workspace imports it.
 */
export const inboxKinds = [
  'documentReview',
  'documentApproval',
  'documentPublication',
  'returnedDraft',
  'extensionApproval',
  'reportPublication',
  'messageAcceptance',
  'messageReply',
  'messageReturnedReply',
  'messageReview',
  'messageApproval',
  'messageExtensionApproval',
  'messageRedAlert',
  'consultationToClose',
] as const;
export type InboxKind = (typeof inboxKinds)[number];

export const inboxKindLabels: Record<InboxKind, string> = {
  documentReview: '待保密审查',
  documentApproval: '待批准',
  documentPublication: '待发布',
  returnedDraft: '被退回待修改',
  extensionApproval: '延期待审批',
  reportPublication: '年度报告待发布',
  messageAcceptance: '留言待受理',
  messageReply: '留言待答复',
  messageReturnedReply: '留言答复被退回',
  messageReview: '留言答复待审核',
  messageApproval: '留言答复待批准',
  messageExtensionApproval: '留言延期待审批',
  messageRedAlert: '留言超过60天未办结（红色预警）',
  consultationToClose: '意见征集期限已过待结束',
};

/** Kinds shown as an alarm (red), not as ordinary work. */
export const alarmInboxKinds: readonly InboxKind[] = ['messageRedAlert'];

export interface InboxItem {
  kind: InboxKind;
  label: string;
  agencyId: number;
  agencyName: string;
  count: number;
  /** The workspace page (under /admin) that lists these, for that agency. */
  path: string;
}

export interface Inbox {
  items: InboxItem[];
  /** Kinds of work not in the inbox yet because the capability does not exist. */
  notYet: string[];
}
