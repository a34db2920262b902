import { fail, isFailure } from '@shared/core/result';
import { defaultDeadlineRule, feedbackDeadline } from '@shared/report/deadline';
import type { ReportContract } from '@shared/report/report.contract';
import { REMIND_BEFORE_HOURS } from '@shared/report/report.rules';
import type { CommunitySettingsDoc, DepartmentDoc, MessageDoc, ProblemDoc, UnitDoc, WhistleDoc } from '../core/runtime/documents';
import { loadByIds } from '../core/runtime/lookup';
import { holders, notify } from '../core/runtime/notifier';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import { moveProblem } from './problem.move';
import { problemView, problemViews } from './problem.view';

async function stationProblem(ctx: Ctx, id: string) {
  const p = await ctx.store.get<ProblemDoc>('problems', id);
  if (!p) return fail('NOT_FOUND');
  const allowed = ctx.scope(['stationAdmin'], { communityId: p.communityId });
  return isFailure(allowed) ? allowed : p;
}

export const submitProblem: Handlers<ReportContract>['submitProblem'] = async (input, ctx) => {
  const unit = await ctx.store.get<UnitDoc>('units', input.unitId);
  if (!unit) return fail('NOT_FOUND', undefined, { unitId: '请选择问题所在的单元' });
  const now = ctx.now.toISOString();
  const p: ProblemDoc = {
    _id: ctx.rt.newId(), districtId: unit.districtId, communityId: unit.communityId, gridId: unit.gridId, unitId: unit._id, openid: ctx.caller.openid,
    reporterName: ctx.caller.person?.name ?? null, reporterPhone: input.phone, category: input.category, description: input.description, photos: input.photos,
    status: 'submitted', open: true, shareIdentity: false, mergedInto: null, meToo: 0, round: 0, result: null, resultPhotos: [], rating: null, ratingComment: null,
    createdAt: now, history: [{ at: now, by: ctx.caller.openid, from: null, to: 'submitted', note: null }],
  };
  await ctx.store.insert('problems', p);
  await ctx.audit({ action: 'problem.submit', entity: 'problems', entityId: p._id, before: null, after: { category: p.category, unitId: p.unitId } });
  await notify(ctx.rt, await holders(ctx.rt, 'stationAdmin', 'community', p.communityId), { key: `new~${p._id}`, title: '新的问题反映', body: `${p.category}：${p.description.slice(0, 40)}`, link: null });
  return { problem: await problemView(ctx, p) };
};

