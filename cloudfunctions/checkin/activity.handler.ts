import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { minuteSlot } from '@shared/checkin/activity.rules';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { Role } from '@shared/core/roles';
import { activityToken, miniCodeImage } from '../core/runtime/codes';
import type { ActivityDoc, AttendanceDoc, RegistrationDoc } from '../core/runtime/documents';
import { shortId } from '../core/runtime/ids';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError } from '../core/store/store.port';
import { activityView, activityViews, attendanceView } from './activity.view';
import { adminPlace, memberCommunity, readableCommunity } from './place';

export const SCAN_PAGE = 'pages/checkin/scan/index';

/** The activity, if the caller may run it (station of its community or secretary of its grid). */
export async function managedActivity(ctx: Ctx, activityId: string, roles: readonly Role[] = ['stationAdmin', 'gridSecretary']): Promise<ActivityDoc | Failure> {
  const activity = await ctx.store.get<ActivityDoc>('activities', activityId);
  if (!activity) return fail('NOT_FOUND');
  const allowed = ctx.scope(roles, { communityId: activity.communityId, gridId: activity.gridId ?? undefined, districtId: activity.districtId });
  return isFailure(allowed) ? allowed : activity;
}

export const createActivity: Handlers<CheckinContract>['createActivity'] = async (input, ctx) => {
  const place = await adminPlace(ctx, input);
  if (isFailure(place)) return place;
  const base: Omit<ActivityDoc, '_id'> = {
    districtId: place.community.districtId, communityId: place.community._id, gridId: place.gridId,
    title: input.title, place: input.place, lat: input.lat ?? null, lng: input.lng ?? null, radiusM: input.radiusM ?? null,
    startAt: new Date(input.startAt).toISOString(), endAt: new Date(input.endAt).toISOString(), capacity: input.capacity, signed: 0,
    organiser: ctx.caller.openid, organiserName: ctx.caller.person?.name ?? place.community.name, status: 'open', createdAt: ctx.now.toISOString(),
  };
  // The id travels in the activity code, so it is short; a rare collision just takes another.
  for (let attempt = 0; ; attempt++) {
    const activity: ActivityDoc = { _id: shortId(ctx.now), ...base };
    try {
      await ctx.store.insert('activities', activity);
      await ctx.audit({ action: 'activity.create', entity: 'activities', entityId: activity._id, before: null, after: activity });
      return { activity: await activityView(ctx, activity) };
    } catch (error) {
      if (!(error instanceof StoreConflictError) || attempt >= 5) throw error;
    }
  }
};

export const listActivities: Handlers<CheckinContract>['listActivities'] = async (input, ctx) => {
  const communityId = await readableCommunity(ctx, input.communityId);
  if (isFailure(communityId)) return communityId;
  const page = await ctx.store.find<ActivityDoc>('activities', {
    where: { communityId, status: input.status },
    orderBy: [['startAt', input.status === 'open' ? 'asc' : 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await activityViews(ctx, page.items), next: page.next };
};

export const activityDetail: Handlers<CheckinContract>['activityDetail'] = async (input, ctx) => {
  const activity = await ctx.store.get<ActivityDoc>('activities', input.activityId);
  if (!activity) return fail('NOT_FOUND');
  const readable = await readableCommunity(ctx, activity.communityId);
  if (isFailure(readable)) return readable;
  const mine = await ctx.store.get<AttendanceDoc>('attendance', `${activity._id}~${ctx.caller.openid}`);
  const manage = ctx.scope(['stationAdmin', 'gridSecretary'], { communityId: activity.communityId, gridId: activity.gridId ?? undefined });
  return { activity: await activityView(ctx, activity), mine: mine ? attendanceView(mine) : null, canManage: !isFailure(manage) };
};

export const signUp: Handlers<CheckinContract>['signUp'] = async (input, ctx) => {
  const id = `${input.activityId}~${ctx.caller.openid}`;
  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | { activity: ActivityDoc; changed: boolean }> => {
    const activity = await tx.get<ActivityDoc>('activities', input.activityId);
    if (!activity) return fail('NOT_FOUND');
    if (activity.communityId !== memberCommunity(ctx)) return fail('CHECKIN.NOT_A_MEMBER');
    if (await tx.get('registrations', id)) return { activity, changed: false };
    if (activity.status !== 'open') return fail('CHECKIN.ACTIVITY_CLOSED');
    if (Date.parse(activity.endAt) < ctx.now.getTime()) return fail('CHECKIN.ENDED');
    if (activity.signed >= activity.capacity) return fail('CHECKIN.ACTIVITY_FULL');
    await tx.update('activities', activity._id, { signed: { $inc: 1 } });
    await tx.insert('registrations', { _id: id, activityId: activity._id, openid: ctx.caller.openid, at: ctx.now.toISOString() } satisfies RegistrationDoc);
    await ctx.audit({ action: 'activity.signUp', entity: 'registrations', entityId: id, before: null, after: { activityId: activity._id } }, tx);
    return { activity: { ...activity, signed: activity.signed + 1 }, changed: true };
  });
  if (isFailure(outcome)) return outcome;
  return { activity: await activityView(ctx, outcome.activity), changed: outcome.changed };
};

/** The code the organiser shows (rotating, a new one every minute) or prints (fixed, valid for the window). */
export const activityCode: Handlers<CheckinContract>['activityCode'] = async (input, ctx) => {
  const activity = await managedActivity(ctx, input.activityId);
  if (isFailure(activity)) return activity;
  if (activity.status !== 'open') return fail('CHECKIN.ACTIVITY_CLOSED');
  const slot = minuteSlot(ctx.now);
  const token = activityToken(ctx.rt.secret, { activityId: activity._id, mode: input.mode, slot: input.mode === 'rotating' ? slot : null });
  return {
    token, mode: input.mode, path: `${SCAN_PAGE}?scene=${token}`, image: await miniCodeImage(ctx.rt, SCAN_PAGE, token),
    refreshAt: input.mode === 'rotating' ? new Date((slot + 1) * 60_000).toISOString() : null,
    activity: await activityView(ctx, activity),
  };
};

export const closeActivity: Handlers<CheckinContract>['closeActivity'] = async (input, ctx) => {
  const activity = await managedActivity(ctx, input.activityId);
  if (isFailure(activity)) return activity;
  const changed = await ctx.store.update('activities', { _id: activity._id, status: 'open' }, { status: 'closed' });
  if (changed) await ctx.audit({ action: 'activity.close', entity: 'activities', entityId: activity._id, before: { status: 'open' }, after: { status: 'closed' } });
  return { activity: await activityView(ctx, { ...activity, status: 'closed' }), changed: changed > 0 };
};
