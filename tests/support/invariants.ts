import { verifyBalances } from '../../cloudfunctions/points/ledger';
import { counterDifferences, expectedCounters } from '../../cloudfunctions/deployed/stats';
import type { StatsDoc } from '../../cloudfunctions/core/runtime/counters';
import type { TestStore } from './harness';

/**
 * What must hold in any store after any test (issue 12: nothing lost, nothing doubled):
 * - every balance equals the sum of its ledger, and none is negative;
 * - every service's credited points equal what the ledger holds for it (its credit and any adjustments);
 * - each community's points counters equal a rebuild from the ledger;
 * - the dashboards' counters (报到, 微心愿, 问题 by state and month) equal a rebuild from the records.
 */
export async function invariantProblems(store: TestStore): Promise<string[]> {
  const problems: string[] = [];
  problems.push(
    ...counterDifferences(
      store.dump('stats') as unknown as StatsDoc[],
      expectedCounters((c) => store.dump(c)),
    ),
  );
  const balances = await verifyBalances({ store });
  for (const id of balances.mismatches) problems.push(`balance of ${id} differs from its ledger`);
  const ledger = store.dump('ledger') as unknown as Array<{
    ref: string;
    amount: number;
    kind: string;
    communityId: string;
  }>;
  const byRef = new Map<string, number>();
  for (const e of ledger) byRef.set(e.ref, (byRef.get(e.ref) ?? 0) + e.amount);
  for (const s of store.dump('services') as unknown as Array<{
    _id: string;
    status: string;
    credited?: number | null;
  }>) {
    const expected = s.status === 'confirmed' ? (s.credited ?? 0) : 0;
    const held = byRef.get(s._id) ?? 0;
    if (held !== expected) problems.push(`service ${s._id} (${s.status}) credited ${expected}, ledger holds ${held}`);
  }
  const rebuilt = new Map<string, { issued: number; redeemed: number }>();
  for (const e of ledger) {
    const r = rebuilt.get(e.communityId) ?? { issued: 0, redeemed: 0 };
    if (e.kind === 'credit' || e.kind === 'reversal') r.issued += e.amount;
    else r.redeemed -= e.amount;
    rebuilt.set(e.communityId, r);
  }
  // A community's counters may be kept in shards (`<community>~<n>`): their sum is the figure.
  const kept = new Map<string, { issued: number; redeemed: number }>();
  for (const s of store.dump('pointsStats') as unknown as Array<{
    _id: string;
    communityId?: string;
    issued: number;
    redeemed: number;
  }>) {
    const id = s.communityId ?? s._id;
    const k = kept.get(id) ?? { issued: 0, redeemed: 0 };
    kept.set(id, { issued: k.issued + s.issued, redeemed: k.redeemed + s.redeemed });
  }
  for (const [id, s] of kept) {
    const r = rebuilt.get(id) ?? { issued: 0, redeemed: 0 };
    if (r.issued !== s.issued || r.redeemed !== s.redeemed)
      problems.push(`points counters of ${id}: ${s.issued}/${s.redeemed}, ledger says ${r.issued}/${r.redeemed}`);
    rebuilt.delete(id);
  }
  for (const [id, r] of rebuilt) if (r.issued || r.redeemed) problems.push(`points counters of ${id} missing`);
  // A shop item's units held for redemptions in flight: the count matches; with them, stock never below zero.
  for (const i of store.dump('shopItems') as unknown as Array<{
    _id: string;
    stock: number;
    takers?: string[];
    reserved?: number;
  }>) {
    if ((i.reserved ?? 0) !== (i.takers ?? []).length || new Set(i.takers ?? []).size !== (i.takers ?? []).length)
      problems.push(`shop item ${i._id} holds ${JSON.stringify(i.takers)} but counts ${i.reserved ?? 0}`);
    if (i.stock + (i.reserved ?? 0) < 0) problems.push(`shop item ${i._id} has stock ${i.stock}`);
  }
  return problems;
}