export const myProblems: Handlers<ReportContract>['myProblems'] = async (input, ctx) => {
  const page = await ctx.store.find<ProblemDoc>('problems', { where: { openid: ctx.caller.openid }, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await problemViews(ctx, page.items), next: page.next };
};

/** The station decides: solve in the station, merge into an open report, decline with a reason, or whistle. */
export const triage: Handlers<ReportContract>['triage'] = async (input, ctx) => {
  const p = await stationProblem(ctx, input.problemId);
  if (isFailure(p)) return p;
  let moved;
  if (input.action === 'solveInStation') moved = await moveProblem(ctx, p._id, 'solveInStation', {}, input.reason ?? null);
  else if (input.action === 'decline') moved = await moveProblem(ctx, p._id, 'decline', {}, input.reason ?? null);
  else if (input.action === 'merge') {
    const target = await ctx.store.get<ProblemDoc>('problems', input.mergeInto ?? '');
    if (!target || target.communityId !== p.communityId || !target.open || target._id === p._id) return fail('INPUT.INVALID', undefined, { mergeInto: '请选择本社区仍在处理的问题' });
    moved = await moveProblem(ctx, p._id, 'merge', { mergedInto: target._id }, `合并到 ${target._id}`, async (tx) => {
      await tx.update('problems', target._id, { meToo: { $inc: 1 } });
    });
  } else {
    const departments = await loadByIds<DepartmentDoc>(ctx.store, 'departments', input.departments ?? []);
    if (departments.size !== (input.departments ?? []).length || [...departments.values()].some((d) => d.districtId !== p.districtId)) return fail('INPUT.INVALID', undefined, { departments: '请选择本区的职能部门' });
    const settings = await ctx.store.get<CommunitySettingsDoc>('communitySettings', p.communityId);
    const deadlineAt = feedbackDeadline(ctx.now, settings?.deadlineRule ?? defaultDeadlineRule);
    const round = p.round + 1;
    const now = ctx.now.toISOString();
    moved = await moveProblem(ctx, p._id, 'whistle', { round, shareIdentity: input.shareIdentity, result: null }, input.reason ?? null, async (tx, next) => {
      for (const d of departments.values()) {
        const whistle: WhistleDoc = {
          _id: `${next._id}~${d._id}~${round}`, problemId: next._id, departmentId: d._id, communityId: next.communityId, districtId: next.districtId,
          lead: d._id === input.leadDepartment, round, whistledAt: now, deadlineAt: deadlineAt.toISOString(),
          remindAt: new Date(Math.max(ctx.now.getTime(), deadlineAt.getTime() - REMIND_BEFORE_HOURS * 3600_000)).toISOString(),
          open: true, reminded: false, overdue: false, acknowledgedAt: null, respondedAt: null,
        };
        await tx.insert('whistles', whistle);
      }
    });
    if (!isFailure(moved)) {
      for (const d of departments.values()) {
        await notify(ctx.rt, await holders(ctx.rt, 'department', 'department', d._id), { key: `whistle~${p._id}~${d._id}~${round}`, title: '社区吹哨', body: `${p.category}：${p.description.slice(0, 40)}，请尽快报到并在期限内反馈`, link: null });
      }
    }
  }
  if (isFailure(moved)) return moved;
  if (input.action === 'decline') await notify(ctx.rt, [p.openid], { key: `declined~${p._id}`, title: '问题反映处理结果', body: `您反映的问题不予受理：${input.reason}`, link: null });
  return { problem: await problemView(ctx, moved) };
};

export const stationProblems: Handlers<ReportContract>['stationProblems'] = async (input, ctx) => {
  const station = ctx.caller.grants.find((g) => g.role === 'stationAdmin');
  const district = ctx.caller.grants.find((g) => g.role === 'districtAdmin');
  let where: Where;
  if (input.communityId && district) where = { communityId: input.communityId, status: input.status };
  else if (station) where = { communityId: input.communityId ?? station.scopeId, status: input.status };
  else if (district) where = { districtId: district.scopeId, status: input.status };
  else return fail('AUTH.FORBIDDEN');
  if (station && !district && where.communityId !== station.scopeId) return fail('AUTH.OUT_OF_SCOPE');
  const page = await ctx.store.find<ProblemDoc>('problems', { where, orderBy: [['createdAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await problemViews(ctx, page.items), next: page.next };
};

export const stationRespond: Handlers<ReportContract>['stationRespond'] = async (input, ctx) => {
  const p = await stationProblem(ctx, input.problemId);
  if (isFailure(p)) return p;
  if (p.status !== 'in_station') return fail('REPORT.BAD_STATE');
  const moved = await moveProblem(ctx, p._id, 'respond', { result: input.result, resultPhotos: input.photos }, input.result);
  return isFailure(moved) ? moved : { problem: await problemView(ctx, moved) };
};

/** The station confirms the result before the resident is told (结果在站内反馈). */
export const confirmResult: Handlers<ReportContract>['confirmResult'] = async (input, ctx) => {
  const p = await stationProblem(ctx, input.problemId);
  if (isFailure(p)) return p;
  const moved = await moveProblem(ctx, p._id, 'confirm', {}, null);
  if (isFailure(moved)) return moved;
  await notify(ctx.rt, [p.openid], { key: `result~${p._id}~${p.round}`, title: '您反映的问题已办结', body: `${moved.result ?? ''}。请对处理结果进行评价。`, link: null });
  return { problem: await problemView(ctx, moved) };
};

/** The whistle of the caller's department in the problem's current round. */
async function myWhistle(ctx: Ctx, problemId: string) {
  const dept = ctx.caller.grants.find((g) => g.role === 'department');
  const p = await ctx.store.get<ProblemDoc>('problems', problemId);
  if (!dept || !p) return fail('NOT_FOUND');
  const whistle = await ctx.store.get<WhistleDoc>('whistles', `${p._id}~${dept.scopeId}~${p.round}`);
  return whistle ? { p, whistle } : fail('AUTH.OUT_OF_SCOPE');
}

export const departmentWhistles: Handlers<ReportContract>['departmentWhistles'] = async (input, ctx) => {
  const dept = ctx.caller.grants.find((g) => g.role === 'department');
  if (!dept) return fail('AUTH.FORBIDDEN');
  const page = await ctx.store.find<WhistleDoc>('whistles', { where: { departmentId: dept.scopeId, open: input.open }, orderBy: [['deadlineAt', 'asc']], limit: input.limit, after: input.cursor ?? null });
  const problems = await loadByIds<ProblemDoc>(ctx.store, 'problems', page.items.map((w) => w.problemId));
  return { items: await problemViews(ctx, page.items.map((w) => problems.get(w.problemId)).filter((p): p is ProblemDoc => !!p)), next: page.next };
};

/** 报到: the department acknowledges the whistle; the lead department's acknowledgement moves the problem. */
export const acknowledge: Handlers<ReportContract>['acknowledge'] = async (input, ctx) => {
  const found = await myWhistle(ctx, input.problemId);
  if (isFailure(found)) return found;
  const changed = await ctx.store.update('whistles', { _id: found.whistle._id, acknowledgedAt: null }, { acknowledgedAt: ctx.now.toISOString() });
  if (!changed) return fail('REPORT.BAD_STATE');
  await ctx.audit({ action: 'whistle.acknowledge', entity: 'whistles', entityId: found.whistle._id, before: { acknowledgedAt: null }, after: { acknowledgedAt: ctx.now.toISOString() } });
  if (!found.whistle.lead) return { problem: await problemView(ctx, found.p) };
  const moved = await moveProblem(ctx, found.p._id, 'acknowledge', {}, null);
  return isFailure(moved) ? moved : { problem: await problemView(ctx, moved) };
};

/** The lead department feeds back the handling; every whistle of the round stops waiting. */
export const respond: Handlers<ReportContract>['respond'] = async (input, ctx) => {
  const found = await myWhistle(ctx, input.problemId);
  if (isFailure(found)) return found;
  if (!found.whistle.lead) return fail('REPORT.NOT_LEAD');
  const now = ctx.now.toISOString();
  // Read the round's whistles before the transaction: inside one, only by-id reads and writes are allowed.
  const round = await ctx.store.find<WhistleDoc>('whistles', { where: { problemId: found.p._id, round: found.p.round }, limit: 10 });
  const moved = await moveProblem(ctx, found.p._id, 'respond', { result: input.result, resultPhotos: input.photos }, input.result, async (tx) => {
    // The lead answers for every department of the round: all stop waiting at the same time.
    for (const w of round.items) if (w.open) await tx.update('whistles', w._id, { respondedAt: now, open: false });
  });
  if (isFailure(moved)) return moved;
  await notify(ctx.rt, await holders(ctx.rt, 'stationAdmin', 'community', moved.communityId), { key: `responded~${moved._id}~${moved.round}`, title: '部门已反馈', body: input.result.slice(0, 60), link: null });
  return { problem: await problemView(ctx, moved) };
};

/** The resident rates; not satisfied reopens the problem for the station. */
export const rate: Handlers<ReportContract>['rate'] = async (input, ctx) => {
  const p = await ctx.store.get<ProblemDoc>('problems', input.problemId);
  if (!p) return fail('NOT_FOUND');
  if (p.openid !== ctx.caller.openid) return fail('AUTH.FORBIDDEN');
  const rating = input.satisfied ? 'satisfied' : 'unsatisfied';
  const moved = await moveProblem(ctx, p._id, input.satisfied ? 'rateSatisfied' : 'rateUnsatisfied', { rating, ratingComment: input.comment ?? null }, input.comment ?? null);
  return isFailure(moved) ? moved : { problem: await problemView(ctx, moved) };
};

export const inbox: Handlers<ReportContract>['inbox'] = async (input, ctx) => {
  const [page, unread] = await Promise.all([
    ctx.store.find<MessageDoc>('messages', { where: { to: ctx.caller.openid }, orderBy: [['at', 'desc']], limit: input.limit, after: input.cursor ?? null }),
    ctx.store.count('messages', { to: ctx.caller.openid, read: false }),
  ]);
  return { items: page.items.map((m) => ({ id: m._id, title: m.title, body: m.body, at: m.at, read: m.read, link: m.link })), next: page.next, unread };
};
