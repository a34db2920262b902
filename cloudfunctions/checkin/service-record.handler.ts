import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { halfYearOf, halfYearRecord, type HalfYearRecord } from '@shared/checkin/activity.rules';
import { maskPhone } from '@shared/core/mask';
import { fail, isFailure } from '@shared/core/result';
import type { AttendanceDoc, OrgDoc, PersonDoc, PostClaimDoc, ServiceDoc } from '../core/runtime/documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import type { Handlers } from '../core/runtime/router';
import type { Store } from '../core/store/store.port';
import { attendanceView } from './activity.view';

/**
 * The half-year rule for one member: services (finished attendances, confirmed wishes) and claims
 * (posts still held, micro-wishes still held or done) within the half-year that contains `now`.
 */
export async function memberHalfYear(store: Store, openid: string, now: Date): Promise<HalfYearRecord & { label: string }> {
  const half = halfYearOf(now);
  const range = { $gte: half.start, $lt: half.end };
  const [services, posts, wishes] = await Promise.all([
    store.count('services', { openid, at: range }),
    store.find<PostClaimDoc>('postClaims', { where: { openid, claimedAt: range }, limit: 100 }),
    // A wish given up or released no longer names the member, so every one found still counts.
    store.count('wishes', { claimedBy: openid, claimedAt: range }),
  ]);
  const claims = posts.items.filter((c) => c.status === 'active').length + wishes;
  return { label: half.label, ...halfYearRecord({ services, claims }) };
}

export const myService: Handlers<CheckinContract>['myService'] = async (input, ctx) => {
  const { store, caller } = ctx;
  const [page, services, halfYear] = await Promise.all([
    store.find<AttendanceDoc>('attendance', { where: { openid: caller.openid }, orderBy: [['checkInAt', 'desc']], limit: input.limit, after: input.cursor ?? null }),
    store.find<ServiceDoc>('services', { where: { openid: caller.openid }, orderBy: [['at', 'desc']], limit: 1000 }),
    memberHalfYear(store, caller.openid, ctx.now),
  ]);
  const totalHours = services.items.reduce((sum, s) => sum + s.hours, 0);
  return { items: page.items.map(attendanceView), next: page.next, totalHours, halfYear };
};

/** The employer organisation checks each member against the half-year rule (phones masked). */
export const orgHalfYear: Handlers<CheckinContract>['orgHalfYear'] = async (input, ctx) => {
  const orgId = input.orgId ?? ctx.caller.grants.find((g) => g.role === 'orgAdmin')?.scopeId;
  if (!orgId) return fail('INPUT.INVALID', undefined, { orgId: '请选择单位' });
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org) return fail('NOT_FOUND');
  const allowed = ctx.scope(['orgAdmin', 'districtAdmin'], { orgId, districtId: org.districtId });
  if (isFailure(allowed)) return allowed;
  const page = await ctx.store.find<PersonDoc>('people', { where: { orgId }, orderBy: [['name', 'asc']], limit: input.limit, after: input.cursor ?? null });
  const communities = await loadByIds(ctx.store, 'communities', page.items.map((p) => p.communityId));
  const items = await Promise.all(
    page.items.map(async (p) => ({
      name: p.name ?? '',
      phone: p.phone ? maskPhone(p.phone) : '',
      communityName: p.communityId ? nameOf(communities, p.communityId) : null,
      record: await memberHalfYear(ctx.store, p._id, ctx.now),
    })),
  );
  return { items, next: page.next, label: halfYearOf(ctx.now).label };
};
