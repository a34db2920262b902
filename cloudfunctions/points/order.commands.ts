import { randomInt } from 'node:crypto';
import { requireMember, stationCommunity } from '../access/access';
import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import type { PointsContract } from '@shared/points/points.contract';
import { PICKUP_ALPHABET } from '@shared/points/points.rules';
import { create, creationNotices, transition, transitionThen, type Moved } from '../core/runtime/change';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { TxStore } from '../core/store/store.port';
import { deliver } from '../messages/messages.port';
import { postEntry } from './ledger';
import type { AccountDoc, OrderDoc, ShopItemDoc } from './points.documents';
import { orderEntity } from './points.entities';
import { orderView } from './shop.view';
import { returnUnit, settleUnit, takeUnit, type Taken } from './stock';

type HoldDoc = { _id: string; count: number };

async function freePickupCode(tx: TxStore, communityId: string): Promise<string> {
  for (;;) {
    const code = Array.from({ length: 8 }, () => PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]).join('');
    if (!(await tx.get('pickupCodes', `${communityId}~${code}`))) return code;
  }
}

/**
 * Redemption happens whole or not at all. The unit is taken first, by a conditional update of the item
 * outside the transaction (`stock.ts`: a rush of members on one item does not conflict); then one
 * transaction writes the debit (a ledger entry keyed by the order), the member's count for the item, the
 * order and its pickup code. The order id comes from the client's request id, so a retry returns the same
 * order, and a retried take finds its unit. When the transaction refuses, the unit goes back on the shelf;
 * when it fails on a fault, the unit stays with the order id for the retry (or the periodic sweep).
 */
export const redeem: Handlers<PointsContract>['redeem'] = async (input, ctx) => {
  const communityId = requireMember(ctx.caller);
  if (isFailure(communityId)) return communityId;
  const openid = ctx.caller.openid;
  const orderId = `${openid}~${input.requestId}`;
  const holdId = `${input.itemId}~${openid}`;
  const [existing, read, account, hold] = await Promise.all([
    ctx.store.get<OrderDoc>('orders', orderId),
    ctx.store.get<ShopItemDoc>('shopItems', input.itemId),
    ctx.store.get<AccountDoc>('accounts', openid),
    ctx.store.get<HoldDoc>('itemHolds', holdId),
  ]);
  if (existing) return { order: orderView(existing, true), balance: account?.balance ?? 0, changed: false };
  let item = read;
  let taken: Taken | undefined;
  // At most a few rounds: the station may change the price or limit between the read and the take.
  for (let round = 0; !taken; round++) {
    if (!item || item.communityId !== communityId) return fail('NOT_FOUND');
    if (!item.active) return fail('POINTS.ITEM_INACTIVE');
    // Refusals known before taking a unit (the transaction checks them again).
    if ((hold?.count ?? 0) >= item.perMemberLimit)
      return failWith('POINTS.LIMIT_REACHED', { limit: item.perMemberLimit });
    if ((account?.balance ?? 0) < item.price) return fail('POINTS.INSUFFICIENT');
    const take = await takeUnit(ctx.store, item, orderId, ctx.now);
    if (isFailure(take)) return take;
    if (typeof take === 'object') {
      if (round >= 2) return fail('BUSY');
      item = take.changed;
    } else taken = take;
  }
  const placing = item;
  if (!placing) return fail('NOT_FOUND');
  const outcome = await placeOrder(ctx, placing, orderId, holdId, communityId).catch(async (error: unknown) => {
    // The transaction failed on a fault, its outcome perhaps unknown: the unit stays with the order id for
    // the client's retry, which finds it, or for the periodic sweep, which returns it if no order came.
    await ctx.store
      .get<OrderDoc>('orders', orderId)
      .then(async (placed) => {
        if (placed) await settleUnit(ctx.store, placing._id, orderId);
      })
      .catch(() => undefined);
    throw error;
  });
  // Refused (balance, limit): no order comes of this one, and the unit goes back. Placed, now or by an
  // earlier try of the same order: the unit is the order's, and the item lets go of the order id. (A try
  // that took a unit after an earlier try's order was settled keeps it: the shelf shows one unit fewer until
  // the station corrects it, which is safer than selling one twice.)
  if (isFailure(outcome)) {
    await returnUnit(ctx.store, placing._id, orderId);
    return outcome;
  }
  // The station is told of the order (once, by key, also when an earlier try placed it) while the unit settles.
  await Promise.all([
    settleUnit(ctx.store, placing._id, orderId).catch((error: unknown) =>
      ctx.rt.log({ level: 'warn', fn: 'redeem.settle', orderId, error: String(error) }),
    ),
    deliver(ctx.rt, creationNotices(ctx, orderEntity, 'place', outcome.order)),
  ]);
  return { order: orderView(outcome.order, true), balance: outcome.balance, changed: outcome.changed };
};

