import { pointsDefaults } from '@shared/points/points.rules';
import { settingsOf, type CommunitySettingsDoc } from '../org/org.port';
import type { Store } from '../core/store/store.port';

/** A community's points settings, defaults where it set none. */
export function pointsSettingsFrom(doc: CommunitySettingsDoc | null) {
  return {
    pointsPerHour: doc?.pointsPerHour ?? pointsDefaults.pointsPerHour,
    maxHoursPerRecord: doc?.maxHoursPerRecord ?? pointsDefaults.maxHoursPerRecord,
    serviceLogDays: doc?.serviceLogDays ?? pointsDefaults.serviceLogDays,
  };
}

export async function pointsSettingsOf(store: Store, communityId: string) {
  return pointsSettingsFrom(await settingsOf(store, communityId));
}
