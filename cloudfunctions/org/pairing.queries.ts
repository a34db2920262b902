import { fail } from '@shared/core/result';
import type { PairingContract } from '@shared/org/pairing.contract';
import { ownScope } from '../access/access';
import type { Caller, Handlers } from '../core/runtime/router';
import type { TodoItem } from '@shared/org/org.contract';
import type { Store, Where } from '../core/store/store.port';
import type { PairingDoc, PairingNoticeDoc, PairingVisitDoc } from './pairing.documents';
import { noticeViewOf, pairingViews, visitViewOf } from './pairing.view';

/** The district's notices, newest first, each with how its organisations stand. */
export const pairingNotices: Handlers<PairingContract>['pairingNotices'] = async (_input, ctx) => {
  const districtId = ownScope(ctx.caller, 'districtAdmin');
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<PairingNoticeDoc>('pairingNotices', {
    where: { districtId },
    orderBy: [['date', 'desc']],
    limit: 20,
  });
  return { items: await Promise.all(page.items.map((n) => noticeViewOf(ctx, n))) };
};

/**
 * Pairings as each reader may see them: the district one notice's organisations (by name, by state); a
 * station those that asked it or paired with it; an organisation its own (latest first).
 */
export const pairings: Handlers<PairingContract>['pairings'] = async (input, ctx) => {
  const district = ownScope(ctx.caller, 'districtAdmin');
  const station = ownScope(ctx.caller, 'stationAdmin');
  const org = ownScope(ctx.caller, 'orgAdmin');
  let query: { where: Where; orderBy: Array<[string, 'asc' | 'desc']> };
  if (district && input.noticeId) {
    const notice = await ctx.store.get<PairingNoticeDoc>('pairingNotices', input.noticeId);
    if (!notice) return fail('NOT_FOUND');
    if (notice.districtId !== district) return fail('AUTH.OUT_OF_SCOPE');
    query = {
      where: { noticeId: notice._id, ...(input.status ? { status: input.status } : {}) },
      orderBy: [['orgName', 'asc']],
    };
  } else if (station) {
    query = {
      where: { communityId: station, ...(input.status ? { status: input.status } : {}) },
      orderBy: [['deadlineAt', 'desc']],
    };
  } else if (org) {
    query = { where: { orgId: org }, orderBy: [['deadlineAt', 'desc']] };
  } else if (district) return fail('INPUT.INVALID', { noticeId: '请选择结对通知' });
  else return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<PairingDoc>('pairings', {
    ...query,
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await pairingViews(ctx, page.items), next: page.next };
};

/** A pairing's visits, newest first: to its organisation, its community's station and its district. */
export const pairingVisits: Handlers<PairingContract>['pairingVisits'] = async (input, ctx) => {
  const pairing = await ctx.store.get<PairingDoc>('pairings', input.pairingId);
  if (!pairing) return fail('NOT_FOUND');
  const allowed =
    ownScope(ctx.caller, 'orgAdmin') === pairing.orgId ||
    (!!pairing.communityId && ownScope(ctx.caller, 'stationAdmin') === pairing.communityId) ||
    ownScope(ctx.caller, 'districtAdmin') === pairing.districtId;
  if (!allowed) return fail('AUTH.OUT_OF_SCOPE');
  const page = await ctx.store.find<PairingVisitDoc>('pairingVisits', {
    where: { pairingId: pairing._id },
    orderBy: [['date', 'desc']],
    limit: 100,
  });
  return { items: await visitViewOf(ctx, page.items) };
};

/**
 * The home's to-do: a station's pairing requests to confirm; an organisation's pairing still to ask for, with
 * its deadline. (The district follows the notices on the page itself.)
 */
export function pairingTodo(store: Store, caller: Caller): Array<Promise<TodoItem>> {
  const page = 'pages/org/pairing/index';
  const station = ownScope(caller, 'stationAdmin');
  const org = ownScope(caller, 'orgAdmin');
  if (station)
    return [
      store
        .count('pairings', { communityId: station, status: 'requested' })
        .then((count) => ({ key: 'pairing.todo', label: '结对申请待确认', page, count, dueAt: null })),
    ];
  if (org)
    return [
      store
        .find<PairingDoc>('pairings', { where: { orgId: org }, orderBy: [['deadlineAt', 'desc']], limit: 1 })
        .then(({ items: [p] }) => ({
          key: 'pairing.todo',
          label: '结对共建待完成',
          page,
          count: p && p.status === 'waiting' ? 1 : 0,
          dueAt: p && p.status === 'waiting' ? p.deadlineAt : null,
        })),
    ];
  return [];
}
