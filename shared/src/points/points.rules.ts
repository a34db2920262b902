import { messageFor } from '../core/errors';
import type { TransitionTable } from '../core/transitions';

/**
 * 志愿服务积分: service records confirmed by the unit leader (or the activity's organiser) earn points at
 * the community's rate; points live in an append-only ledger; the points shop (积分超市) spends them.
 */
export const serviceStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];
export const serviceStatusLabels: Record<ServiceStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '未通过',
};

/** The unit leader of the record's unit, or the activity's organiser, confirms or rejects a service record. */
export const serviceTransitions = {
  confirm: { from: ['pending'], to: 'confirmed', by: ['unitLeader', 'organiser'] },
  reject: { from: ['pending'], to: 'rejected', by: ['unitLeader', 'organiser'] },
} as const satisfies TransitionTable<ServiceStatus>;

export const orderStatuses = ['placed', 'picked_up', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatusLabels: Record<OrderStatus, string> = {
  placed: '待领取',
  picked_up: '已领取',
  cancelled: '已取消',
};

/** The member cancels an order not yet picked up (the points come back); the station hands it over. */
export const orderTransitions = {
  cancel: { from: ['placed'], to: 'cancelled', by: ['owner'] },
  handOver: { from: ['placed'], to: 'picked_up', by: ['stationAdmin'] },
} as const satisfies TransitionTable<OrderStatus>;

export const entryKinds = ['credit', 'redeem', 'refund', 'reversal'] as const;
export type EntryKind = (typeof entryKinds)[number];
export const entryKindLabels: Record<EntryKind, string> = {
  credit: '服务积分',
  redeem: '兑换',
  refund: '退还',
  reversal: '更正',
};

/** A community's points settings where it set none; a service can be logged for the last `serviceLogDays` days. */
export const pointsDefaults = { pointsPerHour: 10, maxHoursPerRecord: 8, serviceLogDays: 30 } as const;

/** Hours come in steps of half an hour. */
export function isHalfHourStep(hours: number): boolean {
  return Number.isInteger(hours * 2);
}

/** Points a confirmed record earns: a wish carries its own value; hours earn the community's rate. */
export function pointsFor(
  record: { source: string; hours: number; points?: number | null },
  pointsPerHour: number,
): number {
  if (record.source === 'wish') return Math.max(0, Math.round(record.points ?? 0));
  return Math.round(record.hours * pointsPerHour);
}

/** A pickup code people can read out: 8 characters without look-alikes (no 0/O, 1/I/L). */
export const PICKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Why one record of a batch review was not confirmed or rejected (each is an error code with its text). */
export const reviewOutcomes = [
  'NOT_FOUND',
  'AUTH.OUT_OF_SCOPE',
  'POINTS.SELF_CONFIRM',
  'POINTS.ALREADY_REVIEWED',
] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** What a batch review tells the person: how many went through, and why the others did not. */
export function reviewSummary(
  decision: 'confirm' | 'reject',
  results: ReadonlyArray<{ ok: boolean; code: ReviewOutcome | null }>,
): { title: string; failed: string[] } {
  const done = results.filter((r) => r.ok).length;
  const reasons = new Map<string, number>();
  for (const r of results) if (!r.ok && r.code) reasons.set(r.code, (reasons.get(r.code) ?? 0) + 1);
  const verb = decision === 'confirm' ? '确认' : '驳回';
  const failed = [...reasons].map(([code, n]) => `${n}条：${messageFor(code)}`);
  return {
    title: failed.length ? `已${verb}${done}条，${results.length - done}条未${verb}` : `已${verb}${done}条`,
    failed,
  };
}
