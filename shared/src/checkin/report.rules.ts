/**
 * 报到 (report-in) lifecycle. A member reports to the community where they live; the station
 * approves (the receipt 回执 their organisation sees) or rejects with a reason. A person belongs to
 * one community at a time: approving a report to a new community moves them out of the old one.
 */
export const reportStatuses = ['pending', 'approved', 'rejected', 'withdrawn', 'moved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const reportStatusLabels: Record<ReportStatus, string> = {
  pending: '待审核',
  approved: '已报到',
  rejected: '已驳回',
  withdrawn: '已撤回',
  moved: '已转出',
};

const transitions: Record<ReportStatus, readonly ReportStatus[]> = {
  pending: ['approved', 'rejected', 'withdrawn'],
  approved: ['moved'],
  rejected: ['pending'],
  withdrawn: ['pending'],
  moved: ['pending'],
};

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return transitions[from].includes(to);
}

/** A report that still counts: waiting for review or approved. */
export function isActive(status: ReportStatus): boolean {
  return status === 'pending' || status === 'approved';
}

export type ReportFields = { name: string; phone: string; orgId: string; unitId: string; gridId: string };

/**
 * What a submission does, given the caller's report to this community (if any).
 * Submitting again while pending or approved changes nothing (idempotent).
 */
export type SubmitPlan = { kind: 'create' } | { kind: 'unchanged' } | { kind: 'resubmit'; from: ReportStatus };

export function planSubmission(existing: { status: ReportStatus } | null): SubmitPlan {
  if (!existing) return { kind: 'create' };
  if (isActive(existing.status)) return { kind: 'unchanged' };
  return { kind: 'resubmit', from: existing.status };
}

/** The id of a person's report to a community: one document per pair, so a duplicate insert conflicts. */
export function reportId(openid: string, communityId: string): string {
  return `${communityId}~${openid}`;
}
