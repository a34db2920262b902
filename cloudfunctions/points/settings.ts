import { pointsDefaults } from '@shared/points/points.rules';
import type { CommunitySettingsDoc } from '../org/org.port';
import type { Store } from '../core/store/store.port';

export async function pointsSettingsOf(store: Store, communityId: string) {
  const doc = await store.get<CommunitySettingsDoc>('communitySettings', communityId);
  return {
    pointsPerHour: doc?.pointsPerHour ?? pointsDefaults.pointsPerHour,
    maxHoursPerRecord: doc?.maxHoursPerRecord ?? pointsDefaults.maxHoursPerRecord,
    serviceLogDays: doc?.serviceLogDays ?? pointsDefaults.serviceLogDays,
  };
}
