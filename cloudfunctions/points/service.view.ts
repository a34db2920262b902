import type { ServiceView } from '@shared/points/points.contract';
import { loadPlaces, nameOf } from '../core/runtime/lookup';
import type { Ctx } from '../core/runtime/router';
import type { ServiceDoc } from './points.documents';

export async function serviceViews(ctx: Ctx, services: ServiceDoc[]): Promise<ServiceView[]> {
  const units = await loadPlaces(
    ctx.store,
    'units',
    services.map((s) => s.unitId),
  );
  return services.map((s) => ({
    id: s._id,
    source: s.source,
    description: s.description,
    memberName: s.memberName,
    unitName: s.unitId ? nameOf(units, s.unitId) : null,
    hours: s.hours,
    points: s.credited ?? (s.source === 'wish' ? (s.points ?? null) : null),
    at: s.at,
    status: s.status,
    reason: s.reason ?? null,
  }));
}
