import { WorkCalendar } from '@shared/core/calendar';
import { loadByIds, loadPlaces } from '../core/runtime/lookup';
import type { Store, TxStore } from '../core/store/store.port';
import {
  districtSettingsId,
  type CommunityDoc,
  type CommunitySettingsDoc,
  type HolidayYearDoc,
  type UnitDoc,
} from './org.documents';

/**
 * What other features may use of the organisation tree: the shapes of its records (district → community
 * → grid → unit, employer organisations, departments) and a community's settings.
 */
export { districtSettingsId, isActive } from './org.documents';
export type {
  CommunityDoc,
  CommunitySettingsDoc,
  DepartmentDoc,
  DistrictDoc,
  GridDoc,
  HolidayYearDoc,
  OrgDoc,
  UnitDoc,
} from './org.documents';

/** Where a record about a unit sits in the tree (district, community, grid, unit): its list filters and scope. */
export function placeOfUnit(unit: UnitDoc): {
  districtId: string;
  communityId: string;
  gridId: string;
  unitId: string;
} {
  return { districtId: unit.districtId, communityId: unit.communityId, gridId: unit.gridId, unitId: unit._id };
}

/** The working-day calendar for these years: the years the district entered, over the package's (one read). */
export async function workCalendar(store: Store, years: readonly number[]): Promise<WorkCalendar> {
  const entered = await loadByIds<HolidayYearDoc>(store, 'holidayYears', years.map(String));
  return new WorkCalendar([...entered.values()]);
}

/**
 * A community's settings in force: its own, over its district's defaults (read together; the community's
 * district comes from the place cache, as a community never changes district). Inside a transaction, read
 * with it. Each feature applies its own product defaults to what is still unset.
 */
export async function settingsOf(store: Store, communityId: string, tx?: TxStore): Promise<CommunitySettingsDoc> {
  const districtId = (await loadPlaces<CommunityDoc>(store, 'communities', [communityId])).get(communityId)?.districtId;
  const reader = tx ?? store;
  const [own, district] = await Promise.all([
    reader.get<CommunitySettingsDoc>('communitySettings', communityId),
    districtId ? reader.get<CommunitySettingsDoc>('communitySettings', districtSettingsId(districtId)) : null,
  ]);
  const merged: CommunitySettingsDoc = { ...(district ?? {}), ...(own ?? {}), _id: communityId };
  return merged;
}

/** The pairing deadline's periodic watch (the timer function runs it). */
export { pairingDeadlines } from './pairing.job';
/** The periodic deletion of exported files (数据导出, 组织架构 导出) an hour after they were made. */
export { removeExportFiles } from './exports.job';
