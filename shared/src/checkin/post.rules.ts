import type { TransitionTable } from '../core/transitions';

/** 岗位 (posts): a duty with places; a member's claim holds one place until they release it. */
export const postClaimStatuses = ['active', 'released'] as const;
export type PostClaimStatus = (typeof postClaimStatuses)[number];

/** A claim released can be taken again (the first claim creates it). */
export const postClaimTransitions = {
  claim: { from: ['released'], to: 'active', by: ['member'] },
  release: { from: ['active'], to: 'released', by: ['owner'] },
} as const satisfies TransitionTable<PostClaimStatus>;
