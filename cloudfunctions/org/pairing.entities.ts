import { beijingDeadline } from '@shared/core/time';
import { pairingTransitions, type PairingStatus } from '@shared/org/pairing.rules';
import { statusField, type Entity } from '../core/runtime/change';
import type { PairingDoc, PairingVisitDoc } from './pairing.documents';

const toOrg = (orgId: string) => ({ role: 'orgAdmin' as const, scope: 'org' as const, scopeId: orgId });

/** An organisation's pairing: waiting, asked of a community, paired. */
export const pairingEntity: Entity<PairingDoc, PairingStatus, typeof pairingTransitions> = {
  name: 'pairing',
  collection: 'pairings',
  table: pairingTransitions,
  badState: 'PAIRING.BAD_STATE',
  ...statusField(),
  history: true,
  audience: {
    orgAdmin: (p) => [toOrg(p.orgId)],
    // The community asked: the one it names now, or (declined) the one it named before.
    station: (p, before) => {
      const communityId = p.communityId ?? before.communityId;
      return communityId ? [{ role: 'stationAdmin', scope: 'community', scopeId: communityId }] : [];
    },
    district: (p) => [{ role: 'districtAdmin', scope: 'district', scopeId: p.districtId }],
  },
  facts: (p, note) => ({
    org: p.orgName,
    community: p.communityName ?? '',
    deadline: beijingDeadline(p.deadlineAt),
    subject: `结对共建：${p.orgName}`,
    note: note ?? p.reason ?? '',
  }),
};

/** A visit has no states: this names its notice (`visit.log`) to the community's station. */
export const visitEntity: Entity<PairingVisitDoc, 'logged', Record<string, never>> = {
  name: 'visit',
  collection: 'pairingVisits',
  table: {},
  badState: 'NOT_FOUND',
  stateOf: () => 'logged',
  guardOf: (v) => ({ _id: v._id }),
  enter: () => ({}),
  history: false,
  audience: { station: (v) => [{ role: 'stationAdmin', scope: 'community', scopeId: v.communityId }] },
  facts: (v) => ({
    org: v.orgName,
    date: v.date,
    solved: String(v.problemsSolved),
    subject: `结对服务：${v.orgName}`,
  }),
};
