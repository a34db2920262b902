import { fail, type Failure } from '@shared/core/result';
import { canMove } from '@shared/core/transitions';
import { wishTransitions, type WishEvent } from '@shared/wish/wish.rules';
import type { CommunitySettingsDoc, HistoryEntry, WishDoc } from '../core/runtime/documents';
import type { Ctx } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import { wishDefaults } from '@shared/wish/wish.rules';

/**
 * Applies one event of the transition table with a conditional update on the state it read, so two
 * people acting at once cannot both move the wish; appends history and an audit record.
 */
export async function move(
  ctx: Ctx,
  wish: WishDoc,
  event: WishEvent,
  changes: Partial<WishDoc>,
  note: string | null,
  guard: Where = {},
): Promise<WishDoc | Failure> {
  if (!canMove(wishTransitions, event, wish.status)) return fail('WISH.BAD_STATE');
  const to = wishTransitions[event].to;
  const entry: HistoryEntry = { at: ctx.now.toISOString(), by: ctx.caller.openid, from: wish.status, to, note };
  const changed = await ctx.store.update('wishes', { _id: wish._id, status: wish.status, ...guard }, { ...changes, status: to, history: { $push: entry } });
  if (!changed) return fail('WISH.BAD_STATE');
  await ctx.audit({ action: `wish.${event}`, entity: 'wishes', entityId: wish._id, before: { status: wish.status }, after: { status: to, ...changes } });
  return { ...wish, ...changes, status: to, history: [...wish.history, entry] };
}

export async function loadWish(ctx: Ctx, id: string): Promise<WishDoc | Failure> {
  return (await ctx.store.get<WishDoc>('wishes', id)) ?? fail('NOT_FOUND');
}

export async function wishSettings(ctx: Ctx, communityId: string) {
  const doc = await ctx.store.get<CommunitySettingsDoc>('communitySettings', communityId);
  return {
    claimDays: doc?.wishClaimDays ?? wishDefaults.claimDays,
    maxOpenClaims: doc?.wishMaxOpenClaims ?? wishDefaults.maxOpenClaims,
    points: doc?.wishPoints ?? wishDefaults.points,
  };
}
