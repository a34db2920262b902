import { fail } from '@shared/core/result';
import { beijingDay } from '@shared/core/time';
import type { CommunityFigures, MonthFigures, StatsContract } from '@shared/org/stats.contract';
import { ownScope } from '../access/access';
import { statsIds, sumShards, type CountedKind, type StatsDoc } from '../core/runtime/counters';
import { loadByIds } from '../core/runtime/lookup';
import type { Handlers } from '../core/runtime/router';
import type { CommunityDoc, DistrictDoc, OrgDoc } from './org.documents';
import { orgEnrolmentCounts } from '../checkin/checkin.port';
import type { PairingDoc } from './pairing.documents';
import { pairingViewOf } from './pairing.view';

const kinds: CountedKind[] = ['report', 'wish', 'problem'];

/** The last twelve Beijing months, oldest first. */
function lastMonths(now: Date): string[] {
  const start = beijingDay(now).startOf('month');
  return Array.from({ length: 12 }, (_, i) => start.subtract(11 - i, 'month').format('YYYY-MM'));
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const sumOf = (c: Record<string, number>, states: string[]) => states.reduce((s, k) => s + (c[k] ?? 0), 0);

type Summed = Record<CountedKind, ReturnType<typeof sumShards>>;

function summed(community: CommunityDoc, stats: Map<string, StatsDoc>): Summed {
  const of = (kind: CountedKind) => sumShards(statsIds(kind, community._id).map((id) => stats.get(id)));
  return { report: of('report'), wish: of('wish'), problem: of('problem') };
}

function figures(community: CommunityDoc, s: Summed): CommunityFigures {
  const [report, wish, problem] = [s.report.now, s.wish.now, s.problem.now];
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
  };
}

/** Each of the months, the communities' entries added up. */
function trends(all: Summed[], months: string[]): MonthFigures[] {
  const add = (rows: Array<Record<string, number> | undefined>) => {
    const out: Record<string, number> = {};
    for (const r of rows) for (const [k, v] of Object.entries(r ?? {})) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return months.map((month) => ({
    month,
    report: add(all.map((s) => s.report.months.get(month))),
    wish: add(all.map((s) => s.wish.months.get(month))),
    problem: add(all.map((s) => s.problem.months.get(month))),
  }));
}

/**
 * The dashboard from the counters alone (no record is read): the caller, the communities, then every counter
 * document they need by id, all at once (three reads one after another).
 */
export const dashboard: Handlers<StatsContract>['dashboard'] = async (input, ctx) => {
  const station = ownScope(ctx.caller, 'stationAdmin');
  const district = ownScope(ctx.caller, 'districtAdmin');
  const months = lastMonths(ctx.now);
  let communities: CommunityDoc[];
  let name: string;
  let scope: 'district' | 'community';
  if (input.communityId || (station && !district)) {
    const id = input.communityId ?? station!;
    const community = await ctx.store.get<CommunityDoc>('communities', id);
    if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
    if (community._id !== station && community.districtId !== district) return fail('AUTH.OUT_OF_SCOPE');
    communities = [community];
    name = community.name;
    scope = 'community';
  } else {
    const [found, doc] = await Promise.all([
      ctx.store.find<CommunityDoc>('communities', {
        where: { districtId: district! },
        orderBy: [['name', 'asc']],
        limit: 1000,
      }),
      ctx.store.get<DistrictDoc>('districts', district!),
    ]);
    communities = found.items.filter((c) => !c.retiredAt);
    name = doc?.name ?? '';
    scope = 'district';
  }
  const ids = communities.flatMap((c) => kinds.flatMap((k) => statsIds(k, c._id)));
  const stats = await loadByIds<StatsDoc>(ctx.store, 'stats', ids);
  const all = communities.map((c) => summed(c, stats));
  return {
    scope,
    name,
    communities: communities.map((c, i) => figures(c, all[i]!)),
    months: trends(all, months),
  };
};

/** The organisation's dashboard: its members' 报到 and its pairing (three reads at once after the caller). */
export const orgDashboard: Handlers<StatsContract>['orgDashboard'] = async (_input, ctx) => {
  const orgId = ownScope(ctx.caller, 'orgAdmin');
  if (!orgId) return fail('AUTH.FORBIDDEN');
  const [org, reports, latest] = await Promise.all([
    ctx.store.get<OrgDoc>('orgs', orgId),
    orgEnrolmentCounts(ctx.store, orgId),
    ctx.store.find<PairingDoc>('pairings', { where: { orgId }, orderBy: [['deadlineAt', 'desc']], limit: 1 }),
  ]);
  const pairing = latest.items[0];
  return { orgName: org?.name ?? '', reports, pairing: pairing ? await pairingViewOf(ctx, pairing) : null };
};
