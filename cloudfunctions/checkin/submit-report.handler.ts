import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { planSubmission, reportId } from '@shared/checkin/report.rules';
import { fail, isFailure } from '@shared/core/result';
import type { OrgDoc, ReportDoc, UnitDoc } from '../core/runtime/documents';
import type { Ctx, Handlers } from '../core/runtime/router';
import { StoreConflictError } from '../core/store/store.port';
import { communityOfToken } from './community';
import { reportView } from './report.view';

/** A new report replaces the caller's pending report to another community (they moved house). */
async function withdrawPendingElsewhere(ctx: Ctx, keepId: string): Promise<void> {
  const mine = await ctx.store.find<ReportDoc>('reports', { where: { openid: ctx.caller.openid }, orderBy: [['submittedAt', 'desc']], limit: 20 });
  for (const other of mine.items.filter((r) => r._id !== keepId && r.status === 'pending')) {
    const entry = { at: ctx.now.toISOString(), by: ctx.caller.openid, from: 'pending', to: 'withdrawn', note: '改报到其他社区' };
    const changed = await ctx.store.update('reports', { _id: other._id, status: 'pending' }, { status: 'withdrawn', history: { $push: entry } });
    if (changed) await ctx.audit({ action: 'report.withdraw', entity: 'reports', entityId: other._id, before: { status: 'pending' }, after: { status: 'withdrawn' } });
  }
}

/** 报到: create the report, or resubmit a rejected one; submitting again while pending or approved changes nothing. */
export const submitReport: Handlers<CheckinContract>['submitReport'] = async (input, ctx) => {
  const community = await communityOfToken(ctx, input.token);
  if (isFailure(community)) return community;
  const { store, caller } = ctx;
  const id = reportId(caller.openid, community._id);
  const [unit, org, existing] = await Promise.all([
    store.get<UnitDoc>('units', input.unitId),
    store.get<OrgDoc>('orgs', input.orgId),
    store.get<ReportDoc>('reports', id),
  ]);
  if (!unit || unit.communityId !== community._id) return fail('CHECKIN.UNIT_NOT_IN_COMMUNITY', undefined, { unitId: '请选择本社区的单元' });
  if (!org || org.districtId !== community.districtId) return fail('CHECKIN.ORG_UNKNOWN', undefined, { orgId: '请选择报到单位' });

  const plan = planSubmission(existing);
  if (plan.kind === 'unchanged') return { report: await reportView(store, existing as ReportDoc, true), changed: false };

  const now = ctx.now.toISOString();
  const fields = { name: input.name, phone: input.phone, orgId: org._id, unitId: unit._id, gridId: unit.gridId, submittedAt: now };
  const entry = { at: now, by: caller.openid, from: existing?.status ?? null, to: 'pending', note: null };
  if (plan.kind === 'create') {
    const doc: ReportDoc = {
      _id: id, openid: caller.openid, status: 'pending', districtId: community.districtId, communityId: community._id,
      ...fields, reviewedAt: null, reviewedBy: null, reason: null, history: [entry],
    };
    try {
      await store.insert('reports', doc);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // A concurrent submission by the same person won; answer with its report.
      const winner = (await store.get<ReportDoc>('reports', id)) as ReportDoc;
      return { report: await reportView(store, winner, true), changed: false };
    }
    await ctx.audit({ action: 'report.submit', entity: 'reports', entityId: id, before: null, after: { status: 'pending', ...fields } });
  } else {
    const patch = { status: 'pending', ...fields, reviewedAt: null, reviewedBy: null, reason: null, history: { $push: entry } };
    const changed = await store.update('reports', { _id: id, status: plan.from }, patch);
    if (changed) await ctx.audit({ action: 'report.resubmit', entity: 'reports', entityId: id, before: { status: plan.from }, after: { status: 'pending', ...fields } });
  }
  await withdrawPendingElsewhere(ctx, id);
  const saved = (await store.get<ReportDoc>('reports', id)) as ReportDoc;
  return { report: await reportView(store, saved, true), changed: true };
};
