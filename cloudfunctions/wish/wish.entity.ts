import { wishDefaults, wishTransitions, type WishStatus } from '@shared/wish/wish.rules';
import { clause, excerpt } from '@shared/core/text';
import { beijing } from '@shared/core/time';
import { statusField, type Entity } from '../core/runtime/change';
import { withinPlaces } from '../core/runtime/counters';
import type { Store } from '../core/store/store.port';
import { keepHalfYears, wishClaimContribution } from '../checkin/checkin.port';
import { settingsOf } from '../org/org.port';
import type { WishDoc } from './wish.documents';

/** A micro-wish moves by its table; every move is a conditional update on the state it read. */
export const wishEntity: Entity<WishDoc, WishStatus, typeof wishTransitions> = {
  name: 'wish',
  collection: 'wishes',
  table: wishTransitions,
  badState: 'WISH.BAD_STATE',
  ...statusField(),
  history: true,
  counted: {
    kind: 'wish',
    place: (w) => ({ districtId: w.districtId, communityId: w.communityId }),
    within: (w) => withinPlaces({ g: w.gridId }),
  },
  // A wish counts for its claimant's half-year rule while it names them (checkin's half-year counters); a
  // release, a give-up or an expiry clears the claimant. (Called late: checkin's port may still be loading.)
  inTx: (tx, next, before) => keepHalfYears(tx, wishClaimContribution(before), wishClaimContribution(next)),
  audience: {
    owner: (w) => [{ openids: [w.openid] }],
    claimant: (w) => (w.claimedBy ? [{ openids: [w.claimedBy] }] : []),
    formerClaimant: (_w, before) => (before.claimedBy ? [{ openids: [before.claimedBy] }] : []),
    reviewers: (w) => [
      { role: 'stationAdmin', scope: 'community', scopeId: w.communityId },
      { role: 'gridSecretary', scope: 'grid', scopeId: w.gridId },
    ],
    unitLeader: (w) => [{ role: 'unitLeader', scope: 'unit', scopeId: w.unitId }],
  },
  facts: (w, note) => ({
    subject: excerpt(w.title, 20),
    title: w.title,
    note: clause(note ?? ''),
    thanks: w.thanks ?? '',
    points: String(w.points),
    claimExpiresAt: w.claimExpiresAt ? beijing(w.claimExpiresAt, 'MM月DD日 HH:mm') : '',
  }),
};

/** The community's wish settings, defaults where it set none. */
export async function wishSettings(store: Store, communityId: string) {
  const doc = await settingsOf(store, communityId);
  return {
    claimDays: doc?.wishClaimDays ?? wishDefaults.claimDays,
    maxOpenClaims: doc?.wishMaxOpenClaims ?? wishDefaults.maxOpenClaims,
    points: doc?.wishPoints ?? wishDefaults.points,
  };
}
