import type { Store, TxStore } from '../core/store/store.port';
import type { ServiceDoc } from './points.documents';

/**
 * What other features may ask of points. A finished attendance (checkin) and a confirmed wish (wish)
 * become service records the unit leader or the organiser confirms here; the half-year rule (checkin)
 * counts a member's services.
 */
export type ServiceRecord = Pick<
  ServiceDoc,
  | 'openid'
  | 'source'
  | 'sourceId'
  | 'communityId'
  | 'unitId'
  | 'confirmer'
  | 'description'
  | 'memberName'
  | 'hours'
  | 'at'
> & { points?: number };

/** The id of the service record of a source: one per attendance or wish, so writing it again replaces it. */
export function serviceId(source: ServiceRecord['source'], sourceId: string): string {
  return `${source}~${sourceId}`;
}

/** Writes (or rewrites) a pending service record inside the caller's transaction. */
export async function recordService(tx: TxStore, service: ServiceRecord, now: Date): Promise<void> {
  const doc: ServiceDoc = {
    _id: serviceId(service.source, service.sourceId),
    ...service,
    status: 'pending',
    createdAt: now.toISOString(),
  };
  await tx.set('services', doc);
}

/** How many services of the member fall in [start, end). */
export function countServices(store: Store, openid: string, range: { start: string; end: string }): Promise<number> {
  return store.count('services', { openid, at: { $gte: range.start, $lt: range.end } });
}

/** The member's hours over their (at most 1000) latest service records. */
export async function serviceHours(store: Store, openid: string): Promise<number> {
  const services = await store.find<ServiceDoc>('services', {
    where: { openid },
    orderBy: [['at', 'desc']],
    limit: 1000,
  });
  return services.items.reduce((sum, s) => sum + s.hours, 0);
}
