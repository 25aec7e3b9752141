/**
 * Records of an agency's 政务公开 work (issue 11 item 3): training (培训), the persons responsible
 * (专人负责) and the yearly assessment (绩效考核). Types and Chinese labels the API speaks; no
 * Node.js APIs, so the workspace imports them.
 */
export type { AssessmentTotals } from '../../domain/records/assessment.ts';
import type { AssessmentTotals } from '../../domain/records/assessment.ts';

export const recordTabLabels = { training: '培训记录', persons: '专人负责', assessment: '绩效考核' } as const;

export const trainingFieldLabels = {
  heldOn: '培训日期',
  topic: '培训主题',
  trainer: '授课人',
  attendeeCount: '参训人数',
  attendeeNames: '参训人员',
  materials: '培训材料',
} as const;

export const personFieldLabels = {
  name: '姓名',
  post: '职务',
  phone: '手机（内部）',
  officePhone: '办公电话（公开）',
  email: '电子邮箱',
  since: '起始日期',
  until: '截止日期',
  isContact: '对外公布的联系人',
} as const;

export const assessmentFieldLabels = {
  name: '考核项目',
  weight: '分值',
  selfScore: '自评分',
  evidenceText: '佐证材料（说明）',
  evidenceDocumentIds: '佐证文件',
  superiorScore: '上级评分',
} as const;

/** The assessment bodies' own structure, labelled for validation errors like the fields above. */
export const assessmentBodyLabels: Readonly<Record<string, string>> = {
  items: '考核项目',
  'items.id': '考核项目编号',
  scores: '上级评分',
  'scores.itemId': '考核项目编号',
  'scores.note': '评分说明',
};

export const recordLimits = { topic: 100, trainer: 50, attendeeNames: 2000, materials: 2000, name: 30, post: 50, phone: 30, email: 100, evidenceText: 1000, maxAttendees: 100000, maxItems: 30, maxEvidenceDocuments: 20 } as const;

export interface TrainingInput {
  heldOn: string;
  topic: string;
  trainer: string;
  attendeeCount: number;
  /** Names, one a line or separated by 、，; may be empty when only a count is known. */
  attendeeNames: string;
  /** Titles of the materials handed out, one a line (a text list: no files are uploaded). */
  materials: string;
}

export interface TrainingRecord extends TrainingInput {
  id: number;
  agencyId: number;
  updatedAt: string;
}

export interface TrainingYear {
  agencyId: number;
  year: number;
  items: TrainingRecord[];
  /** Sessions and attendances in the year: what the annual report's 培训 sentence counts. */
  sessions: number;
  attendances: number;
}

export interface PersonInput {
  name: string;
  post: string;
  /** Internal only: never published. */
  phone: string;
  /** The office phone published with the contact. */
  officePhone: string;
  email: string;
  since: string;
  until: string | null;
  isContact: boolean;
}

export interface ResponsiblePerson extends PersonInput {
  id: number;
  agencyId: number;
}

/** What the portal shows of the published contact: no private phone. */
export interface PublicContact {
  name: string;
  post: string;
  officePhone: string;
  email: string;
}

export interface AssessmentItemInput {
  /** Present for an item already saved (its superior score is kept); absent for a new one. */
  id?: number | undefined;
  name: string;
  weight: number;
  selfScore: number | null;
  evidenceText: string;
  /** Documents of the agency's catalogue that prove the item. */
  evidenceDocumentIds: number[];
}

export interface AssessmentItem extends AssessmentItemInput {
  id: number;
  evidenceDocuments: { id: number; title: string }[];
  superiorScore: number | null;
  superiorNote: string;
}

export interface Assessment {
  agencyId: number;
  agencyName: string;
  year: number;
  items: AssessmentItem[];
  totals: AssessmentTotals;
  /** Who entered the superior's scores, and when (null until entered). */
  scoredBy: string | null;
  scoredAt: string | null;
  /** Whether the caller may enter the superior's scores (a user of an office above this agency). */
  canScore: boolean;
  canEdit: boolean;
}

export interface SuperiorScoreInput {
  itemId: number;
  score: number | null;
  note?: string | undefined;
}
