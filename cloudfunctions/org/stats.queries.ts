import { fail } from '@shared/core/result';
import { beijingDay } from '@shared/core/time';
import type {
  CommunityFigures,
  GridFigures,
  MonthFigures,
  OrgFigures,
  StatsContract,
} from '@shared/org/stats.contract';
import { ownScope } from '../access/access';
import { statsIds, sumShards, type CountedKind, type StatsDoc } from '../core/runtime/counters';
import { loadByIds } from '../core/runtime/lookup';
import type { Handlers } from '../core/runtime/router';
import { allPages } from '../core/runtime/pages';
import { MAX_LIMIT, type Store } from '../core/store/store.port';
import { pointsStatsIds, SERVICE_KIND, serviceStatsIds } from '../points/points.port';
import { countOverdueWhistles, whistleMonth } from '../whistle/whistle.port';
import type { CommunityDoc, DistrictDoc, GridDoc, OrgDoc } from './org.documents';
import {
  CHECKIN_KIND,
  checkinStatsIds,
  halfKey,
  halfYearIds,
  halfYearMet,
  halfYearOrgIds,
  HALF_YEAR_KIND,
  orgEnrolmentCounts,
} from '../checkin/checkin.port';
import { halfYearOf } from '@shared/checkin/activity.rules';
import type { PairingDoc } from './pairing.documents';
import { pairingViewOf } from './pairing.view';

const kinds: CountedKind[] = ['report', 'wish', 'problem'];

/** The counter documents a community has in `stats`: each kind's shards, its half-year, services, posts. */
const communityStatsIds = (id: string) => [
  ...kinds.flatMap((k) => statsIds(k, id)),
  ...halfYearIds(id),
  ...serviceStatsIds(id),
  ...checkinStatsIds(id),
];
const statsPerCommunity = communityStatsIds('_').length;

