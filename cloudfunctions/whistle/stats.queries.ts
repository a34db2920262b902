import { ownScope } from '../access/access';
import { fail } from '@shared/core/result';
import { beijingMonth } from '@shared/core/time';
import type { WhistleContract } from '@shared/whistle/whistle.contract';
import { assessmentPoints, problemRates } from '@shared/whistle/whistle.rules';
import { loadByIds, loadPlaces, nameOf } from '../core/runtime/lookup';
import type { Handlers } from '../core/runtime/router';
import type { CommunityDoc, DepartmentDoc } from '../org/org.port';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';

type Tally = {
  whistled: number;
  acknowledged: number;
  responded: number;
  respondedOnTime: number;
  confirmed: number;
  rated: number;
  satisfied: number;
  late: number;
  overdue: number;
};
const empty = (): Tally => ({
  whistled: 0,
  acknowledged: 0,
  responded: 0,
  respondedOnTime: 0,
  confirmed: 0,
  rated: 0,
  satisfied: 0,
  late: 0,
  overdue: 0,
});

/**
 * The district's figures for one month (by whistle time, Beijing): per department and per community,
 * the four rates and each department's assessment points. A whistle counts as resolved when its
 * problem's result was confirmed in that round; rating counts the resident's rating of that result.
 */
export const problemStats: Handlers<WhistleContract>['problemStats'] = async (input, ctx) => {
  const districtId = ownScope(ctx.caller, 'districtAdmin');
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const month = beijingMonth(input.month);
  const whistles: WhistleDoc[] = [];
  let after: string | null = null;
  do {
    const page: { items: WhistleDoc[]; next: string | null } = await ctx.store.find<WhistleDoc>('whistles', {
      where: { districtId, whistledAt: { $gte: month.start, $lt: month.end } },
      orderBy: [['whistledAt', 'asc']],
      limit: 1000,
      after,
    });
    whistles.push(...page.items);
    after = page.next;
  } while (after);
  const problems = await loadByIds<ProblemDoc>(
    ctx.store,
    'problems',
    whistles.map((w) => w.problemId),
  );
  const byDept = new Map<string, Tally>();
  const byCommunity = new Map<string, Tally>();
  for (const w of whistles) {
    const p = problems.get(w.problemId);
    const resolved =
      !!p && (p.round > w.round || ['confirmed', 'closed', 'reopened'].includes(p.status)) && !!w.respondedAt;
    const rating = p && p.round === w.round ? p.rating : null;
    for (const [map, key] of [
      [byDept, w.departmentId],
      [byCommunity, w.communityId],
    ] as const) {
      const t = map.get(key) ?? empty();
      t.whistled++;
      if (w.acknowledgedAt) t.acknowledged++;
      if (w.respondedAt) t.responded++;
      if (w.respondedAt && w.respondedAt <= w.deadlineAt) t.respondedOnTime++;
      if (resolved) t.confirmed++;
      if (resolved && w.respondedAt && w.respondedAt > w.deadlineAt) t.late++;
      if (w.overdue && !w.respondedAt) t.overdue++;
      if (rating) t.rated++;
      if (rating === 'satisfied') t.satisfied++;
      map.set(key, t);
    }
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
      .sort((a, b) => b.points - a.points),
    communities: [...byCommunity].map(([id, t]) => ({
      id,
      name: nameOf(communities, id),
      whistled: t.whistled,
      ...problemRates(t),
    })),
  };
};
