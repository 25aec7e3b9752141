/**
 * One engine for every kind of case (a request today; a message, a consultation, a survey
 * later): an append-only log of dated events, the state as a replay of them, and one rule set
 * that answers both "may this event happen now, for these roles?" and "which events may happen
 * now?". A kind supplies how an event changes the state (`apply`, which refuses what its rules
 * forbid), which roles may record each type, and a representative event of each type for a
 * state (`representative`): an event type is possible exactly when `apply` accepts one of its
 * representatives, so the workspace's buttons cannot disagree with what recording accepts.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface CaseEvent {
  readonly type: string;
  /** The legal date of the act, YYYY-MM-DD. */
  readonly date: string;
}

export interface CaseKind<S, E extends CaseEvent, R extends string> {
  /** Event types, in the order the workspace offers them. */
  readonly eventTypes: readonly E['type'][];
  /** The state after one more event (null: the first), or the rules it breaks. */
  apply(state: S | null, event: E): Result<S>;
  /** Whether these roles may record events of this type. */
  mayRecord(type: E['type'], roles: readonly R[]): boolean;
  /** Typical events of this type for the state, dated `date` (one per distinct variant that rules treat differently). */
  representatives(state: S, type: E['type'], date: string): readonly E[];
}

/** The state after every event, or the first rule an event breaks (numbered from 1). */
export function replay<S, E extends CaseEvent, R extends string>(kind: CaseKind<S, E, R>, events: readonly E[]): Result<S> {
  let state: S | null = null;
  for (const [i, event] of events.entries()) {
    const next = kind.apply(state, event);
    if (!next.ok) return { ok: false, errors: next.errors.map((e) => `第 ${i + 1} 个事件：${e}`) };
    state = next.value;
  }
  return state === null ? { ok: false, errors: ['没有任何记录'] } : { ok: true, value: state };
}

export interface PossibleEvent<T extends string> {
  type: T;
  /** The state admits the type and the roles may record it. */
  allowed: boolean;
  /** Why not, when the state admits it but the roles do not. */
  reason?: string;
}

/** Whether the state admits an event of this type at all (whatever the roles). */
export function admits<S, E extends CaseEvent, R extends string>(kind: CaseKind<S, E, R>, state: S, type: E['type'], date: string): boolean {
  return kind.representatives(state, type, date).some((e) => kind.apply(state, e).ok);
}

/**
 * The events the state admits now, each allowed or not for these roles: the workspace shows
 * these, and nothing else, as the case's actions.
 */
export function possibleEvents<S, E extends CaseEvent, R extends string>(kind: CaseKind<S, E, R>, state: S, roles: readonly R[], date: string): PossibleEvent<E['type']>[] {
  return kind.eventTypes
    .filter((type) => admits(kind, state, type, date))
    .map((type) => (kind.mayRecord(type, roles) ? { type, allowed: true } : { type, allowed: false, reason: '您的角色不能执行此操作' }));
}

/** May these roles record this event on this state now? The same rules as replay, plus the roles. */
export function mayRecordNow<S, E extends CaseEvent, R extends string>(
  kind: CaseKind<S, E, R>,
  state: S,
  event: E,
  roles: readonly R[],
): { ok: true; state: S } | { ok: false; byRole: boolean; errors: string[] } {
  if (!kind.mayRecord(event.type, roles)) return { ok: false, byRole: true, errors: ['您的角色不能执行此操作'] };
  const next = kind.apply(state, event);
  return next.ok ? { ok: true, state: next.value } : { ok: false, byRole: false, errors: next.errors };
}
