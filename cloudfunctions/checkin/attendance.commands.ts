import { requireMember } from '../access/access';
import {
  checkInOpen,
  checkOutOpen,
  countsAsService,
  distanceMetres,
  MIN_ATTENDANCE_MINUTES,
  rotatingSlotValid,
  servedHours,
} from '@shared/checkin/activity.rules';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import { create, earlierCreate, transition, type Moved, type Notice } from '../core/runtime/change';
import { verifyActivityToken } from '../core/runtime/codes';
import type { Ctx, Handlers } from '../core/runtime/router';
import { deliver } from '../messages/messages.port';
import { recordService, reviseService, type ServiceRecord } from '../points/points.port';
import { managedActivity } from './activity.access';
import { attendanceView } from './activity.view';
import type { ActivityDoc, AttendanceDoc } from './checkin.documents';
import { attendanceEntity } from './checkin.entities';

/**
 * The activity a scanned code names: forged or altered codes are invalid, a stale rotating code expired.
 * The caller's attendance of it is read at the same time (its id is known from the code).
 */
export async function activityOfToken(
  ctx: Ctx,
  token: string,
): Promise<Failure | { activity: ActivityDoc; attendanceId: string; attendance: AttendanceDoc | null }> {
  const code = verifyActivityToken(ctx.rt.secret, token);
  if (!code) return fail('CHECKIN.ACTIVITY_CODE_INVALID');
  const attendanceId = `${code.activityId}~${ctx.caller.openid}`;
  const [activity, attendance] = await Promise.all([
    ctx.store.get<ActivityDoc>('activities', code.activityId),
    ctx.store.get<AttendanceDoc>('attendance', attendanceId),
  ]);
  if (!activity) return fail('CHECKIN.ACTIVITY_CODE_INVALID');
  if (code.mode === 'rotating' && !rotatingSlotValid(code.slot ?? -1, ctx.now))
    return fail('CHECKIN.ACTIVITY_CODE_EXPIRED');
  return { activity, attendanceId, attendance };
}

/** Where the activity sets a radius, the scan must come from within it. */
function withinRadius(
  activity: ActivityDoc,
  where: { lat?: number; lng?: number },
): Failure | { distanceM: number | null } {
  if (activity.radiusM === null || activity.lat === null || activity.lng === null) return { distanceM: null };
  if (where.lat === undefined || where.lng === undefined) return fail('CHECKIN.LOCATION_REQUIRED');
  const distance = Math.round(
    distanceMetres({ lat: activity.lat, lng: activity.lng }, { lat: where.lat, lng: where.lng }),
  );
  return distance > activity.radiusM
    ? failWith('CHECKIN.TOO_FAR', { distance, radius: activity.radiusM })
    : { distanceM: distance };
}

/** The service an attendance is: both ends, and long enough (a shorter one stays an attendance only). */
function serviceOf(attendance: AttendanceDoc, activity: ActivityDoc): ServiceRecord | null {
  if (!attendance.checkOutAt || attendance.hours === null) return null;
  const minMinutes = activity.minAttendanceMinutes ?? MIN_ATTENDANCE_MINUTES;
  if (!countsAsService(attendance.checkInAt, attendance.checkOutAt, minMinutes)) return null;
  return {
    openid: attendance.openid,
    source: 'activity',
    sourceId: attendance._id,
    communityId: attendance.communityId,
    unitId: null,
    confirmer: activity.organiser,
    description: activity.title,
    memberName: attendance.name,
    hours: attendance.hours,
    at: attendance.checkOutAt,
  };
}

/** Check-in is idempotent per member and activity: the attendance id is activity~member. */
export const checkIn: Handlers<CheckinContract>['checkIn'] = async (input, ctx) => {
  const scanned = await activityOfToken(ctx, input.token);
  if (isFailure(scanned)) return scanned;
  const { activity, attendanceId: id, attendance: existing } = scanned;
  const member = requireMember(ctx.caller, activity.communityId);
  if (isFailure(member)) return member;
  if (existing) return { attendance: attendanceView(existing), changed: false };
  if (activity.status !== 'open') return fail('CHECKIN.ACTIVITY_CLOSED');
  const window = checkInOpen(activity, ctx.now);
  if (window !== 'open') return fail(window === 'early' ? 'CHECKIN.NOT_STARTED' : 'CHECKIN.ENDED');
  const near = withinRadius(activity, input);
  if (isFailure(near)) return near;
  const attendance: AttendanceDoc = {
    _id: id,
    activityId: activity._id,
    activityTitle: activity.title,
    communityId: activity.communityId,
    openid: ctx.caller.openid,
    name: ctx.caller.person?.name ?? '党员',
    checkInAt: ctx.now.toISOString(),
    checkOutAt: null,
    hours: null,
    distanceM: near.distanceM,
    correction: null,
  };
  // One document, keyed by activity and member: the insert itself decides a double scan (no transaction).
  try {
    await create(ctx, attendanceEntity, attendance, { event: 'checkIn', detail: { checkInAt: attendance.checkInAt } });
    return { attendance: attendanceView(attendance), changed: true };
  } catch (error) {
    const earlier = await earlierCreate<AttendanceDoc>(
      ctx,
      'attendance',
      id,
      error,
      (a) => a.openid === ctx.caller.openid,
    );
    return { attendance: attendanceView(earlier), changed: false };
  }
};

