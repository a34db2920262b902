import type { Role, ScopeKind } from '../core/roles';

/**
 * Who may give which role, over which kind of scope (issue 15, part 1). The district's organisation
 * department appoints the stations, the departments' staff, the employer organisations' admins and its own
 * colleagues; a station appoints its colleagues, its grid secretaries and its unit leaders. Members are not
 * appointed: they report (报到) and the station approves.
 */
export type GrantableRole = { role: Role; scope: ScopeKind; within: 'district' | 'community' };

export const grantable: Partial<Record<Role, readonly GrantableRole[]>> = {
  districtAdmin: [
    { role: 'stationAdmin', scope: 'community', within: 'district' },
    { role: 'department', scope: 'department', within: 'district' },
    { role: 'orgAdmin', scope: 'org', within: 'district' },
    { role: 'districtAdmin', scope: 'district', within: 'district' },
  ],
  stationAdmin: [
    { role: 'gridSecretary', scope: 'grid', within: 'community' },
    { role: 'unitLeader', scope: 'unit', within: 'community' },
    { role: 'stationAdmin', scope: 'community', within: 'community' },
  ],
};

/** The roles that appoint others (the granters). */
export const granterRoles = ['districtAdmin', 'stationAdmin'] as const satisfies readonly Role[];
export type GranterRole = (typeof granterRoles)[number];

/**
 * An invitation code's life: a granter makes it (open) for a role and scope; the new staff member scans it
 * and asks (requested, with their name and phone); a granter over that scope approves (the role is granted)
 * or rejects; an open code can be withdrawn. A code is for one person: once asked with, it is spent.
 */
export const inviteStatuses = ['open', 'requested', 'approved', 'rejected', 'revoked'] as const;
export type InviteStatus = (typeof inviteStatuses)[number];

export const inviteTransitions = {
  request: { from: ['open'], to: 'requested', by: ['resident'] },
  approve: { from: ['requested'], to: 'approved', by: ['districtAdmin', 'stationAdmin'] },
  reject: { from: ['requested'], to: 'rejected', by: ['districtAdmin', 'stationAdmin'] },
  revoke: { from: ['open'], to: 'revoked', by: ['districtAdmin', 'stationAdmin'] },
} as const;

export const inviteStatusLabels: Record<InviteStatus, string> = {
  open: '待扫码',
  requested: '待审批',
  approved: '已通过',
  rejected: '未通过',
  revoked: '已作废',
};

/** How long a code may be scanned, in days. */
export const INVITE_DAYS = { min: 1, max: 30, default: 7 } as const;
