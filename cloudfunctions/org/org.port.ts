import { WorkCalendar } from '@shared/core/calendar';
import { loadByIds } from '../core/runtime/lookup';
import type { Store } from '../core/store/store.port';
import type { HolidayYearDoc, UnitDoc } from './org.documents';

/**
 * What other features may use of the organisation tree: the shapes of its records (district → community
 * → grid → unit, employer organisations, departments) and a community's settings.
 */
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
