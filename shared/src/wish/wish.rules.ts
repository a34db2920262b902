import type { TransitionTable } from '../core/transitions';

/**
 * 微心愿 (micro-wish) lifecycle: a resident posts, the station or grid reviews, exactly one member
 * claims and fulfils, the resident (or the unit leader) confirms. One table holds every transition.
 */
export const wishStatuses = [
  'pending_review',
  'open',
  'claimed',
  'fulfilled',
  'confirmed',
  'rejected',
  'cancelled',
] as const;
export type WishStatus = (typeof wishStatuses)[number];

export const wishStatusLabels: Record<WishStatus, string> = {
  pending_review: '待审核',
  open: '待认领',
  claimed: '已认领',
  fulfilled: '待确认',
  confirmed: '已完成',
  rejected: '未通过',
  cancelled: '已取消',
};

export const wishCategories = ['生活帮扶', '学习辅导', '医疗健康', '物品捐赠', '维修服务', '其他'] as const;
export type WishCategory = (typeof wishCategories)[number];

/** The events that move a wish, the states each may start from, and who may fire it (`thank` keeps the state). */
export const wishTransitions = {
  approve: { from: ['pending_review'], to: 'open', by: ['stationAdmin', 'gridSecretary'] },
  reject: { from: ['pending_review'], to: 'rejected', by: ['stationAdmin', 'gridSecretary'] },
  cancel: { from: ['pending_review', 'open'], to: 'cancelled', by: ['owner'] },
  claim: { from: ['open'], to: 'claimed', by: ['member'] },
  giveUp: { from: ['claimed'], to: 'open', by: ['claimant'] },
  release: { from: ['claimed'], to: 'open', by: ['stationAdmin', 'gridSecretary'] },
  expire: { from: ['claimed'], to: 'open', by: ['system'] },
  remindClaim: { from: ['claimed'], to: null, by: ['system'] },
  fulfil: { from: ['claimed'], to: 'fulfilled', by: ['claimant'] },
  confirm: { from: ['fulfilled'], to: 'confirmed', by: ['owner', 'unitLeader'] },
  dispute: { from: ['fulfilled'], to: 'claimed', by: ['owner', 'unitLeader'] },
  thank: { from: ['confirmed'], to: null, by: ['owner'] },
} as const satisfies TransitionTable<WishStatus>;
export type WishEvent = keyof typeof wishTransitions;

/** Defaults a community may override (社区设置). */
export const wishDefaults = { claimDays: 7, maxOpenClaims: 3, points: 10 } as const;

/** When a claim made at `claimedAt` goes stale. */
/** How long before a claim expires its member is reminded. */
export const CLAIM_REMIND_HOURS = 24;

export function claimExpiry(claimedAt: Date, claimDays: number): string {
  return new Date(claimedAt.getTime() + claimDays * 86400_000).toISOString();
}
