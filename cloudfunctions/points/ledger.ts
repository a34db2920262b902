import { fail, type Failure } from '@shared/core/result';
import { record, type Changer } from '../core/runtime/change';
import { monthOf } from '../core/runtime/counters';
import { allPages, eachPage } from '../core/runtime/pages';
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
  // The month's figures too (`m202611_issued`), for the dashboards' twelve months.
  const month = monthOf(c.now).replace('-', '');
  const add = { issued, redeemed, [`m${month}_issued`]: issued, [`m${month}_redeemed`]: redeemed };
  const counted =
    (issued === 0 && redeemed === 0) ||
    (await tx.update(
      'pointsStats',
      statsId,
      Object.fromEntries(Object.entries(add).map(([f, n]) => [f, { $inc: n }])),
    ));
  if (!counted)
    await tx.set('pointsStats', { _id: statsId, communityId: p.communityId, ...add } satisfies PointsStatsDoc);
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

/**
 * The points counters' months (`m<YYYYMM>_issued`, `_redeemed`) made again from the ledger, for counters kept
 * before they had months (the deploy's migration): each entry's month goes to its member's shard; a month no
 * entry supports is set to 0, the totals are left as they are (the invariants prove them). A shard kept
 * before the shards had `communityId` (`<community>` itself) gets it. Safe to run again: it writes only what
 * differs.
 */
export async function rebuildPointsMonths(store: Store): Promise<{ shards: number; corrected: number }> {
  const want = new Map<string, { communityId: string; months: Record<string, number> }>();
  await eachPage<LedgerDoc>(store, 'ledger', {}, (entries) => {
    for (const e of entries) {
      const id = statsShardId(e.communityId, e.openid);
      const row = want.get(id) ?? { communityId: e.communityId, months: {} };
      const field = e.kind === 'credit' || e.kind === 'reversal' ? 'issued' : 'redeemed';
      const key = `m${monthOf(e.at).replace('-', '')}_${field}`;
      row.months[key] = (row.months[key] ?? 0) + (field === 'issued' ? e.amount : -e.amount);
      want.set(id, row);
    }
  });
  const kept = new Map((await allPages<PointsStatsDoc>(store, 'pointsStats', {})).map((d) => [d._id, d]));
  let corrected = 0;
  for (const id of new Set([...want.keys(), ...kept.keys()])) {
    const have = kept.get(id);
    const months = want.get(id)?.months ?? {};
    const patch: Record<string, number | string> = {};
    for (const [k, v] of Object.entries(have ?? {}))
      if (/^m\d{6}_/.test(k) && typeof v === 'number' && !(k in months) && v !== 0) patch[k] = 0;
    for (const [k, v] of Object.entries(months))
      if ((have as Record<string, unknown> | undefined)?.[k] !== v) patch[k] = v;
    if (have && !have.communityId) patch.communityId = want.get(id)?.communityId ?? id;
    if (!Object.keys(patch).length) continue;
    corrected++;
    if (have) await store.update('pointsStats', { _id: id }, patch);
    else
      await store.insert('pointsStats', {
        _id: id,
        communityId: want.get(id)!.communityId,
        issued: 0,
        redeemed: 0,
        ...months,
      });
  }
  return { shards: new Set([...want.keys(), ...kept.keys()]).size, corrected };
}
