import { monthField, monthOf, shardOf, SHARDS, type CounterDelta, type StatsDoc } from '../core/runtime/counters';
import type { Doc } from '../core/store/store.port';
import type { ServiceDoc } from './points.documents';

/**
 * Services and hours for the dashboards, kept as the work happens: per community, in 8 shards
 * `service~<community>~<shard>` of `stats` (a service always in the same one, by its id), how many services are in
 * each state now (`pending`, `confirmed`, `rejected`) and the hours of the confirmed ones (`hours`), and the
 * same by the Beijing month the service was given (`m<YYYYMM>_confirmed`, `m<YYYYMM>_hours`). A service record
 * has no timeline: what it counts is what it says now, so a change counts as the record after less the record
 * before (a review, a correction of its hours or date, its removal), in the transaction that writes it.
 */
export const SERVICE_KIND = 'service';

export const serviceStatsId = (communityId: string, shard: number) => `service~${communityId}~${shard}`;

/** A community's service counter documents by id (the dashboards read them with the others). */
export function serviceStatsIds(communityId: string): string[] {
  return Array.from({ length: SHARDS }, (_, s) => serviceStatsId(communityId, s));
}

/** What one service record counts for, as it is (nothing for no record). */
function contribution(s: ServiceDoc | null): CounterDelta | null {
  if (!s?.communityId) return null;
  const month = monthOf(s.at);
  const add: Record<string, number> = { [s.status]: 1, [monthField(month, s.status)]: 1 };
  if (s.status === 'confirmed' && s.hours) {
    add.hours = s.hours;
    add[monthField(month, 'hours')] = s.hours;
  }
  return {
    id: serviceStatsId(s.communityId, shardOf({ _id: s._id })),
    base: { kind: SERVICE_KIND, communityId: s.communityId },
    add,
  };
}

/** A service record's change (before → after; null: none) as counter deltas, one per document it moves. */
export function serviceCounts(before: ServiceDoc | null, after: ServiceDoc | null): CounterDelta[] {
  const out = new Map<string, CounterDelta>();
  for (const [c, sign] of [
    [contribution(after), 1],
    [contribution(before), -1],
  ] as const) {
    if (!c) continue;
    const d = out.get(c.id) ?? { id: c.id, base: c.base, add: {} };
    for (const [f, n] of Object.entries(c.add)) d.add[f] = (d.add[f] ?? 0) + sign * n;
    out.set(c.id, d);
  }
  return [...out.values()]
    .map((d) => ({ ...d, add: Object.fromEntries(Object.entries(d.add).filter(([, n]) => n !== 0)) }))
    .filter((d) => Object.keys(d.add).length > 0);
}

/** The rebuild's source (deployed/stats.ts): every service record counted as it is. */
export const serviceCounters = {
  collections: ['services'],
  counters(records: (collection: string) => Iterable<Doc>): Map<string, StatsDoc> {
    const out = new Map<string, StatsDoc>();
    for (const s of records('services')) {
      const c = contribution(s as ServiceDoc);
      if (!c) continue;
      const doc = out.get(c.id) ?? ({ _id: c.id, ...c.base } as StatsDoc);
      for (const [f, n] of Object.entries(c.add)) doc[f] = ((doc[f] as number | undefined) ?? 0) + n;
      out.set(c.id, doc);
    }
    return out;
  },
};
