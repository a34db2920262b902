import { randomInt } from 'node:crypto';
import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import type { OrderView, PointsContract } from '@shared/points/points.contract';
import { PICKUP_ALPHABET } from '@shared/points/points.rules';
import type { AccountDoc, OrderDoc, ShopItemDoc } from '../core/runtime/documents';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { TxStore } from '../core/store/store.port';
import { memberCommunity } from '../checkin/place';
import { postEntry } from './ledger';

const itemView = (i: ShopItemDoc) => ({ id: i._id, name: i.name, description: i.description, price: i.price, stock: i.stock, perMemberLimit: i.perMemberLimit, active: i.active });

/** The member sees their own pickup code; the station sees it only once the order is handed over. */
function orderView(o: OrderDoc, forMember: boolean): OrderView {
  return {
    id: o._id, itemName: o.itemName, memberName: o.memberName, price: o.price, status: o.status,
    pickupCode: forMember ? o.pickupCode : null, createdAt: o.createdAt, pickedUpAt: o.pickedUpAt,
  };
}

function stationCommunity(ctx: Ctx): string | null {
  return ctx.caller.grants.find((g) => g.role === 'stationAdmin')?.scopeId ?? null;
}

async function freePickupCode(tx: TxStore, communityId: string): Promise<string> {
  for (;;) {
    const code = Array.from({ length: 8 }, () => PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)]).join('');
    if (!(await tx.get('pickupCodes', `${communityId}~${code}`))) return code;
  }
}

export const listItems: Handlers<PointsContract>['listItems'] = async (input, ctx) => {
  const station = stationCommunity(ctx);
  const communityId = station ?? memberCommunity(ctx);
  if (!communityId) return fail('CHECKIN.NOT_A_MEMBER');
  const all = Boolean(station && input.includeInactive);
  const page = await ctx.store.find<ShopItemDoc>('shopItems', {
    where: all ? { communityId } : { communityId, active: true },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: page.items.map(itemView), next: page.next };
};

/** The station puts an item on the shelf or changes it (price, stock, limit, on or off the shelf). */
export const saveItem: Handlers<PointsContract>['saveItem'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const fields = { name: input.name, description: input.description, price: input.price, stock: input.stock, perMemberLimit: input.perMemberLimit, active: input.active };
  if (!input.itemId) {
    const item: ShopItemDoc = { _id: ctx.rt.newId(), communityId, ...fields, createdAt: ctx.now.toISOString() };
    await ctx.store.insert('shopItems', item);
    await ctx.audit({ action: 'shop.create', entity: 'shopItems', entityId: item._id, before: null, after: fields });
    return { item: itemView(item) };
  }
  const itemId = input.itemId;
  const saved = await ctx.store.transaction(async (tx): Promise<ShopItemDoc | Failure> => {
    const item = await tx.get<ShopItemDoc>('shopItems', itemId);
    if (!item) return fail('NOT_FOUND');
    if (item.communityId !== communityId) return fail('AUTH.OUT_OF_SCOPE');
    await tx.update('shopItems', item._id, fields);
    await ctx.audit({ action: 'shop.update', entity: 'shopItems', entityId: item._id, before: itemView(item), after: fields }, tx);
    return { ...item, ...fields };
  });
  return isFailure(saved) ? saved : { item: itemView(saved) };
};

/**
 * Redemption happens whole or not at all, in one transaction: debit (a ledger entry keyed by the
 * order), stock, the member's count for the item, the order and its pickup code. The order id comes
 * from the client's request id, so a retry returns the same order.
 */
export const redeem: Handlers<PointsContract>['redeem'] = async (input, ctx) => {
  const communityId = memberCommunity(ctx);
  if (!communityId) return fail('CHECKIN.NOT_A_MEMBER');
  const orderId = `${ctx.caller.openid}~${input.requestId}`;
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { order: OrderDoc; balance: number; changed: boolean }> => {
    const existing = await tx.get<OrderDoc>('orders', orderId);
    const account = await tx.get<AccountDoc>('accounts', ctx.caller.openid);
    if (existing) return { order: existing, balance: account?.balance ?? 0, changed: false };
    const item = await tx.get<ShopItemDoc>('shopItems', input.itemId);
    if (!item || item.communityId !== communityId) return fail('NOT_FOUND');
    if (!item.active) return fail('POINTS.ITEM_INACTIVE');
    if (item.stock <= 0) return fail('POINTS.OUT_OF_STOCK');
    const holdId = `${item._id}~${ctx.caller.openid}`;
    const hold = (await tx.get<{ _id: string; count: number }>('itemHolds', holdId)) ?? { _id: holdId, count: 0 };
    if (hold.count >= item.perMemberLimit) return failWith('POINTS.LIMIT_REACHED', { limit: item.perMemberLimit });
    const posted = await postEntry(ctx, tx, { key: `order~${orderId}`, openid: ctx.caller.openid, communityId, kind: 'redeem', amount: -item.price, reason: `兑换：${item.name}`, ref: orderId });
    if (isFailure(posted)) return posted;
    await tx.update('shopItems', item._id, { stock: { $inc: -1 } });
    await tx.set('itemHolds', { ...hold, count: hold.count + 1 });
    const pickupCode = await freePickupCode(tx, communityId);
    await tx.insert('pickupCodes', { _id: `${communityId}~${pickupCode}`, orderId });
    const order: OrderDoc = {
      _id: orderId, communityId, itemId: item._id, itemName: item.name, openid: ctx.caller.openid, memberName: ctx.caller.person?.name ?? '党员',
      price: item.price, status: 'placed', pickupCode, createdAt: ctx.now.toISOString(), pickedUpAt: null, handedBy: null, cancelledAt: null,
    };
    await tx.insert('orders', order);
    await ctx.audit({ action: 'order.place', entity: 'orders', entityId: orderId, before: null, after: { itemId: item._id, price: item.price } }, tx);
    return { order, balance: posted.balance, changed: true };
  });
  if (isFailure(outcome)) return outcome;
  return { order: orderView(outcome.order, true), balance: outcome.balance, changed: outcome.changed };
};

