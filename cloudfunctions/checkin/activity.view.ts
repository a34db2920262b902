import { activityPhase, MIN_ATTENDANCE_MINUTES } from '@shared/checkin/activity.rules';
import type { ActivityView, AttendanceView } from '@shared/checkin/activity.contract';
import type { ActivityDoc, AttendanceDoc, RegistrationDoc } from './checkin.documents';
import { loadByIds } from '../core/runtime/lookup';
import type { Ctx } from '../core/runtime/router';

export async function activityViews(ctx: Ctx, activities: ActivityDoc[]): Promise<ActivityView[]> {
  const mine = await loadByIds<RegistrationDoc>(
    ctx.store,
    'registrations',
    activities.map((a) => `${a._id}~${ctx.caller.openid}`),
  );
  return activities.map((a) => ({
    id: a._id,
    title: a.title,
    place: a.place,
    communityId: a.communityId,
    startAt: a.startAt,
    endAt: a.endAt,
    capacity: a.capacity,
    signed: a.signed,
    radiusM: a.radiusM,
    organiserName: a.organiserName,
    status: a.status,
    phase: activityPhase(a, ctx.now),
    minAttendanceMinutes: a.minAttendanceMinutes ?? MIN_ATTENDANCE_MINUTES,
    mySignUp: mine.has(`${a._id}~${ctx.caller.openid}`),
  }));
}

export async function activityView(ctx: Ctx, activity: ActivityDoc): Promise<ActivityView> {
  return (await activityViews(ctx, [activity]))[0] as ActivityView;
}

export function attendanceView(a: AttendanceDoc): AttendanceView {
  return {
    id: a._id,
    activityId: a.activityId,
    activityTitle: a.activityTitle,
    name: a.name,
    checkInAt: a.checkInAt,
    checkOutAt: a.checkOutAt,
    hours: a.hours,
    corrected: a.correction !== null,
    correctionNote: a.correction?.note ?? null,
  };
}
