import { fail, isFailure } from '@shared/core/result';
import { beijingMonth } from '@shared/core/time';
import type { ReportContract } from '@shared/report/report.contract';
import { assessmentPoints, problemRates } from '@shared/report/report.rules';
import type { CommunityDoc, DepartmentDoc, ProblemDoc, UnitDoc, WhistleDoc } from '../core/runtime/documents';
import { loadByIds, nameOf } from '../core/runtime/lookup';
import { holders, notify } from '../core/runtime/notifier';
import type { Handlers } from '../core/runtime/router';
import { StoreConflictError } from '../core/store/store.port';
import { moveProblem } from './problem.move';
import { problemView, problemViews } from './problem.view';

/** Before filing, a resident sees what is already being handled in their grid and can add "me too". */
export const nearbyProblems: Handlers<ReportContract>['nearbyProblems'] = async (input, ctx) => {
  const unit = await ctx.store.get<UnitDoc>('units', input.unitId);
  if (!unit) return fail('NOT_FOUND');
  const page = await ctx.store.find<ProblemDoc>('problems', { where: { gridId: unit.gridId, open: true }, orderBy: [['createdAt', 'desc']], limit: 20 });
  return { items: await problemViews(ctx, page.items.filter((p) => p.status !== 'submitted' || p.openid !== ctx.caller.openid)) };
};

export const meToo: Handlers<ReportContract>['meToo'] = async (input, ctx) => {
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!p) return fail('NOT_FOUND');
  if (!p.open || p.openid === ctx.caller.openid) return fail('REPORT.BAD_STATE');
  try {
    await ctx.store.insert('meToos', { _id: `${p._id}~${ctx.caller.openid}`, at: ctx.now.toISOString() });
  } catch (error) {
    if (error instanceof StoreConflictError) return { problem: await problemView(ctx, p), changed: false };
    throw error;
  }
  await ctx.store.update('problems', { _id: p._id }, { meToo: { $inc: 1 } });
  await ctx.audit({ action: 'problem.meToo', entity: 'problems', entityId: p._id, before: { meToo: p.meToo }, after: { meToo: p.meToo + 1 } });
  return { problem: await problemView(ctx, { ...p, meToo: p.meToo + 1 }), changed: true };
};

/** A department says the problem is not theirs (and whose it is): the lead's word returns it to the station. */
export const notOurs: Handlers<ReportContract>['notOurs'] = async (input, ctx) => {
  const dept = ctx.caller.grants.find((g) => g.role === 'department');
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!dept || !p) return fail('NOT_FOUND');
  const whistle = await ctx.store.get<WhistleDoc>('whistles', `${p._id}~${dept.scopeId}~${p.round}`);
  if (!whistle) return fail('AUTH.OUT_OF_SCOPE');
  if (!whistle.open) return fail('REPORT.BAD_STATE');
  const note = `非本部门职责，建议由${input.belongsTo}处理`;
  let result: ProblemDoc | ReturnType<typeof fail>;
  if (whistle.lead) {
    const round = await ctx.store.find<WhistleDoc>('whistles', { where: { problemId: p._id, round: p.round }, limit: 10 });
    result = await moveProblem(ctx, p._id, 'notOurs', {}, note, async (tx) => {
      for (const w of round.items) await tx.update('whistles', w._id, { open: false });
    });
  } else {
    await ctx.store.update('whistles', { _id: whistle._id, open: true }, { open: false });
    await ctx.audit({ action: 'whistle.notOurs', entity: 'whistles', entityId: whistle._id, before: { open: true }, after: { open: false, note } });
    result = p;
  }
  if (isFailure(result)) return result;
  await notify(ctx.rt, await holders(ctx.rt, 'stationAdmin', 'community', p.communityId), { key: `notours~${whistle._id}`, title: '部门退回吹哨', body: note, link: null });
  return { problem: await problemView(ctx, result) };
};

