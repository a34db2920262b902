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
  OrgDoc,
  UnitDoc,
} from './org.documents';
