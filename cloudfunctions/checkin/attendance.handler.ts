import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { checkInOpen, checkOutOpen, distanceMetres, rotatingSlotValid, servedHours } from '@shared/checkin/activity.rules';
import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import { verifyActivityToken } from '../core/runtime/codes';
import type { ActivityDoc, AttendanceDoc, ServiceDoc } from '../core/runtime/documents';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { TxStore } from '../core/store/store.port';
import { activityView, attendanceView } from './activity.view';
import { managedActivity } from './activity.handler';
import { memberCommunity } from './place';

/** The activity a scanned code names: forged or altered codes are invalid, a stale rotating code expired. */
async function activityOfToken(ctx: Ctx, token: string): Promise<ActivityDoc | Failure> {
  const code = verifyActivityToken(ctx.rt.secret, token);
  if (!code) return fail('CHECKIN.ACTIVITY_CODE_INVALID');
  const activity = await ctx.store.get<ActivityDoc>('activities', code.activityId);
  if (!activity) return fail('CHECKIN.ACTIVITY_CODE_INVALID');
  if (code.mode === 'rotating' && !rotatingSlotValid(code.slot ?? -1, ctx.now)) return fail('CHECKIN.ACTIVITY_CODE_EXPIRED');
  return activity;
}

/** Where the activity sets a radius, the scan must come from within it. */
function withinRadius(activity: ActivityDoc, where: { lat?: number; lng?: number }): Failure | { distanceM: number | null } {
  if (activity.radiusM === null || activity.lat === null || activity.lng === null) return { distanceM: null };
  if (where.lat === undefined || where.lng === undefined) return fail('CHECKIN.LOCATION_REQUIRED');
  const distance = Math.round(distanceMetres({ lat: activity.lat, lng: activity.lng }, { lat: where.lat, lng: where.lng }));
  return distance > activity.radiusM ? failWith('CHECKIN.TOO_FAR', { distance, radius: activity.radiusM }) : { distanceM: distance };
}

/** An attendance with both ends becomes a service record the points feature will credit (the seam). */
async function recordService(tx: TxStore, attendance: AttendanceDoc, activity: ActivityDoc, now: Date): Promise<void> {
  if (!attendance.checkOutAt || attendance.hours === null) return;
  const service: ServiceDoc = {
    _id: `activity~${attendance._id}`, openid: attendance.openid, source: 'activity', sourceId: attendance._id, communityId: attendance.communityId,
    unitId: null, confirmer: activity.organiser, description: activity.title, memberName: attendance.name,
    hours: attendance.hours, at: attendance.checkOutAt, status: 'pending', createdAt: now.toISOString(),
  };
  await tx.set('services', service);
}

export const activityByCode: Handlers<CheckinContract>['activityByCode'] = async (input, ctx) => {
  const activity = await activityOfToken(ctx, input.token);
  if (isFailure(activity)) return activity;
  const mine = await ctx.store.get<AttendanceDoc>('attendance', `${activity._id}~${ctx.caller.openid}`);
  return { activity: await activityView(ctx, activity), mine: mine ? attendanceView(mine) : null, isMember: memberCommunity(ctx) === activity.communityId };
};

/** Check-in is idempotent per member and activity: the attendance id is activity~member. */
export const checkIn: Handlers<CheckinContract>['checkIn'] = async (input, ctx) => {
  const activity = await activityOfToken(ctx, input.token);
  if (isFailure(activity)) return activity;
  if (activity.communityId !== memberCommunity(ctx)) return fail('CHECKIN.NOT_A_MEMBER');
  const id = `${activity._id}~${ctx.caller.openid}`;
  const existing = await ctx.store.get<AttendanceDoc>('attendance', id);
  if (existing) return { attendance: attendanceView(existing), changed: false };
  if (activity.status !== 'open') return fail('CHECKIN.ACTIVITY_CLOSED');
  const window = checkInOpen(activity, ctx.now);
  if (window !== 'open') return fail(window === 'early' ? 'CHECKIN.NOT_STARTED' : 'CHECKIN.ENDED');
  const near = withinRadius(activity, input);
  if (isFailure(near)) return near;
  const attendance: AttendanceDoc = {
    _id: id, activityId: activity._id, activityTitle: activity.title, communityId: activity.communityId, openid: ctx.caller.openid,
    name: ctx.caller.person?.name ?? '党员', checkInAt: ctx.now.toISOString(), checkOutAt: null, hours: null, distanceM: near.distanceM, correction: null,
  };
  const created = await ctx.store.transaction(async (tx) => {
    if (await tx.get('attendance', id)) return false;
    await tx.insert('attendance', attendance);
    await ctx.audit({ action: 'attendance.checkIn', entity: 'attendance', entityId: id, before: null, after: { checkInAt: attendance.checkInAt } }, tx);
    return true;
  });
  const saved = created ? attendance : ((await ctx.store.get<AttendanceDoc>('attendance', id)) as AttendanceDoc);
  return { attendance: attendanceView(saved), changed: created };
};

