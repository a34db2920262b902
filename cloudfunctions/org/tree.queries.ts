import { fail } from '@shared/core/result';
import type { OrgContract } from '@shared/org/org.contract';
import { grantOf, ownScope } from '../access/access';
import type { Handlers } from '../core/runtime/router';
import type { CommunityDoc, DepartmentDoc, DistrictDoc, GridDoc, OrgDoc, UnitDoc } from './org.documents';
import { byOrder, findAll, mayChange, nodeOf } from './tree.places';

/**
 * The tree page, one level at a time: the district's communities, organisations and departments; a
 * community's grids; a grid's units. Retired places are listed too, marked (they can be restored). A station
 * admin sees its own community's level (and a grid of it); a community of another is out of its scope.
 */
export const tree: Handlers<OrgContract>['tree'] = async (input, ctx) => {
  const { store, caller } = ctx;
  const districtScope = grantOf(caller, 'districtAdmin')?.scopeId ?? null;
  const station = ownScope(caller, 'stationAdmin');
  const grid = input.gridId ? await store.get<GridDoc>('grids', input.gridId) : null;
  if (input.gridId && !grid) return fail('NOT_FOUND');
  const communityId = grid?.communityId ?? input.communityId ?? (districtScope ? null : station);
  const community = communityId ? await store.get<CommunityDoc>('communities', communityId) : null;
  if (communityId && !community) return fail('NOT_FOUND');
  if (community) {
    const refused = mayChange(ctx, 'grid', { districtId: community.districtId, communityId: community._id });
    if (refused) return refused;
  }
  const districtId = community?.districtId ?? districtScope;
  if (!districtId) return fail('AUTH.FORBIDDEN');
  const atDistrict = !community && !!districtScope;
  const [district, communities, orgs, departments, grids, units] = await Promise.all([
    store.get<DistrictDoc>('districts', districtId),
    atDistrict
      ? findAll<CommunityDoc>(store, 'communities', {
          where: { districtId },
          orderBy: [
            ['districtId', 'asc'],
            ['name', 'asc'],
          ],
        })
      : [],
    atDistrict
      ? findAll<OrgDoc>(store, 'orgs', {
          where: { districtId },
          orderBy: [
            ['districtId', 'asc'],
            ['name', 'asc'],
          ],
        })
      : [],
    atDistrict
      ? findAll<DepartmentDoc>(store, 'departments', {
          where: { districtId },
          orderBy: [
            ['districtId', 'asc'],
            ['name', 'asc'],
          ],
        })
      : [],
    community && !grid
      ? findAll<GridDoc>(store, 'grids', { where: { communityId: community._id }, orderBy: [['seq', 'asc']] })
      : [],
    grid ? findAll<UnitDoc>(store, 'units', { where: { gridId: grid._id }, orderBy: [['seq', 'asc']] }) : [],
  ]);
  return {
    districtName: district?.name ?? '',
    manageDistrict: districtScope === districtId,
    community: community ? nodeOf('community', community) : null,
    grid: grid ? nodeOf('grid', grid) : null,
    communities: communities.map((d) => nodeOf('community', d)).sort(byOrder),
    orgs: orgs.map((d) => nodeOf('org', d)).sort(byOrder),
    departments: departments.map((d) => nodeOf('department', d)).sort(byOrder),
    grids: grids.map((d) => nodeOf('grid', d)).sort(byOrder),
    units: units.map((d) => nodeOf('unit', d)).sort(byOrder),
  };
};
