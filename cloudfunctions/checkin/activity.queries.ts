import { can, readableCommunity } from '../access/access';
import { minuteSlot } from '@shared/checkin/activity.rules';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { fail, isFailure } from '@shared/core/result';
import { activityToken, miniCodeImage } from '../core/runtime/codes';
import type { Handlers } from '../core/runtime/router';
import { managedActivity } from './activity.access';
import { activityView, activityViews, attendanceView } from './activity.view';
import type { ActivityDoc, AttendanceDoc } from './checkin.documents';

/** The page an activity code opens. */
export const SCAN_PAGE = 'pages/checkin/scan/index';

export const listActivities: Handlers<CheckinContract>['listActivities'] = async (input, ctx) => {
  const communityId = await readableCommunity(ctx.store, ctx.caller, input.communityId);
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
  const readable = await readableCommunity(ctx.store, ctx.caller, activity.communityId);
  if (isFailure(readable)) return readable;
  const mine = await ctx.store.get<AttendanceDoc>('attendance', `${activity._id}~${ctx.caller.openid}`);
  const canManage = can(ctx.caller, 'place.manage', {
    communityId: activity.communityId,
    gridId: activity.gridId ?? undefined,
  });
  return { activity: await activityView(ctx, activity), mine: mine ? attendanceView(mine) : null, canManage };
};

/** The code the organiser shows (rotating, a new one every minute) or prints (fixed, valid for the window). */
export const activityCode: Handlers<CheckinContract>['activityCode'] = async (input, ctx) => {
  const managed = await managedActivity(ctx, input.activityId);
  if (isFailure(managed)) return managed;
  const { activity } = managed;
  if (activity.status !== 'open') return fail('CHECKIN.ACTIVITY_CLOSED');
  const slot = minuteSlot(ctx.now);
  const token = activityToken(ctx.rt.secret, {
    activityId: activity._id,
    mode: input.mode,
    slot: input.mode === 'rotating' ? slot : null,
  });
  return {
    token,
    mode: input.mode,
    path: `${SCAN_PAGE}?scene=${token}`,
    image: await miniCodeImage(ctx.rt, SCAN_PAGE, token),
    refreshAt: input.mode === 'rotating' ? new Date((slot + 1) * 60_000).toISOString() : null,
    activity: await activityView(ctx, activity),
  };
};
