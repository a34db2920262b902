import type { TodoItem } from '@shared/org/org.contract';
import { memberCommunity, ownScope } from '../access/access';
import type { Caller } from '../core/runtime/router';
import { todoCount, todoDue, todoFromCounters } from '../core/runtime/todo';
import type { Store } from '../core/store/store.port';

/** The district's xlsx exports (org's exports part): long reads of wishes, page by page. */
export * as wishExport from './wish.export';

export { expireClaims } from './expire-claims.job';
export { remindClaims } from './claim-reminders.job';
/** 我的数据 and 注销 (org's account part): the wishes the person posted and claimed. */
export * as wishAccount from './wish.account';

/**
 * The wishes the member claimed in [start, end), for the half-year rule. A wish given up or released no
 * longer names the member, so every one found still counts.
 */
export function countClaims(store: Store, openid: string, range: { start: string; end: string }): Promise<number> {
  return store.count('wishes', { claimedBy: openid, claimedAt: { $gte: range.start, $lt: range.end } });
}

/**
 * What waits for the caller among wishes: reviews (station, grid), open wishes and the member's own claims
 * (with the nearest expiry), fulfilments the unit leader or the resident may confirm.
 */
export function wishTodo(store: Store, caller: Caller): Array<Promise<TodoItem>> {
  const station = ownScope(caller, 'stationAdmin');
  const grid = ownScope(caller, 'gridSecretary');
  const member = memberCommunity(caller);
  const unit = ownScope(caller, 'unitLeader');
  const review = { key: 'wish.review', label: '心愿待审核', page: 'pages/wish/review/index' };
  const me = caller.openid;
  return [
    // The station's count includes its grids': a station admin who is also a grid secretary sees one.
    ...(station
      ? [todoFromCounters(store, review, 'wish', station, ['pending_review'])]
      : grid
        ? [todoCount(store, review, 'wishes', { gridId: grid, status: 'pending_review' })]
        : []),
    ...(member
      ? [
          todoFromCounters(
            store,
            { key: 'wish.open', label: '心愿待认领', page: 'pages/wish/wall/index' },
            'wish',
            member,
            ['open'],
          ),
          todoDue(
            store,
            { key: 'wish.claims', label: '认领待完成', page: 'pages/wish/claims/index' },
            'wishes',
            { claimedBy: me, status: 'claimed' },
            'claimExpiresAt',
          ),
        ]
      : []),
    ...(unit
      ? [
          todoCount(store, { key: 'wish.unit', label: '单元心愿待确认', page: 'pages/wish/unit/index' }, 'wishes', {
            unitId: unit,
            status: 'fulfilled',
          }),
        ]
      : []),
    todoCount(store, { key: 'wish.mine', label: '心愿待我确认', page: 'pages/wish/mine/index' }, 'wishes', {
      openid: me,
      status: 'fulfilled',
    }),
  ];
}
