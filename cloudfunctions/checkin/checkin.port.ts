import type { TodoItem } from '@shared/org/org.contract';
import { ownScope } from '../access/access';
import type { Caller } from '../core/runtime/router';
import { todoCount, todoFromCounters } from '../core/runtime/todo';
import type { Store } from '../core/store/store.port';

/** The district's xlsx exports (org's exports part): long reads of 报到 and post claims, page by page. */
export * as checkinExport from './checkin.export';

/**
 * 半年履责 counters (half-year.stats.ts): the services and claims of other features keep a member's tally in the
 * transaction of their change (`keepHalfYears` with what the record counted before and after); the dashboards
 * read the aggregates (`halfYearIds`, `halfYearOrgIds`, `halfYearMet`, `halfKey`).
 */
/** Posts, activities and attendance by month (the dashboards): a community's documents. */
export { CHECKIN_KIND, checkinStatsIds } from './checkin.stats';

export {
  HALF_YEAR_KIND,
  halfKey,
  halfYearIds,
  halfYearMet,
  halfYearOrgIds,
  keepHalfYears,
  serviceContribution,
  wishClaimContribution,
  type Contribution,
} from './half-year.stats';

/** What other parts may call of checkin: the periodic reminder of activities about to start, the to-do counts. */
export { remindActivities } from './activity-reminders.job';
/** 我的数据 and 注销 (org's account part): the person's 报到, attendances and post claims. */
export * as checkinAccount from './checkin.account';

/** What waits for the caller in 报到: the station's reviews, an organisation's members not yet approved. */
export function checkinTodo(store: Store, caller: Caller): Array<Promise<TodoItem>> {
  const station = ownScope(caller, 'stationAdmin');
  const org = ownScope(caller, 'orgAdmin');
  return [
    ...(station
      ? [
          todoFromCounters(
            store,
            { key: 'enrolment.review', label: '报到待审核', page: 'pages/checkin/review/index' },
            'report',
            station,
            ['pending'],
          ),
        ]
      : []),
    ...(org
      ? [
          todoCount(
            store,
            { key: 'enrolment.org', label: '本单位报到待审核', page: 'pages/checkin/receipts/index' },
            'reports',
            { orgId: org, status: 'pending' },
          ),
        ]
      : []),
  ];
}

/** How many of an employer organisation's members' 报到 are pending and approved (two counts at once), for its dashboard. */
export async function orgEnrolmentCounts(store: Store, orgId: string): Promise<{ pending: number; approved: number }> {
  const [pending, approved] = await Promise.all([
    store.count('reports', { orgId, status: 'pending' }),
    store.count('reports', { orgId, status: 'approved' }),
  ]);
  return { pending, approved };
}