export const checkOut: Handlers<CheckinContract>['checkOut'] = async (input, ctx) => {
  const scanned = await activityOfToken(ctx, input.token);
  if (isFailure(scanned)) return scanned;
  const { activity, attendanceId: id, attendance: existing } = scanned;
  if (!existing) return fail('CHECKIN.NOT_CHECKED_IN');
  if (existing.checkOutAt) return { attendance: attendanceView(existing), changed: false };
  if (!checkOutOpen(activity, ctx.now)) return fail('CHECKIN.CHECKOUT_CLOSED');
  const near = withinRadius(activity, input);
  if (isFailure(near)) return near;
  const outcome = await ctx.store.transaction(async (tx) => {
    const current = (await tx.get<AttendanceDoc>('attendance', id)) as AttendanceDoc;
    if (current.checkOutAt) return { attendance: current, changed: false, notices: [] as Notice[] };
    const checkOutAt = ctx.now.toISOString();
    const moved = await transition(ctx, attendanceEntity, current, 'checkOut', {
      tx,
      as: 'owner',
      changes: { checkOutAt, hours: servedHours(current.checkInAt, checkOutAt) },
    });
    if (isFailure(moved)) throw new Error(`attendance ${id} could not check out: ${moved.failure}`);
    const service = serviceOf(moved.doc, activity);
    // The hours wait for the organiser, who is asked to confirm them.
    const notices = service ? await recordService(ctx, tx, service) : [];
    return { attendance: moved.doc, changed: true, notices };
  });
  await deliver(ctx.rt, outcome.notices);
  return { attendance: attendanceView(outcome.attendance), changed: outcome.changed };
};

/** The organiser fixes a forgotten (or wrong) check-out; the correction records who, when and why. */
export const correctCheckOut: Handlers<CheckinContract>['correctCheckOut'] = async (input, ctx) => {
  const found = await ctx.store.get<AttendanceDoc>('attendance', input.attendanceId);
  if (!found) return fail('NOT_FOUND');
  const managed = await managedActivity(ctx, found.activityId);
  if (isFailure(managed)) return managed;
  const checkOutAt = new Date(input.checkOutAt).toISOString();
  if (checkOutAt <= found.checkInAt) return fail('INPUT.INVALID', { checkOutAt: '签退时间须晚于签到时间' });
  if (Date.parse(checkOutAt) > ctx.now.getTime()) return fail('INPUT.INVALID', { checkOutAt: '签退时间不能晚于现在' });
  const saved = await ctx.store.transaction(async (tx): Promise<Moved<AttendanceDoc> | Failure> => {
    const current = (await tx.get<AttendanceDoc>('attendance', found._id)) as AttendanceDoc;
    const correction = {
      by: ctx.caller.openid,
      at: ctx.now.toISOString(),
      note: input.note,
      previous: current.checkOutAt,
    };
    const hours = servedHours(current.checkInAt, checkOutAt);
    // The service goes first: if its credited points cannot be adjusted, nothing is written.
    const revised = await reviseService(
      ctx,
      tx,
      { source: 'activity', sourceId: current._id },
      serviceOf({ ...current, checkOutAt, hours }, managed.activity),
    );
    if (revised) return revised;
    const moved = await transition(ctx, attendanceEntity, current, 'correct', {
      tx,
      as: managed.as,
      changes: { checkOutAt, hours, correction },
      note: input.note,
      detail: { checkOutAt, hours, note: input.note, previous: current.checkOutAt },
    });
    if (isFailure(moved)) throw new Error(`attendance ${current._id} could not be corrected: ${moved.failure}`);
    return moved;
  });
  if (isFailure(saved)) return saved;
  await deliver(ctx.rt, saved.notices);
  return { attendance: attendanceView(saved.doc) };
};
