import { verifyBalances } from '../../cloudfunctions/points/ledger';
import { counterDifferences, expectedCounters } from '../../cloudfunctions/deployed/stats';
import { monthOf, type StatsDoc } from '../../cloudfunctions/core/runtime/counters';
import type { TestStore } from './harness';

/**
 * What must hold in any store after any test (issue 12: nothing lost, nothing doubled):
 * - every balance equals the sum of its ledger, and none is negative;
 * - every service's credited points equal what the ledger holds for it (its credit and any adjustments);
 * - each community's points counters (and their months) equal a rebuild from the ledger;
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
  // Each community's points counters (issued, redeemed, and both by Beijing month) equal a rebuild from the
  // ledger. A community's counters may be kept in shards (`<community>~<n>`): their sum is the figure.
  const rebuilt = new Map<string, Record<string, number>>();
  const addTo = (map: Map<string, Record<string, number>>, id: string, field: string, n: number) => {
    const row = map.get(id) ?? {};
    row[field] = (row[field] ?? 0) + n;
    map.set(id, row);
  };
  for (const e of ledger as Array<(typeof ledger)[number] & { at: string }>) {
    const field = e.kind === 'credit' || e.kind === 'reversal' ? 'issued' : 'redeemed';
    const n = field === 'issued' ? e.amount : -e.amount;
    addTo(rebuilt, e.communityId, field, n);
    addTo(rebuilt, e.communityId, `m${monthOf(e.at).replace('-', '')}_${field}`, n);
  }
  const kept = new Map<string, Record<string, number>>();
  for (const s of store.dump('pointsStats') as Array<Record<string, unknown> & { _id: string }>) {
    const id = typeof s.communityId === 'string' ? s.communityId : s._id;
    for (const [f, n] of Object.entries(s)) if (typeof n === 'number') addTo(kept, id, f, n);
  }
  const nonZero = (r: Record<string, number> | undefined) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(r ?? {})
          .filter(([, n]) => n !== 0)
          .sort(),
      ),
    );
  for (const id of new Set([...kept.keys(), ...rebuilt.keys()]))
    if (nonZero(kept.get(id)) !== nonZero(rebuilt.get(id)))
      problems.push(`points counters of ${id}: ${nonZero(kept.get(id))}, ledger says ${nonZero(rebuilt.get(id))}`);
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
