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
import type { ActivityDoc, AttendanceDoc, PostClaimDoc } from './checkin.documents';

/**
 * Posts, activities and attendance for the dashboards, kept as the work happens: per community, in 8 shards
 * `checkin~<community>~<shard>` of `stats` (a record always in the same one, by its id):
 * - `activities`, `m<YYYYMM>_activities`: the activities made, by the Beijing month they start in;
 * - `attended`, `m<YYYYMM>_attended`: attendances checked out (a member who came and stayed), by the month of
 *   the check-in (a check-in alone counts nothing, so a check-in writes no counter and needs no transaction);
 * - `posts`, `m<YYYYMM>_posts`: post claims held now (岗位在岗), by the month they were claimed.
 * These records have no timeline: a change counts as the record after less the record before, through each
 * entity's `tally` in the change's transaction; the rebuild counts every record as it is.
 */
export const CHECKIN_KIND = 'checkin';

export const checkinStatsId = (communityId: string, shard: number) => `checkin~${communityId}~${shard}`;

/** A community's documents by id (the dashboards read them with the others). */
export function checkinStatsIds(communityId: string): string[] {
  return Array.from({ length: SHARDS }, (_, s) => checkinStatsId(communityId, s));
}

type Counts = { communityId: string; _id: string; field: string; at: string } | null;

const activityCounts = (a: ActivityDoc | null): Counts =>
  a?.communityId ? { communityId: a.communityId, _id: a._id, field: 'activities', at: a.startAt } : null;
const attendanceCounts = (a: AttendanceDoc | null): Counts =>
  a?.communityId && a.checkOutAt
    ? { communityId: a.communityId, _id: a._id, field: 'attended', at: a.checkInAt }
    : null;
const postClaimCounts = (c: PostClaimDoc | null): Counts =>
  c?.communityId && c.status === 'active'
    ? { communityId: c.communityId, _id: c._id, field: 'posts', at: c.claimedAt }
    : null;

function contribution(c: Counts): CounterDelta[] {
  if (!c) return [];
  return [
    {
      id: checkinStatsId(c.communityId, shardOf({ _id: c._id })),
      base: { kind: CHECKIN_KIND, communityId: c.communityId },
      add: { [c.field]: 1, [monthField(monthOf(c.at), c.field)]: 1 },
    },
  ];
}

/** A record's change (before → after) as deltas: what it counts now less what it counted. */
const change = (before: Counts, after: Counts) => changeDeltas(contribution(before), contribution(after));

export const activityTally = (next: ActivityDoc, before: ActivityDoc | null) =>
  change(activityCounts(before), activityCounts(next));
export const attendanceTally = (next: AttendanceDoc, before: AttendanceDoc | null) =>
  change(attendanceCounts(before), attendanceCounts(next));
export const postClaimTally = (next: PostClaimDoc, before: PostClaimDoc | null) =>
  change(postClaimCounts(before), postClaimCounts(next));

/** The rebuild's source (deployed/stats.ts): every activity, attendance and post claim counted as it is. */
export const checkinCounters = {
  collections: ['activities', 'attendance', 'postClaims'],
  counters: (records: (collection: string) => Iterable<Doc>): Map<string, StatsDoc> =>
    countersFromDeltas(
      [
        ...[...records('activities')].map((d) => activityCounts(d as ActivityDoc)),
        ...[...records('attendance')].map((d) => attendanceCounts(d as AttendanceDoc)),
        ...[...records('postClaims')].map((d) => postClaimCounts(d as PostClaimDoc)),
      ].flatMap(contribution),
    ),
};