export const myOrders: Handlers<PointsContract>['myOrders'] = async (input, ctx) => {
  const page = await ctx.store.find<OrderDoc>('orders', { where: { openid: ctx.caller.openid }, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: page.items.map((o) => orderView(o, true)), next: page.next };
};

/** Cancelling refunds with a new entry and returns the stock, together. */
export const cancelOrder: Handlers<PointsContract>['cancelOrder'] = async (input, ctx) => {
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { order: OrderDoc; balance: number }> => {
    const order = await tx.get<OrderDoc>('orders', input.orderId);
    if (!order || order.openid !== ctx.caller.openid) return fail('NOT_FOUND');
    if (order.status !== 'placed') return fail('POINTS.ORDER_NOT_OPEN');
    const posted = await postEntry(ctx, tx, { key: `refund~${order._id}`, openid: order.openid, communityId: order.communityId, kind: 'refund', amount: order.price, reason: `取消兑换：${order.itemName}`, ref: order._id });
    if (isFailure(posted)) return posted;
    const cancelledAt = ctx.now.toISOString();
    await tx.update('orders', order._id, { status: 'cancelled', cancelledAt });
    await tx.update('shopItems', order.itemId, { stock: { $inc: 1 } });
    await tx.update('itemHolds', `${order.itemId}~${order.openid}`, { count: { $inc: -1 } });
    await tx.remove('pickupCodes', `${order.communityId}~${order.pickupCode}`);
    await ctx.audit({ action: 'order.cancel', entity: 'orders', entityId: order._id, before: { status: 'placed' }, after: { status: 'cancelled' } }, tx);
    return { order: { ...order, status: 'cancelled', cancelledAt }, balance: posted.balance };
  });
  return isFailure(outcome) ? outcome : { order: orderView(outcome.order, true), balance: outcome.balance };
};

/** The station hands the item over against the member's pickup code. */
export const handOver: Handlers<PointsContract>['handOver'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const link = await ctx.store.get<{ _id: string; orderId: string }>('pickupCodes', `${communityId}~${input.pickupCode}`);
  if (!link) return fail('POINTS.PICKUP_UNKNOWN');
  const pickedUpAt = ctx.now.toISOString();
  const changed = await ctx.store.update('orders', { _id: link.orderId, status: 'placed' }, { status: 'picked_up', pickedUpAt, handedBy: ctx.caller.openid });
  if (!changed) return fail('POINTS.ORDER_NOT_OPEN');
  await ctx.audit({ action: 'order.handOver', entity: 'orders', entityId: link.orderId, before: { status: 'placed' }, after: { status: 'picked_up' } });
  const order = (await ctx.store.get<OrderDoc>('orders', link.orderId)) as OrderDoc;
  return { order: orderView(order, false) };
};

export const stationOrders: Handlers<PointsContract>['stationOrders'] = async (input, ctx) => {
  const communityId = stationCommunity(ctx);
  if (!communityId) return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<OrderDoc>('orders', { where: { communityId, status: input.status }, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: page.items.map((o) => orderView(o, false)), next: page.next };
};
