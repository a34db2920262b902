import { check, ownScope } from '../access/access';
import { halfYearOf, halfYearRecord, type HalfYearRecord } from '@shared/checkin/activity.rules';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { maskPhone } from '@shared/core/mask';
import { fail } from '@shared/core/result';
import type { PersonDoc } from '../core/runtime/identity';
import { STATS, type StatsDoc } from '../core/runtime/counters';
import { loadByIds, loadPlaces, nameOf } from '../core/runtime/lookup';
import { halfKey, memberHalfId } from './half-year.stats';
import type { Handlers } from '../core/runtime/router';
import type { Store } from '../core/store/store.port';
import type { OrgDoc } from '../org/org.port';
import { countServices, serviceHours } from '../points/points.port';
import { countClaims } from '../wish/wish.port';
import { attendanceView } from './activity.view';
import type { AttendanceDoc, PostClaimDoc } from './checkin.documents';

/**
 * The half-year rule for one member counted from the records (the reference the tallies are checked against):
 * services (finished attendances, confirmed wishes, through the points
 * feature) and claims (posts still held, micro-wishes held or done, through the wish feature) within the
 * half-year that contains `now`.
 */
export async function memberHalfYear(
  store: Store,
  openid: string,
  now: Date,
): Promise<HalfYearRecord & { label: string }> {
  const half = halfYearOf(now);
  const [services, posts, wishes] = await Promise.all([
    countServices(store, openid, half),
    store.find<PostClaimDoc>('postClaims', {
      where: { openid, claimedAt: { $gte: half.start, $lt: half.end } },
      limit: 100,
    }),
    countClaims(store, openid, half),
  ]);
  const claims = posts.items.filter((c) => c.status === 'active').length + wishes;
  return { label: half.label, ...halfYearRecord({ services, claims }) };
}

/**
 * The half-year rule for members from their tallies (half-year.stats.ts: kept in the transaction of every
 * service and claim, equal to what `memberHalfYear` counts from the records: the tests compare them after each
 * step): one read for any number of members.
 */
export async function membersHalfYear(
  store: Store,
  openids: readonly string[],
  now: Date,
): Promise<Map<string, HalfYearRecord & { label: string }>> {
  const half = halfKey(now);
  const { label } = halfYearOf(now);
  const tallies = await loadByIds<StatsDoc>(store, STATS, openids.map(memberHalfId));
  return new Map(
    openids.map((openid) => {
      const t = tallies.get(memberHalfId(openid));
      const count = (field: string) =>
        typeof t?.[`${half}_${field}`] === 'number' ? (t[`${half}_${field}`] as number) : 0;
      return [openid, { label, ...halfYearRecord({ services: count('services'), claims: count('claims') }) }];
    }),
  );
}

export const myService: Handlers<CheckinContract>['myService'] = async (input, ctx) => {
  const { store, caller } = ctx;
  const [page, totalHours, halfYear] = await Promise.all([
    store.find<AttendanceDoc>('attendance', {
      where: { openid: caller.openid },
      orderBy: [['checkInAt', 'desc']],
      limit: input.limit,
      after: input.cursor ?? null,
    }),
    serviceHours(store, caller.openid),
    membersHalfYear(store, [caller.openid], ctx.now),
  ]);
  return { items: page.items.map(attendanceView), next: page.next, totalHours, halfYear: halfYear.get(caller.openid)! };
};

/** The employer organisation checks each member against the half-year rule (phones masked). */
export const orgHalfYear: Handlers<CheckinContract>['orgHalfYear'] = async (input, ctx) => {
  const orgId = input.orgId ?? ownScope(ctx.caller, 'orgAdmin');
  if (!orgId) return fail('INPUT.INVALID', { orgId: '请选择单位' });
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org) return fail('NOT_FOUND');
  const refused = check(ctx.caller, 'org.read', { orgId, districtId: org.districtId });
  if (refused) return refused;
  const page = await ctx.store.find<PersonDoc>('people', {
    where: { orgId },
    orderBy: [['name', 'asc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  const [communities, records] = await Promise.all([
    loadPlaces(
      ctx.store,
      'communities',
      page.items.map((p) => p.communityId),
    ),
    membersHalfYear(
      ctx.store,
      page.items.map((p) => p._id),
      ctx.now,
    ),
  ]);
  const items = page.items.map((p) => ({
    name: p.name ?? '',
    phone: p.phone ? maskPhone(p.phone) : '',
    communityName: p.communityId ? nameOf(communities, p.communityId) : null,
    record: records.get(p._id)!,
  }));
  return { items, next: page.next, label: halfYearOf(ctx.now).label };
};
