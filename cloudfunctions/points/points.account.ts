import type { DataItem } from '@shared/org/account.contract';
import { entryKindLabels, orderStatusLabels, serviceStatusLabels } from '@shared/points/points.rules';
import { scrubRecord, type Changer } from '../core/runtime/change';
import { drain, erasedAlready, ownPage } from '../core/runtime/own-data';
import { ERASED_NAME, type Subject } from '../core/runtime/pseudonym';
import type { Store } from '../core/store/store.port';
import type { AccountDoc, LedgerDoc, OrderDoc, ServiceDoc } from './points.documents';

/** 我的数据 and 注销 for points: service records, the ledger and its balance, shop orders. */
type Touched = { entity: string; entityId: string };
type HoldDoc = { _id: string; count: number };

export async function balanceOf(store: Store, openid: string): Promise<number> {
  return (await store.get<AccountDoc>('accounts', openid))?.balance ?? 0;
}

export async function servicesOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<ServiceDoc>(store, 'services', { openid }, 'at', cursor);
  return {
    items: page.items.map((s): DataItem => ({
      id: s._id,
      title: s.description,
      status: serviceStatusLabels[s.status],
      at: s.at,
      lines: [`${s.hours}小时`, ...(s.credited ? [`获得积分${s.credited}`] : []), ...(s.reason ? [s.reason] : [])],
    })),
    next: page.next,
  };
}

export async function ledgerOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<LedgerDoc>(store, 'ledger', { openid }, 'seq', cursor);
  return {
    items: page.items.map((e): DataItem => ({
      id: e._id,
      title: `${entryKindLabels[e.kind]}：${e.reason}`,
      status: `${e.amount > 0 ? '+' : ''}${e.amount}`,
      at: e.at,
      lines: [`余额${e.balanceAfter}`],
    })),
    next: page.next,
  };
}

export async function ordersOf(store: Store, openid: string, cursor?: string | null) {
  const page = await ownPage<OrderDoc>(store, 'orders', { openid }, 'createdAt', cursor);
  return {
    items: page.items.map((o): DataItem => ({
      id: o._id,
      title: o.itemName,
      status: orderStatusLabels[o.status],
      at: o.createdAt,
      lines: [`${o.price}积分`, ...(o.status === 'placed' ? [`领取码：${o.pickupCode}`] : [])],
    })),
    next: page.next,
  };
}

/** An order not yet picked up: the station keeps the item for them; they pick it up or cancel it first. */
export async function pointsBlockers(store: Store, openid: string): Promise<string[]> {
  const placed = await store.find<OrderDoc>('orders', {
    where: { openid },
    orderBy: [['createdAt', 'desc']],
    limit: 200,
  });
  return placed.items
    .filter((o) => o.status === 'placed')
    .map((o) => `您兑换的“${o.itemName}”还未领取，请先领取或在“我的兑换”中取消`);
}

/** Moves a document keyed by the OPENID (or `<x>~<openid>`) to the pseudonym's key, adding to one already there. */
async function moveKeyed<D extends { _id: string }>(
  store: Store,
  collection: string,
  from: string,
  to: string,
  merge: (old: D, existing: D | null) => D,
): Promise<void> {
  await store.transaction(async (tx) => {
    const old = await tx.get<D & { _id: string }>(collection, from);
    if (!old) return;
    const existing = await tx.get<D & { _id: string }>(collection, to);
    await tx.set(collection, { ...merge(old, existing), _id: to });
    await tx.remove(collection, from);
  });
}

/**
 * 注销 in this feature. Nothing here is erased: every balance and count must stay true. Service records,
 * ledger entries and orders name the pseudonym and 已注销用户 instead of the person; their ids (the ledger's
 * keys, which make a retried posting a no-op) stay as they are, the ledger is never rewritten beyond who it
 * names. The balance moves to the pseudonym's account with its entries (the sum still equals it) and is
 * spent by nobody: the user agreement says points lapse. A pending service record may still be confirmed by
 * its unit leader: it credits the pseudonym. The per-item redemption counts move too, so the same WeChat
 * user coming back starts from none.
 */
export async function erasePoints(c: Changer, subject: Subject): Promise<Touched[]> {
  const { store } = c;
  // Records a first run already took them out of (a closing resumed after a fault).
  const pseudonym = { openid: subject.pseudonym };
  const earlier = await Promise.all([
    erasedAlready(store, 'services', pseudonym, 'at'),
    erasedAlready(store, 'orders', pseudonym, 'createdAt'),
    erasedAlready(store, 'ledger', pseudonym, 'seq'),
  ]);
  const touched: Touched[] = (['services', 'orders', 'ledger'] as const).flatMap((entity, i) =>
    (earlier[i] ?? []).map((entityId) => ({ entity, entityId })),
  );
  const items = new Set<string>();
  await drain<ServiceDoc>(store, 'services', { openid: subject.openid }, 'at', async (s) => {
    await scrubRecord(store, 'services', s, subject, { openid: subject.pseudonym, memberName: ERASED_NAME });
    touched.push({ entity: 'services', entityId: s._id });
  });
  // Services an activity they organised asks them to confirm (a former organiser): the station confirms them now.
  for (const status of ['pending', 'confirmed', 'rejected'] as const)
    await drain<ServiceDoc>(store, 'services', { confirmer: subject.openid, status }, 'at', async (s) => {
      await scrubRecord(store, 'services', s, subject, { confirmer: subject.pseudonym });
      touched.push({ entity: 'services', entityId: s._id });
    });
  await drain<OrderDoc>(store, 'orders', { openid: subject.openid }, 'createdAt', async (o) => {
    items.add(o.itemId);
    await scrubRecord(store, 'orders', o, subject, { openid: subject.pseudonym, memberName: ERASED_NAME });
    touched.push({ entity: 'orders', entityId: o._id });
  });
  for (const itemId of items)
    await moveKeyed<HoldDoc>(
      store,
      'itemHolds',
      `${itemId}~${subject.openid}`,
      `${itemId}~${subject.pseudonym}`,
      (old, had) => ({
        ...old,
        count: old.count + (had?.count ?? 0),
      }),
    );
  await drain<LedgerDoc>(store, 'ledger', { openid: subject.openid }, 'seq', async (e) => {
    await scrubRecord(store, 'ledger', e, subject, { openid: subject.pseudonym });
    touched.push({ entity: 'ledger', entityId: e._id });
  });
  await moveKeyed<AccountDoc>(store, 'accounts', subject.openid, subject.pseudonym, (old, had) => ({
    ...old,
    balance: old.balance + (had?.balance ?? 0),
    seq: Math.max(old.seq, had?.seq ?? 0),
  }));
  return touched;
}
