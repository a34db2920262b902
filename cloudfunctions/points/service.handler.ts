import { fail, failWith, isFailure, type Failure } from '@shared/core/result';
import { coveringGrants } from '@shared/core/roles';
import type { PointsContract, ServiceView } from '@shared/points/points.contract';
import { pointsFor } from '@shared/points/points.rules';
import { beijingInstant } from '@shared/core/time';
import type { ServiceDoc, UnitDoc } from '../core/runtime/documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import { memberCommunity } from '../checkin/place';
import { postEntry } from './ledger';
import { pointsSettingsOf } from './settings';

async function serviceViews(ctx: Ctx, services: ServiceDoc[]): Promise<ServiceView[]> {
  const units = await loadByIds(ctx.store, 'units', services.map((s) => s.unitId));
  return services.map((s) => ({
    id: s._id, source: s.source, description: s.description, memberName: s.memberName, unitName: s.unitId ? nameOf(units, s.unitId) : null,
    hours: s.hours, points: s.credited ?? (s.source === 'wish' ? (s.points ?? null) : null), at: s.at, status: s.status, reason: s.reason ?? null,
  }));
}

/** A member logs a service they did in a unit of their community; its unit leader confirms it. */
export const logService: Handlers<PointsContract>['logService'] = async (input, ctx) => {
  const communityId = memberCommunity(ctx);
  const unit = await ctx.store.get<UnitDoc>('units', input.unitId);
  if (!communityId || !unit || unit.communityId !== communityId) return fail('CHECKIN.NOT_A_MEMBER', undefined, { unitId: '请选择本社区的单元' });
  const settings = await pointsSettingsOf(ctx.store, communityId);
  if (input.hours > settings.maxHoursPerRecord) return failWith('POINTS.HOURS_OVER_CAP', { max: settings.maxHoursPerRecord });
  const id = ctx.rt.newId();
  const service: ServiceDoc = {
    _id: `self~${id}`, openid: ctx.caller.openid, source: 'self', sourceId: id, communityId, unitId: unit._id, confirmer: null,
    description: input.description, memberName: ctx.caller.person?.name ?? '党员', hours: input.hours,
    at: beijingInstant(input.date, '12:00').toISOString(), status: 'pending', createdAt: ctx.now.toISOString(),
  };
  await ctx.store.insert('services', service);
  await ctx.audit({ action: 'service.log', entity: 'services', entityId: service._id, before: null, after: { hours: service.hours, unitId: unit._id } });
  return { service: (await serviceViews(ctx, [service]))[0] as ServiceView };
};

export const myServices: Handlers<PointsContract>['myServices'] = async (input, ctx) => {
  const page = await ctx.store.find<ServiceDoc>('services', { where: { openid: ctx.caller.openid }, orderBy: [['at', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await serviceViews(ctx, page.items), next: page.next };
};

/** Records waiting for the caller: those of the unit they lead, else those of activities they organised. */
export const pendingServices: Handlers<PointsContract>['pendingServices'] = async (input, ctx) => {
  const unit = ctx.caller.grants.find((g) => g.role === 'unitLeader');
  const where: Where = unit ? { unitId: unit.scopeId, status: 'pending' } : { confirmer: ctx.caller.openid, status: 'pending' };
  const page = await ctx.store.find<ServiceDoc>('services', { where, orderBy: [['at', 'asc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await serviceViews(ctx, page.items), next: page.next };
};

/** May the caller confirm this record? The unit leader of its unit, or the activity's organiser; never its member. */
function mayReview(ctx: Ctx, s: ServiceDoc): Failure | null {
  if (s.openid === ctx.caller.openid) return fail('POINTS.SELF_CONFIRM');
  if (s.confirmer === ctx.caller.openid) return null;
  if (s.unitId && coveringGrants(ctx.caller.grants, ['unitLeader'], { unitId: s.unitId }).length) return null;
  return fail('AUTH.OUT_OF_SCOPE');
}

async function reviewOne(ctx: Ctx, id: string, decision: 'confirm' | 'reject', reason: string | undefined) {
  const found = await ctx.store.get<ServiceDoc>('services', id);
  if (!found) return { id, ok: false, code: 'NOT_FOUND', points: null };
  const refused = mayReview(ctx, found);
  if (refused) return { id, ok: false, code: refused.failure, points: null };
  const settings = await pointsSettingsOf(ctx.store, found.communityId);
  const at = ctx.now.toISOString();
  const outcome = await ctx.store.transaction(async (tx) => {
    const s = await tx.get<ServiceDoc>('services', id);
    if (!s || s.status !== 'pending') return { ok: false, code: 'POINTS.ALREADY_REVIEWED', points: null };
    if (decision === 'reject') {
      await tx.update('services', id, { status: 'rejected', reviewedBy: ctx.caller.openid, reviewedAt: at, reason: reason ?? '' });
      await ctx.audit({ action: 'service.reject', entity: 'services', entityId: id, before: { status: 'pending' }, after: { status: 'rejected', reason } }, tx);
      return { ok: true, code: null, points: null };
    }
    const points = pointsFor(s, settings.pointsPerHour);
    const posted = await postEntry(ctx, tx, { key: `svc~${id}`, openid: s.openid, communityId: s.communityId, kind: 'credit', amount: points, reason: s.description, ref: id });
    if (isFailure(posted)) return { ok: false, code: posted.failure, points: null };
    await tx.update('services', id, { status: 'confirmed', reviewedBy: ctx.caller.openid, reviewedAt: at, credited: points });
    await ctx.audit({ action: 'service.confirm', entity: 'services', entityId: id, before: { status: 'pending' }, after: { status: 'confirmed', points } }, tx);
    return { ok: true, code: null, points };
  });
  return { id, ...outcome };
}

/** Confirm or reject many records at once; each is its own transaction and reports its own outcome. */
export const reviewServices: Handlers<PointsContract>['reviewServices'] = async (input, ctx) => {
  const results = [];
  for (const id of [...new Set(input.serviceIds)]) results.push(await reviewOne(ctx, id, input.decision, input.reason));
  return { results };
};
