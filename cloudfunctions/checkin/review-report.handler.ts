import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { reportId } from '@shared/checkin/report.rules';
import { fail, isFailure, type Failure } from '@shared/core/result';
import type { GrantDoc, PersonDoc, ReportDoc } from '../core/runtime/documents';
import type { Ctx, Handlers } from '../core/runtime/router';
import type { TxStore } from '../core/store/store.port';
import { reportView } from './report.view';

/**
 * Approval is the receipt (回执): in one transaction the report becomes approved, the person joins the
 * community (leaving the previous one, whose report becomes `moved`) and holds the member role there.
 */
async function approve(ctx: Ctx, tx: TxStore, report: ReportDoc): Promise<void> {
  const now = ctx.now.toISOString();
  const by = ctx.caller.openid;
  const person = await tx.get<PersonDoc>('people', report.openid);
  const previous = person?.communityId && person.communityId !== report.communityId ? person.communityId : null;
  await tx.update('reports', report._id, {
    status: 'approved', reviewedAt: now, reviewedBy: by, reason: null,
    history: { $push: { at: now, by, from: 'pending', to: 'approved', note: null } },
  });
  const joined: PersonDoc = {
    _id: report.openid, createdAt: person?.createdAt ?? now, name: report.name, phone: report.phone,
    communityId: report.communityId, orgId: report.orgId, unitId: report.unitId,
  };
  await tx.set('people', joined);
  const grant: GrantDoc = { _id: `${report.openid}~member`, openid: report.openid, role: 'member', scope: 'community', scopeId: report.communityId, grantedBy: by, at: now };
  await tx.set('grants', grant);
  if (previous) {
    const oldId = reportId(report.openid, previous);
    await tx.update('reports', oldId, { status: 'moved', history: { $push: { at: now, by, from: 'approved', to: 'moved', note: '已报到到新社区' } } });
    await ctx.audit({ action: 'report.move', entity: 'reports', entityId: oldId, before: { status: 'approved' }, after: { status: 'moved' } }, tx);
  }
  await ctx.audit({ action: 'report.approve', entity: 'reports', entityId: report._id, before: { status: 'pending' }, after: { status: 'approved' } }, tx);
  await ctx.audit({ action: 'person.join', entity: 'people', entityId: report.openid, before: person ?? null, after: joined }, tx);
}

/** The station approves a pending report, or rejects it with a reason. Only one review wins a race. */
export const reviewReport: Handlers<CheckinContract>['reviewReport'] = async (input, ctx) => {
  const found = await ctx.store.get<ReportDoc>('reports', input.reportId);
  if (!found) return fail('NOT_FOUND');
  const allowed = ctx.scope(['stationAdmin'], { communityId: found.communityId });
  if (isFailure(allowed)) return allowed;

  const outcome = await ctx.store.transaction(async (tx): Promise<Failure | null> => {
    const report = await tx.get<ReportDoc>('reports', input.reportId);
    if (!report || report.status !== 'pending') return fail('CHECKIN.REPORT_ALREADY_REVIEWED');
    if (input.decision === 'approve') return approve(ctx, tx, report).then(() => null);
    const now = ctx.now.toISOString();
    const reason = input.reason ?? '';
    await tx.update('reports', report._id, {
      status: 'rejected', reviewedAt: now, reviewedBy: ctx.caller.openid, reason,
      history: { $push: { at: now, by: ctx.caller.openid, from: 'pending', to: 'rejected', note: reason } },
    });
    await ctx.audit({ action: 'report.reject', entity: 'reports', entityId: report._id, before: { status: 'pending' }, after: { status: 'rejected', reason } }, tx);
    return null;
  });
  if (outcome) return outcome;
  const saved = (await ctx.store.get<ReportDoc>('reports', input.reportId)) as ReportDoc;
  return { report: await reportView(ctx.store, saved, true) };
};
