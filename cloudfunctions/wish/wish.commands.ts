import { actingRole, can, requireMember } from '../access/access';
import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import type { Party } from '@shared/core/transitions';
import type { WishContract } from '@shared/wish/wish.contract';
import { claimExpiry, type WishEvent } from '@shared/wish/wish.rules';
import {
  creationNotices,
  transition,
  transitionById,
  transitionThen,
  type Moved,
  type Notice,
  createThen,
} from '../core/runtime/change';
import type { PersonDoc } from '../core/runtime/identity';
import { keyedId } from '../core/runtime/ids';
import { loadPlaces } from '../core/runtime/lookup';
import { ownPhotos } from '../core/runtime/photos';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { TxStore, Where } from '../core/store/store.port';
import { deliver, primeRecipients, type RecipientCache } from '../messages/messages.port';
import { isActive, placeOfUnit, type UnitDoc } from '../org/org.port';
import { recordService, serviceId } from '../points/points.port';
import type { WishDoc, WishHoldDoc } from './wish.documents';
import { wishEntity, wishSettings } from './wish.entity';
import { wishView } from './wish.view';

async function loadWish(ctx: Ctx, id: string): Promise<WishDoc | Failure> {
  return (await ctx.store.get<WishDoc>('wishes', id)) ?? fail('NOT_FOUND');
}

/** One event of the table as `as`, answered with the wish as the caller sees it. */
async function move(
  ctx: Ctx,
  wish: WishDoc,
  event: WishEvent,
  as: Party,
  options: { changes?: Partial<WishDoc>; note?: string | null; guard?: Where } = {},
) {
  return transitionThen(ctx, wishEntity, wish, event, { as, ...options }, (moved) => answer(ctx, moved));
}

/** The wish as the caller sees it, while the move's notices go out. */
async function answer(ctx: Ctx, moved: Moved<WishDoc> | Failure, recipients?: RecipientCache) {
  if (isFailure(moved)) return moved;
  const [, wish] = await Promise.all([deliver(ctx.rt, moved.notices, recipients), wishView(ctx, moved.doc)]);
  return { wish };
}

/** The station (or the grid's secretary) of the wish's place: the role they act in, or the failure. */
function manager(ctx: Ctx, wish: WishDoc): Party | Failure {
  return (
    actingRole(ctx.caller, 'place.manage', { communityId: wish.communityId, gridId: wish.gridId }) ??
    fail('AUTH.OUT_OF_SCOPE')
  );
}

export const postWish: Handlers<WishContract>['postWish'] = async (input, ctx) => {
  const [unit, notYours] = await Promise.all([
    // A unit's place in the tree never changes (units are retired, not moved): the minute's cache serves.
    loadPlaces<UnitDoc>(ctx.store, 'units', [input.unitId]).then((units) => units.get(input.unitId)),
    ownPhotos(ctx, { photo: input.photo }),
  ]);
  if (!unit) return fail('NOT_FOUND', { unitId: '请选择您居住的单元' });
  // A retired unit takes no new wish (the wishes it has keep naming it).
  if (!isActive(unit)) return fail('INPUT.INVALID', { unitId: '该单元已停用，请选择其他单元' });
  if (notYours) return notYours;
  const settings = await wishSettings(ctx.store, unit.communityId);
  const id = input.requestId ? keyedId(ctx.caller.openid, input.requestId) : ctx.rt.newId();
  const draft: Omit<WishDoc, 'history'> = {
    _id: id,
    ...placeOfUnit(unit),
    openid: ctx.caller.openid,
    residentName: ctx.caller.person?.name ?? null,
    residentPhone: input.phone,
    phoneConsent: input.phoneConsent,
    title: input.title,
    description: input.description,
    category: input.category,
    points: settings.points,
    status: 'pending_review',
    reason: null,
    claimedBy: null,
    claimedAt: null,
    claimExpiresAt: null,
    fulfilledAt: null,
    fulfilNote: null,
    photo: input.photo ?? null,
    fulfilPhoto: null,
    confirmedBy: null,
    confirmedAt: null,
    thanks: null,
    createdAt: ctx.now.toISOString(),
  };
  // The reviewers are looked up while the wish is written; they are told, and the answer read, alongside
  // its audit record.
  const recipients: RecipientCache = new Map();
  primeRecipients(ctx.rt, creationNotices(ctx, wishEntity, 'post', draft as WishDoc), recipients);
  return createThen(
    ctx,
    wishEntity,
    draft,
    {
      event: 'post',
      // The consent is recorded with the wish and in its audit record.
      detail: { status: 'pending_review', title: input.title, phoneConsent: input.phoneConsent },
      mine: (w) => w.openid === ctx.caller.openid,
    },
    (created) => answer(ctx, created, recipients),
  );
};