/** The last twelve Beijing months, oldest first. */
function lastMonths(now: Date): string[] {
  const start = beijingDay(now).startOf('month');
  return Array.from({ length: 12 }, (_, i) => start.subtract(11 - i, 'month').format('YYYY-MM'));
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const sumOf = (c: Record<string, number>, states: string[]) => states.reduce((s, k) => s + (c[k] ?? 0), 0);

type Summed = Record<CountedKind, ReturnType<typeof sumShards>> & {
  points: ReturnType<typeof sumShards>;
  halfYear: ReturnType<typeof sumShards>;
  service: ReturnType<typeof sumShards>;
  checkin: ReturnType<typeof sumShards>;
};

/** A community's counter documents, each kind's shards added up (and its points shards). */
function summed(stats: StatsDoc[], points: StatsDoc[]): Summed {
  const of = (kind: CountedKind) => sumShards(stats.filter((d) => d.kind === kind));
  return {
    report: of('report'),
    wish: of('wish'),
    problem: of('problem'),
    points: sumShards(points),
    halfYear: sumShards(stats.filter((d) => d.kind === HALF_YEAR_KIND)),
    service: sumShards(stats.filter((d) => d.kind === SERVICE_KIND)),
    checkin: sumShards(stats.filter((d) => d.kind === CHECKIN_KIND)),
  };
}

/** Documents by the community they count for (a points shard kept before the shards is named by its id). */
function byCommunity(docs: StatsDoc[]): Map<string, StatsDoc[]> {
  const out = new Map<string, StatsDoc[]>();
  for (const d of docs) {
    const id = d.communityId ?? d._id;
    const list = out.get(id);
    if (list) list.push(d);
    else out.set(id, [d]);
  }
  return out;
}

const pointsOf = (c: Record<string, number> | undefined) => ({ issued: c?.issued ?? 0, redeemed: c?.redeemed ?? 0 });

function figures(community: CommunityDoc, s: Summed, half: string): CommunityFigures {
  const [report, wish, problem] = [s.report.now, s.wish.now, s.problem.now];
  const met = halfYearMet(s.halfYear, half).met;
  return {
    id: community._id,
    name: community.name,
    report,
    wish,
    problem,
    wishCompletion: percent(wish.confirmed ?? 0, sumOf(wish, ['open', 'claimed', 'fulfilled', 'confirmed'])),
    problemResolution: percent(
      sumOf(problem, ['confirmed', 'closed']),
      sumOf(problem, [
        'in_station',
        'whistled',
        'acknowledged',
        'returned',
        'responded',
        'confirmed',
        'closed',
        'reopened',
      ]),
    ),
    points: pointsOf(s.points.now),
    service: s.service.now,
    checkin: s.checkin.now,
    halfYearMet: met,
    halfYearRate: percent(met, report.approved ?? 0),
  };
}

function addUp(rows: Array<Record<string, number> | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Each of the months, the communities' entries added up. */
function trends(all: Summed[], months: string[]): MonthFigures[] {
  return months.map((month) => ({
    month,
    report: addUp(all.map((s) => s.report.months.get(month))),
    wish: addUp(all.map((s) => s.wish.months.get(month))),
    problem: addUp(all.map((s) => s.problem.months.get(month))),
    points: pointsOf(addUp(all.map((s) => s.points.months.get(month)))),
    service: addUp(all.map((s) => s.service.months.get(month))),
    checkin: addUp(all.map((s) => s.checkin.months.get(month))),
  }));
}

/** A community's grids side by side: what each grid's records count in its community's documents. */
function gridsOf(grids: GridDoc[], s: Summed, half: string): GridFigures[] {
  const met = halfYearMet(s.halfYear, half).byGrid;
  return grids.map((g) => ({
    id: g._id,
    name: g.name,
    report: s.report.within.get(`g~${g._id}`) ?? {},
    wish: s.wish.within.get(`g~${g._id}`) ?? {},
    problem: s.problem.within.get(`g~${g._id}`) ?? {},
    halfYearMet: met.get(g._id) ?? 0,
  }));
}

/** The district's organisations: their members' 报到 across its communities, and 报到率 where declared. */
function orgsOf(orgs: OrgDoc[], all: Summed[], half: string): { orgs: OrgFigures[]; reportRate: number | null } {
  let approvedOfDeclared = 0;
  let declared = 0;
  const met = new Map<string, number>();
  for (const s of all)
    for (const [org, n] of halfYearMet(s.halfYear, half).byOrg) met.set(org, (met.get(org) ?? 0) + n);
  const rows = orgs.map((o) => {
    const c = addUp(all.map((s) => s.report.within.get(`o~${o._id}`)));
    const members = typeof o.members === 'number' && o.members > 0 ? o.members : null;
    if (members) {
      declared += members;
      approvedOfDeclared += Math.min(c.approved ?? 0, members);
    }
    return {
      id: o._id,
      name: o.name,
      members,
      approved: c.approved ?? 0,
      pending: c.pending ?? 0,
      reportRate: members ? percent(Math.min(c.approved ?? 0, members), members) : null,
      halfYearMet: met.get(o._id) ?? 0,
      halfYearRate: percent(met.get(o._id) ?? 0, c.approved ?? 0),
    };
  });
  return { orgs: rows, reportRate: percent(approvedOfDeclared, declared) };
}

/**
 * Communities' counter documents by community, many at once: a query per as many communities as fill one page
 * (`perCommunity` documents each, a page of 1,000), all in parallel, so a district is read in one round.
 */
async function countersOf(
  store: Store,
  collection: string,
  communityIds: string[],
  perCommunity: number,
): Promise<StatsDoc[]> {
  const size = Math.max(1, Math.floor(MAX_LIMIT / perCommunity));
  const chunks: string[][] = [];
  for (let i = 0; i < communityIds.length; i += size) chunks.push(communityIds.slice(i, i + size));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      allPages<StatsDoc>(store, collection, { where: { communityId: { $in: chunk } }, orderBy: [['_id', 'asc']] }),
    ),
  );
  return pages.flat();
}

/**
 * The dashboard from the counters alone (no record is read): the caller, the places, then the counter
 * documents they need, all at once (three reads one after another). One community: its documents by id, and
 * its grids. The district: its communities' documents a few communities a query, and its organisations.
 */
