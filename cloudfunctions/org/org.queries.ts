import type { OrgContract } from '@shared/org/org.contract';
import type { CommunityDoc, DepartmentDoc, GridDoc, UnitDoc } from './org.documents';
import type { Ctx, Handlers } from '../core/runtime/router';
import { ownScope } from '../access/access';
import { calendarYears, defaultDeadlineRule } from '@shared/whistle/deadline';
import { isActive, workCalendar, settingsOf } from './org.port';
import { checkinTodo } from '../checkin/checkin.port';
import { unreadCount } from '../messages/messages.port';
import { pointsTodo } from '../points/points.port';
import { pairingTodo } from './pairing.queries';
import { peopleTodo } from './people.queries';
import { scopeNames } from './people.view';
import { whistleTodo } from '../whistle/whistle.port';
import { wishTodo } from '../wish/wish.port';

/** Who the caller is: their community and role grants with the names of their scopes. */
export const me: Handlers<OrgContract>['me'] = async (_input, ctx) => {
  const { caller, store } = ctx;
  const [names, community] = await Promise.all([
    scopeNames(store, caller.grants),
    caller.person?.communityId ? store.get<CommunityDoc>('communities', caller.person.communityId) : null,
  ]);
  return {
    openid: caller.openid,
    name: caller.person?.name ?? null,
    communityId: community?._id ?? null,
    communityName: community?.name ?? null,
    grants: caller.grants.map((g) => ({ ...g, scopeName: names(g) })),
  };
};

const option = (d: { _id: string; name: string }) => ({ id: d._id, name: d.name });

/** The cascade a resident picks their unit from (communities, a community's grids, a grid's units), and the departments. */
export const places: Handlers<OrgContract>['places'] = async (input, ctx) => {
  const { store } = ctx;
  const [communities, grids, units, departments] = await Promise.all([
    store.find<CommunityDoc>('communities', {
      orderBy: [
        ['districtId', 'asc'],
        ['name', 'asc'],
      ],
      limit: 1000,
    }),
    input.communityId
      ? store.find<GridDoc>('grids', {
          where: { communityId: input.communityId },
          orderBy: [['seq', 'asc']],
          limit: 1000,
        })
      : null,
    input.gridId
      ? store.find<UnitDoc>('units', { where: { gridId: input.gridId }, orderBy: [['seq', 'asc']], limit: 1000 })
      : null,
    store.find<DepartmentDoc>('departments', {
      orderBy: [
        ['districtId', 'asc'],
        ['name', 'asc'],
      ],
      limit: 1000,
    }),
  ]);
  // Retired places leave the pickers (records that name them still show them).
  return {
    communities: communities.items.filter(isActive).map(option),
    grids: grids?.items.filter(isActive).map(option) ?? [],
    units: units?.items.filter(isActive).map(option) ?? [],
    departments: departments.items.filter(isActive).map(option),
  };
};

/**
 * Years the holiday calendar does not cover, when they matter to the caller: the district (who enters them)
 * always, a station when its whistles' deadlines count working days.
 */
async function calendarWarnings(ctx: Ctx): Promise<{ years: number[]; warnings: string[] }> {
  const station = ownScope(ctx.caller, 'stationAdmin');
  const district = ownScope(ctx.caller, 'districtAdmin');
  if (!station && !district) return { years: [], warnings: [] };
  const years = calendarYears(ctx.now);
  const [calendar, settings] = await Promise.all([
    workCalendar(ctx.store, years),
    station && !district ? settingsOf(ctx.store, station) : null,
  ]);
  const uncovered = years.filter((y) => calendar.coverage(y) === 'fallback');
  if (!uncovered.length) return { years: [], warnings: [] };
  if (!district && (settings?.deadlineRule ?? defaultDeadlineRule).kind !== 'workdays')
    return { years: [], warnings: [] };
  return {
    years: uncovered,
    warnings: [
      `${uncovered.join('、')}年节假日安排尚未录入：按工作日计算的吹哨反馈期限暂按周一至周五推算${district ? '，请录入' : '，请区委组织部录入'}。`,
    ],
  };
}

/**
 * What waits for the caller, for the home page: every feature's counts for the roles the caller holds, read
 * at once (one round trip deep), and the unread messages. Keys are unique: the first of a key is kept.
 */
export const todo: Handlers<OrgContract>['todo'] = async (_input, ctx) => {
  const { store, caller } = ctx;
  const [items, unread, calendar] = await Promise.all([
    Promise.all([
      ...checkinTodo(store, caller),
      ...wishTodo(store, caller),
      ...pointsTodo(store, caller),
      ...whistleTodo(store, caller),
      ...peopleTodo(store, caller),
      ...pairingTodo(store, caller),
    ]),
    unreadCount(ctx.rt, caller.openid),
    calendarWarnings(ctx),
  ]);
  const seen = new Set<string>();
  const calendarItem = ownScope(caller, 'districtAdmin')
    ? [
        {
          key: 'calendar.enter',
          label: '节假日安排待录入',
          count: calendar.years.length,
          page: 'pages/org/calendar/index',
          dueAt: null,
        },
      ]
    : [];
  return {
    items: [...items, ...calendarItem].filter((i) => !seen.has(i.key) && seen.add(i.key)),
    unread,
    warnings: calendar.warnings,
  };
};