/** The redemption's transaction, once its unit is taken: debit, the member's count, pickup code, order. */
function placeOrder(ctx: Ctx, item: ShopItemDoc, orderId: string, holdId: string, communityId: string) {
  const openid = ctx.caller.openid;
  return ctx.store.transaction(
    async (tx): Promise<Failure | { order: OrderDoc; balance: number; changed: boolean }> => {
      const earlier = await tx.get<OrderDoc>('orders', orderId);
      if (earlier) {
        const now = await tx.get<AccountDoc>('accounts', openid);
        return { order: earlier, balance: now?.balance ?? 0, changed: false };
      }
      const current = (await tx.get<HoldDoc>('itemHolds', holdId)) ?? { _id: holdId, count: 0 };
      if (current.count >= item.perMemberLimit) return failWith('POINTS.LIMIT_REACHED', { limit: item.perMemberLimit });
      const posted = await postEntry(ctx, tx, {
        key: `order~${orderId}`,
        openid,
        communityId,
        kind: 'redeem',
        amount: -item.price,
        reason: `兑换：${item.name}`,
        ref: orderId,
      });
      if (isFailure(posted)) return posted;
      await tx.set('itemHolds', { ...current, count: current.count + 1 });
      const pickupCode = await freePickupCode(tx, communityId);
      await tx.insert('pickupCodes', { _id: `${communityId}~${pickupCode}`, orderId });
      const order: OrderDoc = {
        _id: orderId,
        communityId,
        itemId: item._id,
        itemName: item.name,
        openid,
        memberName: ctx.caller.person?.name ?? '党员',
        price: item.price,
        status: 'placed',
        pickupCode,
        createdAt: ctx.now.toISOString(),
        pickedUpAt: null,
        handedBy: null,
        cancelledAt: null,
      };
      await create(ctx, orderEntity, order, { event: 'place', tx, detail: { itemId: item._id, price: item.price } });
      return { order, balance: posted.balance, changed: true };
    },
  );
}

/** Cancelling refunds with a new entry and returns the stock, together. */
export const cancelOrder: Handlers<PointsContract>['cancelOrder'] = async (input, ctx) => {
  const outcome = await ctx.store.transaction(
    async (tx): Promise<Failure | { moved: Moved<OrderDoc>; balance: number }> => {
      const order = await tx.get<OrderDoc>('orders', input.orderId);
      if (!order || order.openid !== ctx.caller.openid) return fail('NOT_FOUND');
      // The move is checked and written first: nothing else is written when the order is no longer open.
      const moved = await transition(ctx, orderEntity, order, 'cancel', {
        tx,
        as: 'owner',
        changes: { cancelledAt: ctx.now.toISOString() },
        detail: {},
      });
      if (isFailure(moved)) return moved;
      const posted = await postEntry(ctx, tx, {
        key: `refund~${order._id}`,
        openid: order.openid,
        communityId: order.communityId,
        kind: 'refund',
        amount: order.price,
        reason: `取消兑换：${order.itemName}`,
        ref: order._id,
      });
      if (isFailure(posted)) throw new Error(`refund refused: ${posted.failure}`);
      await tx.update('shopItems', order.itemId, { stock: { $inc: 1 } });
      await tx.update('itemHolds', `${order.itemId}~${order.openid}`, { count: { $inc: -1 } });
      await tx.remove('pickupCodes', `${order.communityId}~${order.pickupCode}`);
      return { moved, balance: posted.balance };
    },
  );
  if (isFailure(outcome)) return outcome;
  await deliver(ctx.rt, outcome.moved.notices);
  return { order: orderView(outcome.moved.doc, true), balance: outcome.balance };
};

/** The station hands the item over against the member's pickup code. */
export const handOver: Handlers<PointsContract>['handOver'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx.caller);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const link = await ctx.store.get<{ _id: string; orderId: string }>(
    'pickupCodes',
    `${communityId}~${input.pickupCode}`,
  );
  if (!link) return fail('POINTS.PICKUP_UNKNOWN');
  const order = await ctx.store.get<OrderDoc>('orders', link.orderId);
  if (!order) return fail('POINTS.PICKUP_UNKNOWN');
  return transitionThen(
    ctx,
    orderEntity,
    order,
    'handOver',
    { as: 'stationAdmin', changes: { pickedUpAt: ctx.now.toISOString(), handedBy: ctx.caller.openid }, detail: {} },
    async (m) => {
      await deliver(ctx.rt, m.notices);
      return { order: orderView(m.doc, false) };
    },
  );
};
