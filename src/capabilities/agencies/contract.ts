/**
 * The agencies capability's contract: the shapes and Chinese labels its API speaks (an agency,
 * its level and state, its settings). The workspace imports these instead of re-declaring them;
 * keep this module free of Node.js APIs.
 */
import type { AgencyLevel } from '../../domain/agencies/hierarchy.ts';
import type { Role } from '../../domain/access/policy.ts';

export { agencyLevels, type AgencyLevel } from '../../domain/agencies/hierarchy.ts';

/** A closed (撤销) agency keeps its records and published pages; it is only marked. */
export type AgencyState = 'open' | 'closed';
export const agencyStateLabels: Record<AgencyState, string> = { open: '正常', closed: '已撤销' };

export interface PublicAgency {
  id: number;
  code: string;
  /** Short name (常平乡). */
  name: string;
  /** Formal name (常平乡人民政府); the short name when none was given. */
  fullName: string;
  creditCode: string | null;
  level: AgencyLevel;
  levelLabel: string;
  parentId: number | null;
  closed: boolean;
}

/** An agency of the session, with the roles the user holds there (directly or from a 本机关及下级 grant above). */
export interface SessionAgency extends PublicAgency {
  myRoles: Role[];
}

export interface AgencyInput {
  code: string;
  /** Short name (常平乡). */
  name: string;
  /** Formal name (常平乡人民政府); defaults to the short name. */
  fullName?: string | undefined;
  creditCode?: string | undefined;
  level: AgencyLevel;
  parentId: number | null;
}

export interface AgencyPatch {
  name?: string | undefined;
  fullName?: string | undefined;
  creditCode?: string | null | undefined;
  parentId?: number | null | undefined;
  closed?: boolean | undefined;
}

/** One line of an agency import file (gongkai agency import). */
export interface ImportedAgencyRow extends Omit<AgencyInput, 'parentId'> {
  parentCode: string | null;
  line: number;
}

/** A one-person office's permission for the drafter to review and approve, with its reason. */
export interface SelfReviewSetting {
  allowed: boolean;
  reason: string | null;
  /** Who set it and when (ISO). */
  by: number | null;
  at: string | null;
}

/** Per-agency facts every notice needs: who signs, where to appeal (条例第五十一条). */
export const noticeSettingLabels = {
  officeName: '政府信息公开工作机构名称',
  address: '办公地址',
  phone: '联系电话',
  reconsiderationBody: '行政复议机关',
  court: '管辖人民法院',
  paymentMethod: '信息处理费缴费方式',
  portalUrl: '门户网址',
  // 设了代字的机关，文书编号为“代字〔年〕号”，每年一个序列（capabilities/requests/notice-numbers.ts）。
  docNumberPrefix: '文书文号代字',
} as const;
export type NoticeSettingKey = keyof typeof noticeSettingLabels;
export type NoticeSettings = Partial<Record<NoticeSettingKey, string>>;

import type { AuditChange } from './audit-labels.ts';

export type { AuditChange };

export interface AuditEntry {
  id: number;
  at: string;
  /** The account name, or 系统. */
  actor: string;
  /** The user's name and account, 张三（zhangsan）, or 系统. */
  actorLabel: string;
  action: string;
  /** The action in Chinese (audit-labels.ts). */
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: string | null;
  /** Named fields that changed, in Chinese. */
  changes: AuditChange[];
  /** How many other (technical) fields changed. */
  otherChanges: number;
}

/** The Chinese label of each field the agencies API takes: validation errors name fields by these. */
export const agencyFieldLabels: Readonly<Record<string, string>> = {
  code: '机构代码',
  name: '简称',
  fullName: '全称',
  creditCode: '统一社会信用代码',
  level: '层级',
  parentId: '上级机构',
  closed: '是否撤销',
  allowed: '允许自审',
  reason: '理由',
};
