import { fail, isFailure } from '@shared/core/result';
import type { WishContract } from '@shared/wish/wish.contract';
import type { PersonDoc, ServiceDoc, UnitDoc, WishDoc } from '../core/runtime/documents';
import type { Handlers } from '../core/runtime/router';
import { loadWish, move, wishSettings } from './wish.move';
import { wishView, wishViews } from './wish.view';

export const postWish: Handlers<WishContract>['postWish'] = async (input, ctx) => {
  const unit = await ctx.store.get<UnitDoc>('units', input.unitId);
  if (!unit) return fail('NOT_FOUND', undefined, { unitId: '请选择您居住的单元' });
  const settings = await wishSettings(ctx, unit.communityId);
  const now = ctx.now.toISOString();
  const wish: WishDoc = {
    _id: ctx.rt.newId(), districtId: unit.districtId, communityId: unit.communityId, gridId: unit.gridId, unitId: unit._id,
    openid: ctx.caller.openid, residentName: ctx.caller.person?.name ?? null, residentPhone: input.phone,
    title: input.title, description: input.description, category: input.category, points: settings.points, status: 'pending_review',
    reason: null, claimedBy: null, claimedAt: null, claimExpiresAt: null, fulfilledAt: null, fulfilNote: null,
    photo: input.photo ?? null, fulfilPhoto: null, confirmedBy: null, confirmedAt: null, thanks: null, createdAt: now,
    history: [{ at: now, by: ctx.caller.openid, from: null, to: 'pending_review', note: null }],
  };
  await ctx.store.insert('wishes', wish);
  await ctx.audit({ action: 'wish.post', entity: 'wishes', entityId: wish._id, before: null, after: { status: wish.status, title: wish.title } });
  return { wish: await wishView(ctx, wish) };
};

export const myWishes: Handlers<WishContract>['myWishes'] = async (input, ctx) => {
  const page = await ctx.store.find<WishDoc>('wishes', { where: { openid: ctx.caller.openid }, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await wishViews(ctx, page.items), next: page.next };
};

export const cancelWish: Handlers<WishContract>['cancelWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.openid !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  const moved = await move(ctx, wish, 'cancel', {}, null);
  return isFailure(moved) ? moved : { wish: await wishView(ctx, moved) };
};

export const thankWish: Handlers<WishContract>['thankWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.openid !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  const changed = await ctx.store.update('wishes', { _id: wish._id, status: 'confirmed', thanks: null }, { thanks: input.thanks });
  if (!changed) return fail('WISH.BAD_STATE');
  await ctx.audit({ action: 'wish.thank', entity: 'wishes', entityId: wish._id, before: { thanks: null }, after: { thanks: input.thanks } });
  return { wish: await wishView(ctx, { ...wish, thanks: input.thanks }) };
};

/**
 * The resident (or the unit leader of the wish's unit, when the resident cannot) confirms the
 * fulfilment, which writes the member's service record for the points feature; or says it was not
 * done, which hands the wish back to the member with the note.
 */
export const confirmWish: Handlers<WishContract>['confirmWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const leader = ctx.scope(['unitLeader'], { unitId: wish.unitId });
  if (wish.openid !== ctx.caller.openid && isFailure(leader)) return fail('AUTH.FORBIDDEN');
  if (!input.fulfilled) {
    const back = await move(ctx, wish, 'dispute', { fulfilledAt: null }, input.note || '居民反馈尚未完成');
    return isFailure(back) ? back : { wish: await wishView(ctx, back) };
  }
  const now = ctx.now.toISOString();
  const done = await ctx.store.transaction(async (tx) => {
    const current = await tx.get<WishDoc>('wishes', wish._id);
    if (!current || current.status !== 'fulfilled' || !current.claimedBy) return null;
    const entry = { at: now, by: ctx.caller.openid, from: 'fulfilled', to: 'confirmed', note: input.note ?? null };
    await tx.update('wishes', wish._id, { status: 'confirmed', confirmedBy: ctx.caller.openid, confirmedAt: now, history: { $push: entry } });
    const claimant = await tx.get<PersonDoc>('people', current.claimedBy);
    const service: ServiceDoc = {
      _id: `wish~${wish._id}`, openid: current.claimedBy, source: 'wish', sourceId: wish._id, communityId: wish.communityId,
      unitId: wish.unitId, confirmer: null, description: `微心愿：${wish.title}`, memberName: claimant?.name ?? '党员',
      hours: 0, points: current.points, at: now, status: 'pending', createdAt: now,
    };
    await tx.set('services', service);
    await ctx.audit({ action: 'wish.confirm', entity: 'wishes', entityId: wish._id, before: { status: 'fulfilled' }, after: { status: 'confirmed', service: service._id } }, tx);
    return { ...current, status: 'confirmed' as const, confirmedBy: ctx.caller.openid, confirmedAt: now, history: [...current.history, entry] };
  });
  return done ? { wish: await wishView(ctx, done) } : fail('WISH.BAD_STATE');
};
