import type { DeadlineRule } from '@shared/whistle/deadline';
import type { IndexDef } from '../core/store/indexes';

/** The organisation tree: district → community → grid → unit, with employer organisations and departments. */
export type DistrictDoc = { _id: string; name: string };

/**
 * A place is never deleted (records name it): it is retired. `retiredAt` set: it leaves the pickers and new
 * records (`isActive`), and the records that name it keep showing it. Absent or null: in use.
 */
type Retirable = { retiredAt?: string | null };

export type CommunityDoc = { _id: string; name: string; districtId: string } & Retirable;

export type GridDoc = { _id: string; name: string; seq: number; communityId: string; districtId: string } & Retirable;

export type UnitDoc = {
  _id: string;
  name: string;
  seq: number;
  gridId: string;
  communityId: string;
  districtId: string;
} & Retirable;

/** An organisation members report from; `members`: the in-service members it declared (在职党员数, for 报到率). */
export type OrgDoc = { _id: string; name: string; districtId: string; members?: number | null } & Retirable;

export type DepartmentDoc = { _id: string; name: string; districtId: string } & Retirable;

/** In use (not retired): what pickers list and new records may name. */
export function isActive(place: Retirable): boolean {
  return !place.retiredAt;
}

export type CommunitySettingsDoc = {
  _id: string;
  wishClaimDays?: number;
  wishMaxOpenClaims?: number;
  wishPoints?: number;
  pointsPerHour?: number;
  maxHoursPerRecord?: number;
  serviceLogDays?: number;
  minAttendanceMinutes?: number;
  deadlineRule?: DeadlineRule;
  /** How long before a whistle's deadline its department is reminded (hours). */
  remindHours?: number;
  /** The check-in radius new activities with a place get unless their organiser sets one. */
  checkinRadiusM?: number;
};

/** The district's defaults live beside the communities' settings, under this id. */
export const districtSettingsId = (districtId: string) => `district~${districtId}`;

/**
 * A year's holidays and make-up working days as the district entered them from the State Council's notice
 * (keyed by the year: the calendar is the country's). It takes precedence over the package's calendar.
 */
export type HolidayYearDoc = {
  _id: string;
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
  enteredBy: string;
  enteredAt: string;
};

/** The collections this feature owns and every query it makes (see core/store/indexes.ts). */
export const orgStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: [
    'communities',
    'communitySettings',
    'departments',
    'districts',
    'grids',
    'holidayYears',
    'orgs',
    'units',
  ],
  indexes: [
    { collection: 'communities', fields: ['districtId', 'name', '_id'] },
    { collection: 'departments', fields: ['districtId', 'name', '_id'] },
    { collection: 'grids', fields: ['communityId', 'seq', '_id'] },
    // The district's whole tree, page by page (the xlsx export).
    { collection: 'grids', fields: ['districtId', '_id'] },
    { collection: 'units', fields: ['districtId', '_id'] },
    { collection: 'holidayYears', fields: ['year', '_id'] },
    { collection: 'orgs', fields: ['districtId', 'name', '_id'] },
    { collection: 'units', fields: ['gridId', 'seq', '_id'] },
    { collection: 'units', fields: ['communityId', 'seq', '_id'] },
  ],
};
