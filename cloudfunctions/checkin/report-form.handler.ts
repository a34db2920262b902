import type { CheckinContract } from '@shared/checkin/checkin.contract';
import { reportId } from '@shared/checkin/report.rules';
import { fail, isFailure } from '@shared/core/result';
import type { CommunityDoc, DistrictDoc, GridDoc, OrgDoc, ReportDoc, UnitDoc } from '../core/runtime/documents';
import type { Handlers } from '../core/runtime/router';
import { communityOfToken } from './community';
import { reportView } from './report.view';

/** What the report page needs after a scan: the community, its grids, the employer organisations, the caller's report. */
export const reportForm: Handlers<CheckinContract>['reportForm'] = async (input, ctx) => {
  const community = await communityOfToken(ctx, input.token);
  if (isFailure(community)) return community;
  const { store, caller } = ctx;
  const [district, grids, orgs, mine, current] = await Promise.all([
    store.get<DistrictDoc>('districts', community.districtId),
    store.find<GridDoc>('grids', { where: { communityId: community._id }, orderBy: [['seq', 'asc']], limit: 1000 }),
    store.find<OrgDoc>('orgs', { where: { districtId: community.districtId }, orderBy: [['name', 'asc']], limit: 1000 }),
    store.get<ReportDoc>('reports', reportId(caller.openid, community._id)),
    caller.person?.communityId && caller.person.communityId !== community._id
      ? store.get<CommunityDoc>('communities', caller.person.communityId)
      : Promise.resolve(null),
  ]);
  return {
    community: { id: community._id, name: community.name, districtName: district?.name ?? '' },
    grids: grids.items.map((g) => ({ id: g._id, name: g.name })),
    orgs: orgs.items.map((o) => ({ id: o._id, name: o.name })),
    mine: mine ? await reportView(store, mine, true) : null,
    currentCommunityName: current?.name ?? null,
  };
};

export const gridUnits: Handlers<CheckinContract>['gridUnits'] = async (input, ctx) => {
  const community = await communityOfToken(ctx, input.token);
  if (isFailure(community)) return community;
  const grid = await ctx.store.get<GridDoc>('grids', input.gridId);
  if (!grid || grid.communityId !== community._id) return fail('NOT_FOUND');
  const units = await ctx.store.find<UnitDoc>('units', { where: { gridId: grid._id }, orderBy: [['seq', 'asc']], limit: 1000 });
  return { units: units.items.map((u) => ({ id: u._id, name: u.name })) };
};