export const checkOut: Handlers<CheckinContract>['checkOut'] = async (input, ctx) => {
  const activity = await activityOfToken(ctx, input.token);
  if (isFailure(activity)) return activity;
  const id = `${activity._id}~${ctx.caller.openid}`;
  const existing = await ctx.store.get<AttendanceDoc>('attendance', id);
  if (!existing) return fail('CHECKIN.NOT_CHECKED_IN');
  if (existing.checkOutAt) return { attendance: attendanceView(existing), changed: false };
  if (!checkOutOpen(activity, ctx.now)) return fail('CHECKIN.CHECKOUT_CLOSED');
  const near = withinRadius(activity, input);
  if (isFailure(near)) return near;
  const outcome = await ctx.store.transaction(async (tx) => {
    const current = (await tx.get<AttendanceDoc>('attendance', id)) as AttendanceDoc;
    if (current.checkOutAt) return { attendance: current, changed: false };
    const checkOutAt = ctx.now.toISOString();
    const done: AttendanceDoc = { ...current, checkOutAt, hours: servedHours(current.checkInAt, checkOutAt) };
    await tx.update('attendance', id, { checkOutAt, hours: done.hours });
    await recordService(tx, done, activity, ctx.now);
    await ctx.audit({ action: 'attendance.checkOut', entity: 'attendance', entityId: id, before: { checkOutAt: null }, after: { checkOutAt, hours: done.hours } }, tx);
    return { attendance: done, changed: true };
  });
  return { attendance: attendanceView(outcome.attendance), changed: outcome.changed };
};

export const activityAttendance: Handlers<CheckinContract>['activityAttendance'] = async (input, ctx) => {
  const activity = await managedActivity(ctx, input.activityId, ['stationAdmin', 'gridSecretary', 'districtAdmin']);
  if (isFailure(activity)) return activity;
  const page = await ctx.store.find<AttendanceDoc>('attendance', { where: { activityId: activity._id }, orderBy: [['checkInAt', 'asc']], limit: input.limit, after: input.cursor ?? null });
  return { items: page.items.map(attendanceView), next: page.next, activity: await activityView(ctx, activity) };
};

/** The organiser fixes a forgotten (or wrong) check-out; the correction records who, when and why. */
export const correctCheckOut: Handlers<CheckinContract>['correctCheckOut'] = async (input, ctx) => {
  const found = await ctx.store.get<AttendanceDoc>('attendance', input.attendanceId);
  if (!found) return fail('NOT_FOUND');
  const activity = await managedActivity(ctx, found.activityId);
  if (isFailure(activity)) return activity;
  const checkOutAt = new Date(input.checkOutAt).toISOString();
  if (checkOutAt <= found.checkInAt) return fail('INPUT.INVALID', undefined, { checkOutAt: '签退时间须晚于签到时间' });
  if (Date.parse(checkOutAt) > ctx.now.getTime()) return fail('INPUT.INVALID', undefined, { checkOutAt: '签退时间不能晚于现在' });
  const saved = await ctx.store.transaction(async (tx) => {
    const current = (await tx.get<AttendanceDoc>('attendance', found._id)) as AttendanceDoc;
    const correction = { by: ctx.caller.openid, at: ctx.now.toISOString(), note: input.note, previous: current.checkOutAt };
    const done: AttendanceDoc = { ...current, checkOutAt, hours: servedHours(current.checkInAt, checkOutAt), correction };
    await tx.update('attendance', current._id, { checkOutAt, hours: done.hours, correction });
    await recordService(tx, done, activity, ctx.now);
    await ctx.audit({ action: 'attendance.correct', entity: 'attendance', entityId: current._id, before: { checkOutAt: current.checkOutAt, hours: current.hours }, after: { checkOutAt, hours: done.hours, note: input.note } }, tx);
    return done;
  });
  return { attendance: attendanceView(saved) };
};
