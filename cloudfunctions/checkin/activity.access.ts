import { actingRole, type AccessAction } from '../access/access';
import { fail, type Failure } from '@shared/core/result';
import type { Role } from '@shared/core/roles';
import type { Ctx } from '../core/runtime/router';
import type { ActivityDoc } from './checkin.documents';

/** The activity, if the caller may run it (station of its community or secretary of its grid), with the role they act in. */
export async function managedActivity(
  ctx: Ctx,
  activityId: string,
  action: AccessAction = 'place.manage',
): Promise<{ activity: ActivityDoc; as: Role } | Failure> {
  const activity = await ctx.store.get<ActivityDoc>('activities', activityId);
  if (!activity) return fail('NOT_FOUND');
  const as = actingRole(ctx.caller, action, {
    communityId: activity.communityId,
    gridId: activity.gridId ?? undefined,
    districtId: activity.districtId,
  });
  return as ? { activity, as } : fail('AUTH.OUT_OF_SCOPE');
}