export const dashboard: Handlers<StatsContract>['dashboard'] = async (input, ctx) => {
  const station = ownScope(ctx.caller, 'stationAdmin');
  const district = ownScope(ctx.caller, 'districtAdmin');
  const months = lastMonths(ctx.now);
  const half = halfKey(ctx.now);
  const halfYear = halfYearOf(ctx.now).label;
  if (input.communityId || (station && !district)) {
    const id = input.communityId ?? station!;
    const community = await ctx.store.get<CommunityDoc>('communities', id);
    if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
    if (community._id !== station && community.districtId !== district) return fail('AUTH.OUT_OF_SCOPE');
    const [stats, points, grids, overdueWhistles, whistles] = await Promise.all([
      loadByIds<StatsDoc>(ctx.store, 'stats', communityStatsIds(id)),
      loadByIds<StatsDoc>(ctx.store, 'pointsStats', pointsStatsIds(id)),
      ctx.store.find<GridDoc>('grids', { where: { communityId: id }, orderBy: [['seq', 'asc']], limit: 200 }),
      countOverdueWhistles(ctx.store, { communityId: id }),
      whistleMonth(ctx.store, community.districtId, months.at(-1)!, id),
    ]);
    const s = summed([...stats.values()], [...points.values()]);
    return {
      scope: 'community' as const,
      name: community.name,
      halfYear,
      total: figures(community, s, half),
      communities: [figures(community, s, half)],
      months: trends([s], months),
      grids: gridsOf(
        grids.items.filter((g) => !g.retiredAt),
        s,
        half,
      ),
      orgs: [],
      reportRate: null,
      overdueWhistles,
      whistles,
    };
  }
  const [found, doc, orgs] = await Promise.all([
    ctx.store.find<CommunityDoc>('communities', {
      where: { districtId: district! },
      orderBy: [['name', 'asc']],
      limit: 1000,
    }),
    ctx.store.get<DistrictDoc>('districts', district!),
    ctx.store.find<OrgDoc>('orgs', { where: { districtId: district! }, orderBy: [['name', 'asc']], limit: 1000 }),
  ]);
  const communities = found.items.filter((c) => !c.retiredAt);
  const ids = communities.map((c) => c._id);
  const [stats, points, overdueWhistles, whistles] = await Promise.all([
    countersOf(ctx.store, 'stats', ids, statsPerCommunity),
    countersOf(ctx.store, 'pointsStats', ids, pointsStatsIds('_').length),
    countOverdueWhistles(ctx.store, { districtId: district! }),
    whistleMonth(ctx.store, district!, months.at(-1)!, null),
  ]);
  const [statsBy, pointsBy] = [byCommunity(stats), byCommunity(points)];
  const all = communities.map((c) => summed(statsBy.get(c._id) ?? [], pointsBy.get(c._id) ?? []));
  const inUse = new Set(ids);
  const whole = summed(
    stats.filter((d) => inUse.has(d.communityId!)),
    points.filter((d) => inUse.has(d.communityId ?? d._id)),
  );
  return {
    scope: 'district' as const,
    name: doc?.name ?? '',
    halfYear,
    total: figures({ _id: district!, name: doc?.name ?? '', districtId: district! }, whole, half),
    communities: communities.map((c, i) => figures(c, all[i]!, half)),
    months: trends(all, months),
    grids: [],
    overdueWhistles,
    whistles,
    ...orgsOf(
      orgs.items.filter((o) => !o.retiredAt),
      all,
      half,
    ),
  };
};

/** The organisation's dashboard: its members' 报到 and its pairing (three reads at once after the caller). */
export const orgDashboard: Handlers<StatsContract>['orgDashboard'] = async (_input, ctx) => {
  const orgId = ownScope(ctx.caller, 'orgAdmin');
  if (!orgId) return fail('AUTH.FORBIDDEN');
  const [org, reports, latest, halves] = await Promise.all([
    ctx.store.get<OrgDoc>('orgs', orgId),
    orgEnrolmentCounts(ctx.store, orgId),
    ctx.store.find<PairingDoc>('pairings', { where: { orgId }, orderBy: [['deadlineAt', 'desc']], limit: 1 }),
    loadByIds<StatsDoc>(ctx.store, 'stats', halfYearOrgIds(orgId)),
  ]);
  const pairing = latest.items[0];
  const met = sumShards(halves.values()).now[halfKey(ctx.now)] ?? 0;
  return {
    orgName: org?.name ?? '',
    reports,
    halfYear: { label: halfYearOf(ctx.now).label, met, rate: percent(met, reports.approved) },
    pairing: pairing ? await pairingViewOf(ctx, pairing) : null,
  };
};
