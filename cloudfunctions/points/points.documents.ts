import type { IndexDef } from '../core/store/indexes';

/**
 * A service record (志愿服务记录): what the points feature credits once it is confirmed. Activity
 * attendances and confirmed wishes write one; members log their own. The unit leader of `unitId`
 * confirms it, or for an activity its organiser (`confirmer`).
 */
export type ServiceDoc = {
  _id: string; // activity~<attendanceId>, wish~<wishId> or self~<id>
  openid: string;
  source: 'activity' | 'wish' | 'self';
  sourceId: string;
  communityId: string;
  unitId: string | null;
  confirmer: string | null;
  description: string;
  memberName: string;
  hours: number;
  /** A wish carries the points the station set for it. */
  points?: number;
  at: string;
  status: 'pending' | 'confirmed' | 'rejected';
  createdAt: string;
  reviewedBy?: string | null;
  reviewedAt?: string | null;
  reason?: string | null;
  credited?: number | null;
};

export type LedgerDoc = {
  _id: string; // svc~<serviceId> | order~<orderId> | refund~<orderId> | rev~<entryId>
  openid: string;
  communityId: string;
  kind: 'credit' | 'redeem' | 'refund' | 'reversal';
  amount: number;
  reason: string;
  ref: string;
  at: string;
  by: string;
  balanceAfter: number;
  /** The entry's place in the member's ledger (1, 2, …): history reads in posting order. */
  seq: number;
};

export type AccountDoc = { _id: string; communityId: string; balance: number; seq: number; updatedAt: string };
/**
 * A community's points issued and redeemed, kept in STATS_SHARDS documents (`<community>~<n>`, by the
 * member) so that many members' postings at once do not all write one document; a community's figure is
 * their sum (with `<community>` itself, where figures were kept before the shards). `m<YYYYMM>_issued` and
 * `m<YYYYMM>_redeemed`: the Beijing month's figures (since the dashboards, issue 16).
 */
export type PointsStatsDoc = {
  _id: string;
  communityId?: string;
  issued: number;
  redeemed: number;
} & Record<`m${string}_${'issued' | 'redeemed'}`, number>;
export const STATS_SHARDS = 32;

export function statsShardId(communityId: string, openid: string): string {
  let h = 0;
  for (const c of openid) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${communityId}~${h % STATS_SHARDS}`;
}

export function statsIds(communityId: string): string[] {
  return [communityId, ...Array.from({ length: STATS_SHARDS }, (_, i) => `${communityId}~${i}`)];
}

export type ShopItemDoc = {
  _id: string;
  communityId: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  perMemberLimit: number;
  active: boolean;
  createdAt: string;
  /**
   * Units taken off the shelf for redemptions still in flight, by order id (see `takeUnit`): a unit is
   * taken by a conditional update of this document alone, outside the redemption's transaction, so a
   * rush does not make every transaction conflict on it; keyed, so a retried take never takes twice.
   */
  takers?: string[];
  /** How many order ids `takers` holds (the sweep looks only at items with some). */
  reserved?: number;
  /** When the last unit was taken. */
  lastTakeAt?: string;
};

export type OrderDoc = {
  _id: string; // <openid>~<requestId>: a retried redemption finds its order
  communityId: string;
  itemId: string;
  itemName: string;
  openid: string;
  memberName: string;
  price: number;
  status: 'placed' | 'picked_up' | 'cancelled';
  pickupCode: string;
  createdAt: string;
  pickedUpAt: string | null;
  handedBy: string | null;
  cancelledAt: string | null;
};

/** The collections this feature owns and every query it makes (see core/store/indexes.ts). */
export const pointsStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['accounts', 'itemHolds', 'ledger', 'orders', 'pickupCodes', 'pointsStats', 'services', 'shopItems'],
  indexes: [
    { collection: 'ledger', fields: ['openid', 'seq', '_id'] },
    // The district's dashboard: its communities' shards, many communities at once.
    { collection: 'pointsStats', fields: ['communityId', '_id'] },
    // The 积分台账 export: many members' entries of a period at once.
    { collection: 'ledger', fields: ['openid', 'at', '_id'] },
    { collection: 'orders', fields: ['openid', 'createdAt', '_id'] },
    { collection: 'orders', fields: ['communityId', 'status', 'createdAt', '_id'] },
    { collection: 'services', fields: ['openid', 'at', '_id'] },
    { collection: 'services', fields: ['unitId', 'status', 'at', '_id'] },
    { collection: 'services', fields: ['confirmer', 'status', 'at', '_id'] },
    { collection: 'shopItems', fields: ['communityId', 'active', 'createdAt', '_id'] },
    { collection: 'shopItems', fields: ['communityId', 'createdAt', '_id'] },
    { collection: 'shopItems', fields: ['reserved', '_id'] },
  ],
};