/** A progress note on the timeline, from a whistled department or the station; the state stays. */
export const addProgress: Handlers<ReportContract>['addProgress'] = async (input, ctx) => {
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!p) return fail('NOT_FOUND');
  const dept = ctx.caller.grants.find((g) => g.role === 'department');
  const station = !isFailure(ctx.scope(['stationAdmin'], { communityId: p.communityId }));
  const whistled = dept ? await ctx.store.get<WhistleDoc>('whistles', `${p._id}~${dept.scopeId}~${p.round}`) : null;
  if (!station && !whistled?.open) return fail(whistled ? 'REPORT.BAD_STATE' : 'AUTH.OUT_OF_SCOPE');
  if (!p.open) return fail('REPORT.BAD_STATE');
  const entry = { at: ctx.now.toISOString(), by: ctx.caller.openid, from: p.status, to: p.status, note: input.note };
  await ctx.store.update('problems', { _id: p._id, status: p.status }, { history: { $push: entry } });
  await ctx.audit({ action: 'problem.progress', entity: 'problems', entityId: p._id, before: null, after: { note: input.note } });
  return { problem: await problemView(ctx, { ...p, history: [...p.history, entry] }) };
};

type Tally = { whistled: number; acknowledged: number; responded: number; respondedOnTime: number; confirmed: number; rated: number; satisfied: number; late: number; overdue: number };
const empty = (): Tally => ({ whistled: 0, acknowledged: 0, responded: 0, respondedOnTime: 0, confirmed: 0, rated: 0, satisfied: 0, late: 0, overdue: 0 });

/**
 * The district's figures for one month (by whistle time, Beijing): per department and per community,
 * the four rates and each department's assessment points. A whistle counts as resolved when its
 * problem's result was confirmed in that round; rating counts the resident's rating of that result.
 */
export const problemStats: Handlers<ReportContract>['problemStats'] = async (input, ctx) => {
  const district = ctx.caller.grants.find((g) => g.role === 'districtAdmin');
  if (!district) return fail('AUTH.FORBIDDEN');
  const month = beijingMonth(input.month);
  const whistles: WhistleDoc[] = [];
  let after: string | null = null;
  do {
    const page: { items: WhistleDoc[]; next: string | null } = await ctx.store.find<WhistleDoc>('whistles', {
      where: { districtId: district.scopeId, whistledAt: { $gte: month.start, $lt: month.end } },
      orderBy: [['whistledAt', 'asc']], limit: 1000, after,
    });
    whistles.push(...page.items);
    after = page.next;
  } while (after);
  const problems = await loadByIds<ProblemDoc>(ctx.store, 'problems', whistles.map((w) => w.problemId));
  const byDept = new Map<string, Tally>();
  const byCommunity = new Map<string, Tally>();
  for (const w of whistles) {
    const p = problems.get(w.problemId);
    const resolved = !!p && (p.round > w.round || ['confirmed', 'closed', 'reopened'].includes(p.status)) && !!w.respondedAt;
    const rating = p && p.round === w.round ? p.rating : null;
    for (const [map, key] of [[byDept, w.departmentId], [byCommunity, w.communityId]] as const) {
      const t = map.get(key) ?? empty();
      t.whistled++;
      if (w.acknowledgedAt) t.acknowledged++;
      if (w.respondedAt) t.responded++;
      if (w.respondedAt && w.respondedAt <= w.deadlineAt) t.respondedOnTime++;
      if (resolved) t.confirmed++;
      if (resolved && w.respondedAt && w.respondedAt > w.deadlineAt) t.late++;
      if (w.overdue && !w.respondedAt) t.overdue++;
      if (rating) (t.rated++, rating === 'satisfied' && t.satisfied++);
      map.set(key, t);
    }
  }
  const [departments, communities] = await Promise.all([
    loadByIds<DepartmentDoc>(ctx.store, 'departments', byDept.keys()),
    loadByIds<CommunityDoc>(ctx.store, 'communities', byCommunity.keys()),
  ]);
  return {
    month: input.month,
    departments: [...byDept].map(([id, t]) => ({
      id, name: nameOf(departments, id), whistled: t.whistled, ...problemRates(t),
      points: assessmentPoints({ resolvedOnTime: t.confirmed - t.late, resolvedLate: t.late, overdueUnanswered: t.overdue }),
    })).sort((a, b) => b.points - a.points),
    communities: [...byCommunity].map(([id, t]) => ({ id, name: nameOf(communities, id), whistled: t.whistled, ...problemRates(t) })),
  };
};

