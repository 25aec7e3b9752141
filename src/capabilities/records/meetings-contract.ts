/**
 * Meetings with the public (座谈会, 村民会议, 政府开放日; issue 16 item 5), kept beside the other work
 * records (decision 030): date, participants (count and kinds), topics, minutes, and follow-up
 * items with owners and due dates. No Node.js APIs, so the workspace imports it.
 */
export const meetingKindLabels = { symposium: '座谈会', villagers: '村民会议', openDay: '政府开放日' } as const;
export type MeetingKind = keyof typeof meetingKindLabels;
export const meetingKinds = Object.keys(meetingKindLabels) as MeetingKind[];

/** Kinds of participants offered in the form; others may be typed. */
export const participantKindSuggestions = ['村民代表', '群众代表', '企业代表', '人大代表', '政协委员', '专家学者', '新闻媒体', '村（社区）干部'] as const;

export const meetingFieldLabels = {
  kind: '会议类型',
  heldOn: '会议日期',
  title: '会议名称',
  participantCount: '参加人数',
  participantKinds: '参加人员类别',
  topics: '议题',
  minutes: '会议纪要',
  followUps: '跟进事项',
  'followUps.id': '跟进事项编号',
  'followUps.item': '跟进事项',
  'followUps.owner': '责任人',
  'followUps.dueOn': '完成期限',
  'followUps.doneOn': '完成日期',
} as const;

export const meetingLimits = { title: 100, topics: 2000, minutes: 20_000, kinds: 10, kindLength: 20, followUps: 50, item: 500, owner: 50, maxParticipants: 100_000 } as const;

export interface FollowUpInput {
  /** Present for an item already saved. */
  id?: number | undefined;
  item: string;
  owner: string;
  dueOn: string;
  doneOn: string | null;
}

export interface MeetingInput {
  kind: MeetingKind;
  heldOn: string;
  title: string;
  participantCount: number;
  participantKinds: string[];
  topics: string;
  minutes: string;
  followUps: FollowUpInput[];
}

export interface FollowUp extends FollowUpInput {
  id: number;
  /** Not done and past its due date (China today). */
  overdue: boolean;
}

export interface Meeting extends MeetingInput {
  id: number;
  agencyId: number;
  kindLabel: string;
  followUps: FollowUp[];
  openFollowUps: number;
  overdueFollowUps: number;
}

export interface MeetingYear {
  agencyId: number;
  year: number;
  items: Meeting[];
  /** Meetings per kind in the year. */
  counts: Record<MeetingKind, number>;
  participants: number;
}
