import { problemRates } from '@shared/whistle/whistle.rules';
import { STATS, sumShards, type StatsDoc } from '../core/runtime/counters';
import { allPages } from '../core/runtime/pages';
import { tallyFields, WHISTLE_KIND } from './whistle.stats';
import type { TodoItem } from '@shared/org/org.contract';
import { ownScope } from '../access/access';
import type { Caller } from '../core/runtime/router';
import { todoCount, todoDue, todoFromCounters } from '../core/runtime/todo';
import type { Store } from '../core/store/store.port';

/** The district's xlsx exports (org's exports part): long reads of whistles (the 吹哨报到考核表). */
export * as whistleExport from './whistle.export';

/** What other parts may ask of 吹哨报到: the periodic reminders and escalation (the timer function runs them). */
export { whistleDeadlines } from './whistle-deadlines.job';
/** 我的数据 and 注销 (org's account part): the problems the person reported. */
export * as whistleAccount from './whistle.account';

/** The problem states the station acts on next (triage, a returned or reopened one, a result to confirm). */
const stationActs = ['submitted', 'reopened', 'returned', 'responded'];

/**
 * A month's whistle figures from the counters (whistle.stats.ts): of one community (its shares in every
 * department's documents) or of the district (the departments' own counts): how many were blown and the four
 * rates. One query (a district's month is a few documents per department).
 */
export async function whistleMonth(
  store: Store,
  districtId: string,
  month: string,
  communityId: string | null,
): Promise<{ month: string; whistled: number } & ReturnType<typeof problemRates>> {
  const docs = await allPages<StatsDoc>(store, STATS, { where: { districtId, month } });
  const summed = sumShards(docs.filter((d) => d.kind === WHISTLE_KIND));
  const counts = communityId ? (summed.within.get(`c~${communityId}`) ?? {}) : summed.now;
  const t = Object.fromEntries(tallyFields.map((f) => [f, counts[f] ?? 0])) as Record<
    (typeof tallyFields)[number],
    number
  >;
  return { month, whistled: t.whistled, ...problemRates(t) };
}

/** Whistles of a community or a district past their deadline with no feedback yet (one count). */
export function countOverdueWhistles(store: Store, place: { communityId: string } | { districtId: string }) {
  return store.count('whistles', { ...place, open: true, overdue: true });
}

/**
 * What waits for the caller in 吹哨报到: the station's problems to act on, the department's open whistles
 * (with the nearest deadline), the district's overdue whistles, the resident's results to rate.
 */
export function whistleTodo(store: Store, caller: Caller): Array<Promise<TodoItem>> {
  const station = ownScope(caller, 'stationAdmin');
  const department = ownScope(caller, 'department');
  const district = ownScope(caller, 'districtAdmin');
  return [
    ...(station
      ? [
          todoFromCounters(
            store,
            { key: 'problem.station', label: '问题待处理', page: 'pages/whistle/station/index' },
            'problem',
            station,
            stationActs,
          ),
        ]
      : []),
    ...(department
      ? [
          todoDue(
            store,
            { key: 'whistle.department', label: '吹哨待反馈', page: 'pages/whistle/department/index' },
            'whistles',
            { departmentId: department, open: true },
            'deadlineAt',
          ),
        ]
      : []),
    ...(district
      ? [
          todoCount(
            store,
            { key: 'whistle.overdue', label: '吹哨超期未反馈', page: 'pages/whistle/stats/index' },
            'whistles',
            { districtId: district, open: true, overdue: true },
          ),
        ]
      : []),
    todoCount(store, { key: 'problem.rate', label: '问题待评价', page: 'pages/whistle/mine/index' }, 'problems', {
      openid: caller.openid,
      status: 'confirmed',
    }),
  ];
}
