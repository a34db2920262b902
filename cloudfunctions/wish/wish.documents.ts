import type { WishCategory, WishStatus } from '@shared/wish/wish.rules';
import type { HistoryEntry } from '../core/runtime/change';
import type { IndexDef } from '../core/store/indexes';

export type WishDoc = {
  _id: string;
  districtId: string;
  communityId: string;
  gridId: string;
  unitId: string;
  openid: string; // the resident who posted it
  residentName: string | null;
  residentPhone: string;
  /** The resident agreed, when posting, that the member who claims it may see the full number and call (absent: no). */
  phoneConsent?: boolean;
  title: string;
  description: string;
  category: WishCategory;
  points: number;
  status: WishStatus;
  reason: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  claimExpiresAt: string | null;
  /** The claimant was reminded before the claim expires (false from the claim on; absent on older claims). */
  claimReminded?: boolean;
  fulfilledAt: string | null;
  fulfilNote: string | null;
  photo: string | null;
  fulfilPhoto: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  thanks: string | null;
  createdAt: string;
  history: HistoryEntry[];
};

/**
 * The wishes a member claimed (some may since have moved on; a claim re-checks each by id). Written in the
 * same transaction as a claim, so one member's claims at once meet here and the limit holds.
 */
export type WishHoldDoc = { _id: string; claims: string[] };

/** The collections this feature owns and every query it makes (see core/store/indexes.ts). */
export const wishStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['wishes', 'wishHolds'],
  indexes: [
    { collection: 'wishes', fields: ['openid', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['openid', 'status', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['communityId', 'status', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['communityId', 'status', 'category', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['gridId', 'status', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['gridId', 'status', 'category', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['districtId', 'status', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['unitId', 'status', 'createdAt', '_id'] },
    { collection: 'wishes', fields: ['claimedBy', 'status', 'claimedAt', '_id'] },
    { collection: 'wishes', fields: ['claimedBy', 'status', 'claimExpiresAt', '_id'] },
    { collection: 'wishes', fields: ['claimedBy', 'claimedAt', '_id'] },
    { collection: 'wishes', fields: ['status', 'claimExpiresAt', '_id'] },
    { collection: 'wishes', fields: ['status', 'claimReminded', 'claimExpiresAt', '_id'] },
  ],
};
