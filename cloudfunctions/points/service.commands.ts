import { check, requireMember } from '../access/access';
import { fail, failWith, isFailure } from '@shared/core/result';
import type { Party } from '@shared/core/transitions';
import { beijingDate, beijingDay, beijingInstant } from '@shared/core/time';
import type { PointsContract, ServiceView } from '@shared/points/points.contract';
import { pointsFor, type ReviewOutcome } from '@shared/points/points.rules';
import { creationNotices, transition, type Notice, createThen } from '../core/runtime/change';
import { keyedId } from '../core/runtime/ids';
import { loadPlaces } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import { deliver, primeRecipients, type RecipientCache } from '../messages/messages.port';
import { isActive, type UnitDoc } from '../org/org.port';
import { postEntry } from './ledger';
import type { ServiceDoc } from './points.documents';
import { serviceEntity } from './points.entities';
import { pointsSettingsOf } from './settings';
import { serviceViews } from './service.view';

/** A member logs a service they did in a unit of their community; its unit leader confirms it. */
export const logService: Handlers<PointsContract>['logService'] = async (input, ctx) => {
  const communityId = requireMember(ctx.caller);
  // A unit's place in the tree never changes (units are retired, not moved): the minute's cache serves.
  const unit = (await loadPlaces<UnitDoc>(ctx.store, 'units', [input.unitId])).get(input.unitId);
  if (isFailure(communityId) || !unit || unit.communityId !== communityId)
    return fail('AUTH.NOT_A_MEMBER', { unitId: '请选择本社区的单元' });
  // A retired unit takes no new service (those it has keep naming it).
  if (!isActive(unit)) return fail('INPUT.INVALID', { unitId: '该单元已停用，请选择其他单元' });
  const settings = await pointsSettingsOf(ctx.store, communityId);
  if (input.hours > settings.maxHoursPerRecord)
    return failWith('POINTS.HOURS_OVER_CAP', { max: settings.maxHoursPerRecord });
  // A service that has happened, and recently enough for the unit leader to vouch for it.
  if (input.date > beijingDate(ctx.now)) return fail('INPUT.INVALID', { date: '服务日期不能晚于今天' });
  const earliest = beijingDay(ctx.now).subtract(settings.serviceLogDays, 'day').format('YYYY-MM-DD');
  if (input.date < earliest) return fail('INPUT.INVALID', { date: `只能登记${settings.serviceLogDays}天内的服务` });
  const id = input.requestId ? keyedId(ctx.caller.openid, input.requestId) : ctx.rt.newId();
  const service: ServiceDoc = {
    _id: `self~${id}`,
    openid: ctx.caller.openid,
    source: 'self',
    sourceId: id,
    communityId,
    unitId: unit._id,
    confirmer: null,
    description: input.description,
    memberName: ctx.caller.person?.name ?? '党员',
    hours: input.hours,
    at: beijingInstant(input.date, '12:00').toISOString(),
    status: 'pending',
    createdAt: ctx.now.toISOString(),
  };
  // The unit leader is asked to confirm (once, by key, also when a retry met the earlier write): looked up
  // while the record is written, told alongside its audit record.
  const recipients: RecipientCache = new Map();
  primeRecipients(ctx.rt, creationNotices(ctx, serviceEntity, 'log', service), recipients);
  return createThen(
    ctx,
    serviceEntity,
    service,
    { event: 'log', detail: { hours: service.hours, unitId: unit._id }, mine: (d) => d.openid === ctx.caller.openid },
    async ({ doc, notices }) => {
      const [, views] = await Promise.all([deliver(ctx.rt, notices, recipients), serviceViews(ctx, [doc])]);
      return { service: views[0] as ServiceView };
    },
  );
};

/** As whom may the caller confirm this record? The unit leader of its unit, or the activity's organiser; never its member. */
function reviewerOf(ctx: Ctx, s: ServiceDoc): { as: Party } | { refused: ReviewOutcome } {
  if (s.openid === ctx.caller.openid) return { refused: 'POINTS.SELF_CONFIRM' };
  if (s.confirmer === ctx.caller.openid) return { as: 'organiser' };
  if (s.unitId && !check(ctx.caller, 'unit.confirm', { unitId: s.unitId })) return { as: 'unitLeader' };
  return { refused: 'AUTH.OUT_OF_SCOPE' };
}

type Outcome = { id: string; ok: boolean; code: ReviewOutcome | null; points: number | null };
const refused = (id: string, code: ReviewOutcome): Outcome => ({ id, ok: false, code, points: null });

async function reviewOne(
  ctx: Ctx,
  id: string,
  decision: 'confirm' | 'reject',
  reason: string | undefined,
  notices: Notice[],
): Promise<Outcome> {
  const found = await ctx.store.get<ServiceDoc>('services', id);
  if (!found) return refused(id, 'NOT_FOUND');
  const reviewer = reviewerOf(ctx, found);
  if ('refused' in reviewer) return refused(id, reviewer.refused);
  const party = reviewer.as;
  const settings = await pointsSettingsOf(ctx.store, found.communityId);
  const at = ctx.now.toISOString();
  return ctx.store.transaction(async (tx): Promise<Outcome> => {
    const s = await tx.get<ServiceDoc>('services', id);
    // Only a pending record moves; the table allows nothing else, so a stale one is already reviewed.
    if (!s || s.status !== 'pending') return refused(id, 'POINTS.ALREADY_REVIEWED');
    if (decision === 'reject') {
      const changes = { reviewedBy: ctx.caller.openid, reviewedAt: at, reason: reason ?? '' };
      const moved = await transition(ctx, serviceEntity, s, 'reject', { tx, as: party, changes, detail: { reason } });
      if (isFailure(moved)) throw new Error(`service ${id} could not be rejected: ${moved.failure}`);
      notices.push(...moved.notices);
      return { id, ok: true, code: null, points: null };
    }
    const points = pointsFor(s, settings.pointsPerHour);
    // The move is written first; then the credit, which only a fault can refuse (throwing rolls both back).
    const changes = { reviewedBy: ctx.caller.openid, reviewedAt: at, credited: points };
    const moved = await transition(ctx, serviceEntity, s, 'confirm', { tx, as: party, changes, detail: { points } });
    if (isFailure(moved)) throw new Error(`service ${id} could not be confirmed: ${moved.failure}`);
    const posted = await postEntry(ctx, tx, {
      key: `svc~${id}`,
      openid: s.openid,
      communityId: s.communityId,
      kind: 'credit',
      amount: points,
      reason: s.description,
      ref: id,
    });
    if (isFailure(posted)) throw new Error(`credit for ${id} refused: ${posted.failure}`);
    notices.push(...moved.notices);
    return { id, ok: true, code: null, points };
  });
}

/** Confirm or reject many records at once; each is its own transaction and reports its own outcome. */
export const reviewServices: Handlers<PointsContract>['reviewServices'] = async (input, ctx) => {
  const results: Outcome[] = [];
  const notices: Notice[] = [];
  for (const id of [...new Set(input.serviceIds)])
    results.push(await reviewOne(ctx, id, input.decision, input.reason, notices));
  // Each member hears of their own records, after all are reviewed.
  await deliver(ctx.rt, notices);
  return { results };
};