export const cancelWish: Handlers<WishContract>['cancelWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.openid !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  return move(ctx, wish, 'cancel', 'owner');
};

export const thankWish: Handlers<WishContract>['thankWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.openid !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  // Thanks are said once: the update holds only while none were said.
  return move(ctx, wish, 'thank', 'owner', {
    changes: { thanks: input.thanks },
    note: input.thanks,
    guard: { thanks: null },
  });
};

/**
 * The resident (or the unit leader of the wish's unit, when the resident cannot) confirms the
 * fulfilment, which writes the member's service record for the points feature; or says it was not
 * done, which hands the wish back to the member with the note.
 */
export const confirmWish: Handlers<WishContract>['confirmWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const as: Party | null =
    wish.openid === ctx.caller.openid
      ? 'owner'
      : can(ctx.caller, 'unit.confirm', { unitId: wish.unitId })
        ? 'unitLeader'
        : null;
  if (!as) return fail('AUTH.FORBIDDEN');
  if (!input.fulfilled) {
    // Back to the member, it counts among their open claims again.
    const back = await transitionById(ctx, wishEntity, wish._id, 'dispute', {
      as,
      changes: { fulfilledAt: null },
      note: input.note || '居民反馈尚未完成',
      also: async (tx, next) => {
        if (!next.claimedBy) return;
        const hold = await tx.get<WishHoldDoc>('wishHolds', next.claimedBy);
        const claims = [...new Set([...(hold?.claims ?? []), next._id])];
        await tx.set('wishHolds', { _id: next.claimedBy, claims } satisfies WishHoldDoc);
      },
    });
    return answer(ctx, back);
  }
  if (!wish.claimedBy) return fail('WISH.BAD_STATE');
  const now = ctx.now.toISOString();
  const service = serviceId('wish', wish._id);
  let serviceNotices: Notice[] = [];
  const moved: Moved<WishDoc> | Failure = await transitionById(ctx, wishEntity, wish._id, 'confirm', {
    as,
    changes: { confirmedBy: ctx.caller.openid, confirmedAt: now },
    note: input.note ?? null,
    detail: { service },
    also: async (tx, next) => {
      if (!next.claimedBy) throw new Error(`confirmed wish ${next._id} has no claimant`);
      const claimant = await tx.get<PersonDoc>('people', next.claimedBy);
      serviceNotices = await recordService(ctx, tx, {
        openid: next.claimedBy,
        source: 'wish',
        sourceId: next._id,
        communityId: next.communityId,
        unitId: next.unitId,
        confirmer: null,
        description: `微心愿：${next.title}`,
        memberName: claimant?.name ?? '党员',
        hours: 0,
        points: next.points,
        at: now,
      });
    },
  });
  return answer(ctx, isFailure(moved) ? moved : { ...moved, notices: [...moved.notices, ...serviceNotices] });
};

export const reviewWish: Handlers<WishContract>['reviewWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const as = manager(ctx, wish);
  if (isFailure(as)) return as;
  return input.decision === 'approve'
    ? move(ctx, wish, 'approve', as, { changes: input.points !== undefined ? { points: input.points } : {} })
    : move(ctx, wish, 'reject', as, { changes: { reason: input.reason ?? '' }, note: input.reason ?? null });
};

/** A claim that went stale is released by the station so another member can take it. */
export const releaseClaim: Handlers<WishContract>['releaseClaim'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const as = manager(ctx, wish);
  if (isFailure(as)) return as;
  return move(ctx, wish, 'release', as, {
    changes: { claimedBy: null, claimedAt: null, claimExpiresAt: null },
    note: input.reason,
  });
};

