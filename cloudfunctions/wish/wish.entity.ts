import { wishDefaults, wishTransitions, type WishStatus } from '@shared/wish/wish.rules';
import { statusField, type Entity } from '../core/runtime/change';
import type { Store } from '../core/store/store.port';
import type { CommunitySettingsDoc } from '../org/org.port';
import type { WishDoc } from './wish.documents';

/** A micro-wish moves by its table; every move is a conditional update on the state it read. */
export const wishEntity: Entity<WishDoc, WishStatus, typeof wishTransitions> = {
  name: 'wish',
  collection: 'wishes',
  table: wishTransitions,
  badState: 'WISH.BAD_STATE',
  ...statusField(),
  history: true,
};

/** The community's wish settings, defaults where it set none. */
export async function wishSettings(store: Store, communityId: string) {
  const doc = await store.get<CommunitySettingsDoc>('communitySettings', communityId);
  return {
    claimDays: doc?.wishClaimDays ?? wishDefaults.claimDays,
    maxOpenClaims: doc?.wishMaxOpenClaims ?? wishDefaults.maxOpenClaims,
    points: doc?.wishPoints ?? wishDefaults.points,
  };
}
