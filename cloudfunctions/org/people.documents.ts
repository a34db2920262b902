import type { Role, ScopeKind } from '@shared/core/roles';
import type { GranterRole, InviteStatus } from '@shared/org/people.rules';
import type { HistoryEntry } from '../core/runtime/change';
import type { IndexDef } from '../core/store/indexes';

/**
 * An invitation code's record: made by a granter for a role over a scope, spent by the one person who asks
 * with it, decided by a granter over the same place. The code itself is the record's id, signed
 * (core/runtime/codes.ts `inviteToken`).
 */
export type InviteDoc = {
  _id: string;
  status: InviteStatus;
  role: Role;
  scope: ScopeKind;
  scopeId: string;
  scopeName: string;
  /** The role that appoints it, and where: any holder of it over this place may decide the request. */
  granter: GranterRole;
  districtId: string;
  communityId: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  expiresAt: string;
  requester: { openid: string; name: string; phone: string } | null;
  requestedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  history: HistoryEntry[];
};

/** People and roles: the invitation codes, and the queries over grants by place (see core/store/indexes.ts). */
export const peopleStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['invites'],
  indexes: [
    { collection: 'invites', fields: ['granter', 'districtId', 'createdAt', '_id'] },
    { collection: 'invites', fields: ['granter', 'districtId', 'status', 'createdAt', '_id'] },
    { collection: 'invites', fields: ['granter', 'communityId', 'createdAt', '_id'] },
    { collection: 'invites', fields: ['granter', 'communityId', 'status', 'createdAt', '_id'] },
    // Who holds a role within a district or a community (the grant records where it sits).
    { collection: 'grants', fields: ['role', 'districtId', 'at', '_id'] },
    { collection: 'grants', fields: ['role', 'communityId', 'at', '_id'] },
    { collection: 'people', fields: ['name', '_id'] },
    { collection: 'people', fields: ['communityId', 'name', '_id'] },
  ],
};
