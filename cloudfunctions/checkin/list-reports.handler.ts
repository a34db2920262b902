import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { fail, isFailure } from '@shared/core/result';
import type { CommunityDoc, OrgDoc, ReportDoc } from '../core/runtime/documents';
import type { Handlers } from '../core/runtime/router';
import type { Where } from '../core/store/store.port';
import { reportViews } from './report.view';

/** The caller's own reports, newest first. */
export const myReports: Handlers<CheckinContract>['myReports'] = async (_input, ctx) => {
  const page = await ctx.store.find<ReportDoc>('reports', { where: { openid: ctx.caller.openid }, orderBy: [['submittedAt', 'desc']], limit: 20 });
  return { items: await reportViews(ctx.store, page.items, () => true) };
};

/**
 * The station's review list for its community (full phone numbers: the station calls members back);
 * the district reads it too, with phones masked.
 */
export const listReports: Handlers<CheckinContract>['listReports'] = async (input, ctx) => {
  const { caller, store } = ctx;
  const communityId = input.communityId ?? caller.grants.find((g) => g.role === 'stationAdmin')?.scopeId;
  let where: Where;
  if (communityId) {
    const community = await store.get<CommunityDoc>('communities', communityId);
    if (!community) return fail('ORG.COMMUNITY_UNKNOWN');
    const allowed = ctx.scope(['stationAdmin', 'districtAdmin'], { communityId, districtId: community.districtId });
    if (isFailure(allowed)) return allowed;
    where = { communityId, status: input.status };
  } else {
    const district = caller.grants.find((g) => g.role === 'districtAdmin');
    if (!district) return fail('AUTH.FORBIDDEN');
    where = { districtId: district.scopeId, status: input.status };
  }
  const page = await store.find<ReportDoc>('reports', { where, orderBy: [['submittedAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  const stationOf = (r: ReportDoc) => caller.grants.some((g) => g.role === 'stationAdmin' && g.scopeId === r.communityId);
  return { items: await reportViews(store, page.items, stationOf), next: page.next };
};

/** 回执: the employer organisation sees whether and where each of its members reported (phones masked). */
export const orgReceipts: Handlers<CheckinContract>['orgReceipts'] = async (input, ctx) => {
  const { caller, store } = ctx;
  const orgId = input.orgId ?? caller.grants.find((g) => g.role === 'orgAdmin')?.scopeId;
  let where: Where;
  if (orgId) {
    const org = await store.get<OrgDoc>('orgs', orgId);
    if (!org) return fail('NOT_FOUND');
    const allowed = ctx.scope(['orgAdmin', 'districtAdmin'], { orgId, districtId: org.districtId });
    if (isFailure(allowed)) return allowed;
    where = { orgId };
  } else {
    const district = caller.grants.find((g) => g.role === 'districtAdmin');
    if (!district) return fail('AUTH.FORBIDDEN');
    where = { districtId: district.scopeId };
  }
  if (input.status) where.status = input.status;
  const page = await store.find<ReportDoc>('reports', { where, orderBy: [['submittedAt', 'desc']], limit: input.limit, after: input.cursor ?? null });
  return { items: await reportViews(store, page.items, () => false), next: page.next };
};
