import { roleLabels } from '@shared/core/roles';
import { inviteTransitions, type InviteStatus } from '@shared/org/people.rules';
import { statusField, type Entity } from '../core/runtime/change';
import type { GrantDoc } from '../core/runtime/identity';
import type { InviteDoc } from './people.documents';

/** An invitation code: open until someone asks with it, then approved or rejected by a granter over its place. */
export const inviteEntity: Entity<InviteDoc, InviteStatus, typeof inviteTransitions> = {
  name: 'invite',
  collection: 'invites',
  table: inviteTransitions,
  badState: 'INVITE.BAD_STATE',
  ...statusField(),
  history: true,
  audience: {
    requester: (i) => (i.requester ? [{ openids: [i.requester.openid] }] : []),
    station: (i) =>
      i.granter === 'stationAdmin' && i.communityId
        ? [{ role: 'stationAdmin', scope: 'community', scopeId: i.communityId }]
        : [],
    district: (i) =>
      i.granter === 'districtAdmin' ? [{ role: 'districtAdmin', scope: 'district', scopeId: i.districtId }] : [],
  },
  facts: (i, note) => ({
    name: i.requester?.name ?? '',
    role: roleLabels[i.role],
    scope: i.scopeName,
    subject: `${roleLabels[i.role]}（${i.scopeName}）`,
    note: note ?? i.reason ?? '',
  }),
};

/** A grant has no states: this names its notices (`grant.add`, `grant.remove`) to the person who holds it. */
export const grantEntity: Entity<GrantDoc & { scopeName: string }, 'held', Record<string, never>> = {
  name: 'grant',
  collection: 'grants',
  table: {},
  badState: 'NOT_FOUND',
  stateOf: () => 'held',
  guardOf: (g) => ({ _id: g._id }),
  enter: () => ({}),
  history: false,
  audience: { owner: (g) => [{ openids: [g.openid] }] },
  facts: (g) => ({
    role: roleLabels[g.role],
    scope: g.scopeName,
    subject: `${roleLabels[g.role]}（${g.scopeName}）`,
  }),
};