/**
 * Exactly one claimant: the claim is a conditional update on `status: 'open'`, the same operation
 * CloudBase runs, so of many members claiming at once one wins and the others learn it was taken.
 */
export const claimWish: Handlers<WishContract>['claimWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  const member = requireMember(ctx.caller, wish.communityId);
  if (isFailure(member)) return member;
  if (wish.status === 'claimed')
    return fail(wish.claimedBy === ctx.caller.openid ? 'WISH.BAD_STATE' : 'WISH.ALREADY_CLAIMED');
  if (wish.status !== 'open') return fail('WISH.BAD_STATE');
  const me = ctx.caller.openid;
  const [settings, found] = await Promise.all([
    wishSettings(ctx.store, wish.communityId),
    // The member's open claims as the indexes see them (this also counts claims made before the hold
    // document existed); inside the transaction each is checked again by id.
    ctx.store.find<WishDoc>('wishes', { where: { claimedBy: me, status: 'claimed' }, limit: 100 }),
  ]);
  const changes = {
    claimedBy: me,
    claimedAt: ctx.now.toISOString(),
    claimExpiresAt: claimExpiry(ctx.now, settings.claimDays),
    claimReminded: false,
    fulfilledAt: null,
    fulfilNote: null,
  };
  // One transaction reads and writes the member's hold document, so two claims by one member at once
  // cannot both pass the limit (the second meets the first's write, retries and counts it), and the
  // wish itself, so of many members claiming it one wins.
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | Moved<WishDoc>> => {
    const current = await tx.get<WishDoc>('wishes', wish._id);
    if (!current) return fail('NOT_FOUND');
    if (current.status === 'claimed') return fail(current.claimedBy === me ? 'WISH.BAD_STATE' : 'WISH.ALREADY_CLAIMED');
    if (current.status !== 'open') return fail('WISH.BAD_STATE');
    const hold = await tx.get<WishHoldDoc>('wishHolds', me);
    const open = await openClaims(tx, me, [...(hold?.claims ?? []), ...found.items.map((w) => w._id)]);
    if (open.length >= settings.maxOpenClaims) return failWith('WISH.TOO_MANY_CLAIMS', { max: settings.maxOpenClaims });
    const moved = await transition(ctx, wishEntity, current, 'claim', { tx, as: 'member', changes });
    if (isFailure(moved)) return moved;
    await tx.set('wishHolds', { _id: me, claims: [...open, current._id] } satisfies WishHoldDoc);
    return moved;
  });
  return answer(ctx, outcome);
};

/** Of these wishes, the ones the member still holds open (read by id inside the transaction). */
async function openClaims(tx: TxStore, openid: string, ids: string[]): Promise<string[]> {
  const open: string[] = [];
  for (const id of new Set(ids)) {
    const w = await tx.get<WishDoc>('wishes', id);
    if (w?.status === 'claimed' && w.claimedBy === openid) open.push(id);
  }
  return open;
}

export const giveUpWish: Handlers<WishContract>['giveUpWish'] = async (input, ctx) => {
  const wish = await loadWish(ctx, input.wishId);
  if (isFailure(wish)) return wish;
  if (wish.claimedBy !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  return move(ctx, wish, 'giveUp', 'claimant', {
    changes: { claimedBy: null, claimedAt: null, claimExpiresAt: null },
    guard: { claimedBy: ctx.caller.openid },
  });
};

export const fulfilWish: Handlers<WishContract>['fulfilWish'] = async (input, ctx) => {
  const [wish, notYours] = await Promise.all([loadWish(ctx, input.wishId), ownPhotos(ctx, { photo: input.photo })]);
  if (isFailure(wish)) return wish;
  if (wish.claimedBy !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  if (notYours) return notYours;
  const changes = {
    fulfilledAt: ctx.now.toISOString(),
    fulfilNote: input.note,
    fulfilPhoto: input.photo ?? null,
    claimExpiresAt: null,
  };
  return move(ctx, wish, 'fulfil', 'claimant', { changes, note: input.note, guard: { claimedBy: ctx.caller.openid } });
};
