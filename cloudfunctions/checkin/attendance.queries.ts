import { memberCommunity } from '../access/access';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { isFailure } from '@shared/core/result';
import type { Handlers } from '../core/runtime/router';
import { managedActivity } from './activity.access';
import { activityView, attendanceView } from './activity.view';
import { activityOfToken } from './attendance.commands';
import type { AttendanceDoc } from './checkin.documents';

/** What a scanned activity code shows the member: the activity, their attendance, whether they may check in. */
export const activityByCode: Handlers<CheckinContract>['activityByCode'] = async (input, ctx) => {
  const scanned = await activityOfToken(ctx, input.token);
  if (isFailure(scanned)) return scanned;
  const { activity, attendance: mine } = scanned;
  return {
    activity: await activityView(ctx, activity),
    mine: mine ? attendanceView(mine) : null,
    isMember: memberCommunity(ctx.caller) === activity.communityId,
    now: ctx.now.toISOString(),
  };
};

/** The organiser's attendance list (the district reads it too). */
export const activityAttendance: Handlers<CheckinContract>['activityAttendance'] = async (input, ctx) => {
  const managed = await managedActivity(ctx, input.activityId, 'attendance.read');
  if (isFailure(managed)) return managed;
  const page = await ctx.store.find<AttendanceDoc>('attendance', {
    where: { activityId: managed.activity._id },
    orderBy: [['checkInAt', 'asc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return {
    items: page.items.map(attendanceView),
    next: page.next,
    activity: await activityView(ctx, managed.activity),
  };
};
