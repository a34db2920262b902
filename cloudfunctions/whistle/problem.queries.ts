import { grantOf, ownScope } from '../access/access';
import { fail } from '@shared/core/result';
import type { WhistleContract } from '@shared/whistle/whistle.contract';
import { loadByIds } from '../core/runtime/lookup';
import type { Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import type { UnitDoc } from '../org/org.port';
import type { ProblemDoc, WhistleDoc } from './whistle.documents';
import { problemViews } from './problem.view';
import { filterProblems, findFiltered } from '../core/runtime/filter';

export const myProblems: Handlers<WhistleContract>['myProblems'] = async (input, ctx) => {
  const page = await ctx.store.find<ProblemDoc>('problems', {
    where: { openid: ctx.caller.openid },
    orderBy: [['createdAt', 'desc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  return { items: await problemViews(ctx, page.items), next: page.next };
};

/** The station's ledger of its community's problems by state; the district reads any community's, or all of its own. */
export const stationProblems: Handlers<WhistleContract>['stationProblems'] = async (input, ctx) => {
  const bad = filterProblems(input);
  if (bad) return bad;
  const station = ownScope(ctx.caller, 'stationAdmin');
  const district = grantOf(ctx.caller, 'districtAdmin');
  let where: Where;
  if (input.communityId && district) where = { communityId: input.communityId, status: input.status };
  else if (station) where = { communityId: input.communityId ?? station, status: input.status };
  else if (district) where = { districtId: district.scopeId, status: input.status };
  else return fail('AUTH.FORBIDDEN');
  if (station && !district && where.communityId !== station) return fail('AUTH.OUT_OF_SCOPE');
  const page = await findFiltered<ProblemDoc>(
    ctx.store,
    'problems',
    { where, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor },
    input,
    { text: (p) => [p.description, p.reporterName], phones: (p) => [p.reporterPhone] },
  );
  return { items: await problemViews(ctx, page.items), next: page.next };
};

/** A department's whistles, waiting or answered, soonest deadline first. */
export const departmentWhistles: Handlers<WhistleContract>['departmentWhistles'] = async (input, ctx) => {
  const departmentId = ownScope(ctx.caller, 'department');
  if (!departmentId) return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<WhistleDoc>('whistles', {
    where: { departmentId, open: input.open },
    orderBy: [['deadlineAt', 'asc']],
    limit: input.limit,
    after: input.cursor ?? null,
  });
  const problems = await loadByIds<ProblemDoc>(
    ctx.store,
    'problems',
    page.items.map((w) => w.problemId),
  );
  return {
    items: await problemViews(
      ctx,
      page.items.map((w) => problems.get(w.problemId)).filter((p): p is ProblemDoc => !!p),
    ),
    next: page.next,
  };
};

/** Before filing, a resident sees what is already being handled in their grid and can add "me too". */
export const nearbyProblems: Handlers<WhistleContract>['nearbyProblems'] = async (input, ctx) => {
  const unit = await ctx.store.get<UnitDoc>('units', input.unitId);
  if (!unit) return fail('NOT_FOUND');
  const page = await ctx.store.find<ProblemDoc>('problems', {
    where: { gridId: unit.gridId, open: true },
    orderBy: [['createdAt', 'desc']],
    limit: 20,
  });
  return {
    items: await problemViews(
      ctx,
      page.items.filter((p) => p.status !== 'submitted' || p.openid !== ctx.caller.openid),
    ),
  };
};
