import { fail, type Failure } from '@shared/core/result';
import { record, type Changer } from '../core/runtime/change';
import type { Store, TxStore } from '../core/store/store.port';
import { statsShardId, type AccountDoc, type LedgerDoc, type PointsStatsDoc } from './points.documents';

export type Posting = {
  key: string;
  openid: string;
  communityId: string;
  kind: LedgerDoc['kind'];
  amount: number;
  reason: string;
  ref: string;
};

/**
 * Posts one ledger entry and moves the balance with it, inside the caller's transaction. The entry's
 * id is its key: if it exists the posting already happened and nothing changes (`duplicate`). A
 * posting that would make the balance negative is refused.
 */
export async function postEntry(
  c: Changer,
  tx: TxStore,
  p: Posting,
): Promise<{ balance: number; duplicate: boolean } | Failure> {
  const account = await tx.get<AccountDoc>('accounts', p.openid);
  const current = account?.balance ?? 0;
  if (await tx.get<LedgerDoc>('ledger', p.key)) return { balance: current, duplicate: true };
  const balance = current + p.amount;
  if (balance < 0) return fail('POINTS.INSUFFICIENT');
  const at = c.now.toISOString();
  const seq = (account?.seq ?? 0) + 1;
  const entry: LedgerDoc = {
    _id: p.key,
    openid: p.openid,
    communityId: p.communityId,
    kind: p.kind,
    amount: p.amount,
    reason: p.reason,
    ref: p.ref,
    at,
    by: c.actor,
    balanceAfter: balance,
    seq,
  };
  await tx.insert('ledger', entry);
  await tx.set('accounts', {
    _id: p.openid,
    communityId: p.communityId,
    balance,
    seq,
    updatedAt: at,
  } satisfies AccountDoc);
  const statsId = statsShardId(p.communityId, p.openid);
  const issued = p.kind === 'credit' ? p.amount : p.kind === 'reversal' ? p.amount : 0;
  const redeemed = p.kind === 'redeem' ? -p.amount : p.kind === 'refund' ? -p.amount : 0;
  // An increment without reading the shard first (one round trip); a shard not yet there is created. (A
  // patch that changes nothing also answers false: a posting that moves no counter writes none.)
  const counted =
    (issued === 0 && redeemed === 0) ||
    (await tx.update('pointsStats', statsId, { issued: { $inc: issued }, redeemed: { $inc: redeemed } }));
  if (!counted)
    await tx.set('pointsStats', {
      _id: statsId,
      communityId: p.communityId,
      issued,
      redeemed,
    } satisfies PointsStatsDoc);
  await record(
    c,
    {
      action: `ledger.${p.kind}`,
      entity: 'ledger',
      entityId: p.key,
      before: { balance: current },
      after: { balance, amount: p.amount, reason: p.reason },
    },
    tx,
  );
  return { balance, duplicate: false };
}

/** For every account, the sum of its ledger equals its stored balance (a check, run by tests and the bench). */
export async function verifyBalances(ctx: {
  store: Store;
}): Promise<{ accounts: number; entries: number; mismatches: string[] }> {
  const sums = new Map<string, number>();
  let entries = 0;
  let after: string | null = null;
  do {
    const page: { items: LedgerDoc[]; next: string | null } = await ctx.store.find<LedgerDoc>('ledger', {
      limit: 1000,
      after,
    });
    for (const e of page.items) sums.set(e.openid, (sums.get(e.openid) ?? 0) + e.amount);
    entries += page.items.length;
    after = page.next;
  } while (after);
  const mismatches: string[] = [];
  let accounts = 0;
  after = null;
  do {
    const page: { items: AccountDoc[]; next: string | null } = await ctx.store.find<AccountDoc>('accounts', {
      limit: 1000,
      after,
    });
    for (const a of page.items) {
      accounts++;
      if ((sums.get(a._id) ?? 0) !== a.balance || a.balance < 0) mismatches.push(a._id);
      sums.delete(a._id);
    }
    after = page.next;
  } while (after);
  mismatches.push(...[...sums.keys()].filter((k) => sums.get(k) !== 0));
  return { accounts, entries, mismatches };
}
