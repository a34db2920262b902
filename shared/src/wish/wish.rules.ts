import type { TransitionTable } from '../core/transitions';

/**
 * 微心愿 (micro-wish) lifecycle: a resident posts, the station or grid reviews, exactly one member
 * claims and fulfils, the resident (or the unit leader) confirms. One table holds every transition.
 */
export const wishStatuses = ['pending_review', 'open', 'claimed', 'fulfilled', 'confirmed', 'rejected', 'cancelled'] as const;
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

/** The events that move a wish, and the states each may start from. */
export const wishTransitions = {
  approve: { from: ['pending_review'], to: 'open' },
  reject: { from: ['pending_review'], to: 'rejected' },
  cancel: { from: ['pending_review', 'open'], to: 'cancelled' },
  claim: { from: ['open'], to: 'claimed' },
  giveUp: { from: ['claimed'], to: 'open' },
  release: { from: ['claimed'], to: 'open' },
  expire: { from: ['claimed'], to: 'open' },
  fulfil: { from: ['claimed'], to: 'fulfilled' },
  confirm: { from: ['fulfilled'], to: 'confirmed' },
  dispute: { from: ['fulfilled'], to: 'claimed' },
} as const satisfies TransitionTable<WishStatus>;
export type WishEvent = keyof typeof wishTransitions;

export function isTerminal(status: WishStatus): boolean {
  return status === 'confirmed' || status === 'rejected' || status === 'cancelled';
}

/** Defaults a community may override (社区设置). */
export const wishDefaults = { claimDays: 7, maxOpenClaims: 3, points: 10 } as const;

/** When a claim made at `claimedAt` goes stale. */
export function claimExpiry(claimedAt: Date, claimDays: number): string {
  return new Date(claimedAt.getTime() + claimDays * 86400_000).toISOString();
}
