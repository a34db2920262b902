import { ownScope } from '../access/access';
import { fail } from '@shared/core/result';
import type { WhistleContract } from '@shared/whistle/whistle.contract';
import { assessmentPoints, problemRates } from '@shared/whistle/whistle.rules';
import { STATS, sumShards, type StatsDoc } from '../core/runtime/counters';
import { loadPlaces, nameOf } from '../core/runtime/lookup';
import { allPages } from '../core/runtime/pages';
import type { Handlers } from '../core/runtime/router';
import type { CommunityDoc, DepartmentDoc } from '../org/org.port';
import { tallyFields, WHISTLE_KIND, type Tally } from './whistle.stats';

/** A counter document's numbers as a tally (a count never made is 0). */
function tallyOf(counts: Record<string, number> | undefined): Tally {
  return Object.fromEntries(tallyFields.map((f) => [f, counts?.[f] ?? 0])) as Tally;
}

function addInto(into: Map<string, Tally>, key: string, t: Tally) {
  const sum = into.get(key);
  if (!sum) into.set(key, { ...t });
  else for (const f of tallyFields) sum[f] += t[f];
}

/** `n` months up to and including `month` (YYYY-MM), oldest first. */
function monthsUpTo(month: string, n: number): string[] {
  const at = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => {
    const k = at - (n - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * The district's figures for one month (by whistle time, Beijing): per department and per community, the
 * four rates and each department's assessment points, and the district's twelve months up to it. Read from
 * the counters kept with every whistle's changes (whistle.stats.ts: a department's month in a few documents,
 * its communities' shares inside): a query a month, the year's at once, however many whistles it had.
 */
export const problemStats: Handlers<WhistleContract>['problemStats'] = async (input, ctx) => {
  const districtId = ownScope(ctx.caller, 'districtAdmin');
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const months = monthsUpTo(input.month, 12);
  // The twelve months read at once, a page each (a department's month is at most eight documents).
  const docs = (
    await Promise.all(months.map((month) => allPages<StatsDoc>(ctx.store, STATS, { where: { districtId, month } })))
  ).flat();
  const byDept = new Map<string, Tally>();
  const byCommunity = new Map<string, Tally>();
  const byMonth = new Map<string, Tally>();
  for (const doc of docs) {
    if (doc.kind !== WHISTLE_KIND) continue;
    const { now, within } = sumShards([doc]);
    const t = tallyOf(now);
    addInto(byMonth, doc.month as string, t);
    if (doc.month !== input.month || !t.whistled) continue;
    addInto(byDept, doc.departmentId as string, t);
    for (const [place, counts] of within)
      if (place.startsWith('c~')) addInto(byCommunity, place.slice(2), tallyOf(counts));
  }
  const [departments, communities] = await Promise.all([
    loadPlaces<DepartmentDoc>(ctx.store, 'departments', byDept.keys()),
    loadPlaces<CommunityDoc>(ctx.store, 'communities', byCommunity.keys()),
  ]);
  return {
    month: input.month,
    departments: [...byDept]
      .map(([id, t]) => ({
        id,
        name: nameOf(departments, id),
        whistled: t.whistled,
        ...problemRates(t),
        points: assessmentPoints({
          resolvedOnTime: t.confirmed - t.late,
          resolvedLate: t.late,
          overdueUnanswered: t.overdue,
        }),
      }))
      .sort((a, b) => b.points - a.points || b.whistled - a.whistled || a.id.localeCompare(b.id)),
    communities: [...byCommunity]
      .filter(([, t]) => t.whistled > 0)
      .map(([id, t]) => ({ id, name: nameOf(communities, id), whistled: t.whistled, ...problemRates(t) }))
      .sort((a, b) => b.whistled - a.whistled || a.id.localeCompare(b.id)),
    months: months.map((month) => {
      const t = tallyOf(byMonth.get(month));
      return { month, whistled: t.whistled, respondedOnTime: t.respondedOnTime, resolved: t.confirmed };
    }),
  };
};
