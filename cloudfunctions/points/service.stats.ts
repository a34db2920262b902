import {
  changeDeltas,
  countersFromDeltas,
  monthField,
  monthOf,
  shardOf,
  SHARDS,
  type CounterDelta,
  type StatsDoc,
} from '../core/runtime/counters';
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
function contribution(s: ServiceDoc | null): CounterDelta[] {
  if (!s?.communityId) return [];
  const month = monthOf(s.at);
  const add: Record<string, number> = { [s.status]: 1, [monthField(month, s.status)]: 1 };
  if (s.status === 'confirmed' && s.hours) {
    add.hours = s.hours;
    add[monthField(month, 'hours')] = s.hours;
  }
  return [
    {
      id: serviceStatsId(s.communityId, shardOf({ _id: s._id })),
      base: { kind: SERVICE_KIND, communityId: s.communityId },
      add,
    },
  ];
}

/** A service record's change (before → after; null: none) as counter deltas. */
export function serviceCounts(before: ServiceDoc | null, after: ServiceDoc | null): CounterDelta[] {
  return changeDeltas(contribution(before), contribution(after));
}

/** The rebuild's source (deployed/stats.ts): every service record counted as it is. */
export const serviceCounters = {
  collections: ['services'],
  counters: (records: (collection: string) => Iterable<Doc>): Map<string, StatsDoc> =>
    countersFromDeltas([...records('services')].flatMap((s) => contribution(s as ServiceDoc))),
};
