import type { TransitionTable } from '../core/transitions';

/**
 * 报到 (report-in, here called an enrolment) lifecycle. A member reports to the community where they live; the station
 * approves (the receipt 回执 their organisation sees) or rejects with a reason. A person belongs to
 * one community at a time: approving a report to a new community moves them out of the old one.
 */
export const enrolmentStatuses = ['pending', 'approved', 'rejected', 'withdrawn', 'moved'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  pending: '待审核',
  approved: '已报到',
  rejected: '已驳回',
  withdrawn: '已撤回',
  moved: '已转出',
};

/**
 * Every move of a 报到: the person resubmits after a rejection (or after leaving); the station approves
 * or rejects; a pending 报到 is withdrawn when the person reports to another community instead, and an
 * approved one is moved out when the station of their new community approves them there.
 */
export const enrolmentTransitions = {
  resubmit: { from: ['rejected', 'withdrawn', 'moved'], to: 'pending', by: ['owner'] },
  approve: { from: ['pending'], to: 'approved', by: ['stationAdmin'] },
  reject: { from: ['pending'], to: 'rejected', by: ['stationAdmin'] },
  withdraw: { from: ['pending'], to: 'withdrawn', by: ['owner'] },
  move: { from: ['approved'], to: 'moved', by: ['stationAdmin'] },
} as const satisfies TransitionTable<EnrolmentStatus>;
export type EnrolmentEvent = keyof typeof enrolmentTransitions;

/** A report that still counts: waiting for review or approved. */
export function isActive(status: EnrolmentStatus): boolean {
  return status === 'pending' || status === 'approved';
}

export type EnrolmentFields = { name: string; phone: string; orgId: string; unitId: string; gridId: string };

/**
 * What a submission does, given the caller's report to this community (if any).
 * Submitting again while pending or approved changes nothing (idempotent).
 */
export type SubmitPlan = { kind: 'create' } | { kind: 'unchanged' } | { kind: 'resubmit'; from: EnrolmentStatus };

export function planSubmission(existing: { status: EnrolmentStatus } | null): SubmitPlan {
  if (!existing) return { kind: 'create' };
  if (isActive(existing.status)) return { kind: 'unchanged' };
  return { kind: 'resubmit', from: existing.status };
}

/** The id of a person's 报到 to a community: one document per pair, so a duplicate insert conflicts. */
export function enrolmentId(openid: string, communityId: string): string {
  return `${communityId}~${openid}`;
}
