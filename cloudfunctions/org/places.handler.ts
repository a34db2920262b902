import type { OrgContract } from '@shared/org/org.contract';
import type { CommunityDoc, DepartmentDoc, GridDoc, UnitDoc } from '../core/runtime/documents';
import type { Handlers } from '../core/runtime/router';

const option = (d: { _id: string; name: string }) => ({ id: d._id, name: d.name });

/** The cascade a resident picks their unit from (communities, a community's grids, a grid's units), and the departments. */
export const places: Handlers<OrgContract>['places'] = async (input, ctx) => {
  const { store } = ctx;
  const [communities, grids, units, departments] = await Promise.all([
    store.find<CommunityDoc>('communities', { orderBy: [['districtId', 'asc'], ['name', 'asc']], limit: 1000 }),
    input.communityId ? store.find<GridDoc>('grids', { where: { communityId: input.communityId }, orderBy: [['seq', 'asc']], limit: 1000 }) : null,
    input.gridId ? store.find<UnitDoc>('units', { where: { gridId: input.gridId }, orderBy: [['seq', 'asc']], limit: 1000 }) : null,
    store.find<DepartmentDoc>('departments', { orderBy: [['districtId', 'asc'], ['name', 'asc']], limit: 1000 }),
  ]);
  return { communities: communities.items.map(option), grids: grids?.items.map(option) ?? [], units: units?.items.map(option) ?? [], departments: departments.items.map(option) };
};
