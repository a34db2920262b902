import { requireMember } from '../access/access';
import { MIN_ATTENDANCE_MINUTES } from '@shared/checkin/activity.rules';
import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { fail, isFailure, type Failure } from '@shared/core/result';
import { create, record, transitionThen, type Notice } from '../core/runtime/change';
import { keyedId, shortId } from '../core/runtime/ids';
import type { Handlers } from '../core/runtime/router';
import { StoreConflictError } from '../core/store/store.port';
import { managedActivity } from './activity.access';
import { activityView } from './activity.view';
import type { ActivityDoc, RegistrationDoc } from './checkin.documents';
import { activityEntity } from './checkin.entities';
import { deliver } from '../messages/messages.port';
import { settingsOf } from '../org/org.port';
import { adminPlace } from './place';

export const createActivity: Handlers<CheckinContract>['createActivity'] = async (input, ctx) => {
  const place = await adminPlace(ctx, input);
  if (isFailure(place)) return place;
  const settings = await settingsOf(ctx.store, place.community._id);
  const base: Omit<ActivityDoc, '_id'> = {
    minAttendanceMinutes: settings?.minAttendanceMinutes ?? MIN_ATTENDANCE_MINUTES,
    districtId: place.community.districtId,
    communityId: place.community._id,
    gridId: place.gridId,
    title: input.title,
    place: input.place,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    // A place on the map gets the community's default radius unless the organiser set one.
    radiusM:
      input.radiusM ?? (input.lat !== undefined && input.lng !== undefined ? settings.checkinRadiusM || null : null),
    startAt: new Date(input.startAt).toISOString(),
    endAt: new Date(input.endAt).toISOString(),
    capacity: input.capacity,
    signed: 0,
    organiser: ctx.caller.openid,
    organiserName: ctx.caller.person?.name ?? place.community.name,
    status: 'open',
    createdAt: ctx.now.toISOString(),
    reminded: false,
  };
  // The id travels in the activity code, so it is short. A retried request (same request id) meets its
  // first activity; a rare collision of random ids just takes another.
  for (let attempt = 0; ; attempt++) {
    const keyed = attempt === 0 && input.requestId ? keyedId(ctx.caller.openid, input.requestId, 10) : null;
    const id = keyed ?? shortId(ctx.now);
    try {
      const { doc: activity } = await create(ctx, activityEntity, { _id: id, ...base }, { event: 'create' });
      return { activity: await activityView(ctx, activity) };
    } catch (error) {
      if (!(error instanceof StoreConflictError) || attempt >= 5) throw error;
      const earlier = keyed ? await ctx.store.get<ActivityDoc>('activities', keyed) : null;
      if (earlier?.organiser === ctx.caller.openid) return { activity: await activityView(ctx, earlier) };
    }
  }
};

export const signUp: Handlers<CheckinContract>['signUp'] = async (input, ctx) => {
  const id = `${input.activityId}~${ctx.caller.openid}`;
  const outcome = await ctx.store.transaction(
    async (tx): Promise<Failure | { activity: ActivityDoc; changed: boolean }> => {
      const activity = await tx.get<ActivityDoc>('activities', input.activityId);
      if (!activity) return fail('NOT_FOUND');
      const member = requireMember(ctx.caller, activity.communityId);
      if (isFailure(member)) return member;
      if (await tx.get('registrations', id)) return { activity, changed: false };
      if (activity.status !== 'open') return fail('CHECKIN.ACTIVITY_CLOSED');
      if (Date.parse(activity.endAt) < ctx.now.getTime()) return fail('CHECKIN.ENDED');
      if (activity.signed >= activity.capacity) return fail('CHECKIN.ACTIVITY_FULL');
      await tx.update('activities', activity._id, { signed: { $inc: 1 } });
      await tx.insert('registrations', {
        _id: id,
        activityId: activity._id,
        openid: ctx.caller.openid,
        at: ctx.now.toISOString(),
      } satisfies RegistrationDoc);
      await record(
        ctx,
        {
          action: 'activity.signUp',
          entity: 'registrations',
          entityId: id,
          before: null,
          after: { activityId: activity._id },
        },
        tx,
      );
      return { activity: { ...activity, signed: activity.signed + 1 }, changed: true };
    },
  );
  if (isFailure(outcome)) return outcome;
  return { activity: await activityView(ctx, outcome.activity), changed: outcome.changed };
};

/** Closing twice changes nothing the second time. */
export const closeActivity: Handlers<CheckinContract>['closeActivity'] = async (input, ctx) => {
  const managed = await managedActivity(ctx, input.activityId);
  if (isFailure(managed)) return managed;
  const { activity, as } = managed;
  const answer = async (notices: Notice[], changed: boolean) => {
    const [, view] = await Promise.all([
      deliver(ctx.rt, notices),
      activityView(ctx, { ...activity, status: 'closed' }),
    ]);
    return { activity: view, changed };
  };
  if (activity.status !== 'open') return answer([], false);
  const closed = await transitionThen(ctx, activityEntity, activity, 'close', { as, detail: {} }, (m) =>
    answer(m.notices, true),
  );
  // Closed by someone else meanwhile: closing twice changes nothing the second time.
  return isFailure(closed) ? answer([], false) : closed;
};
