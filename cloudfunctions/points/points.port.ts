import { isFailure, type Failure } from '@shared/core/result';
import { pointsFor } from '@shared/points/points.rules';
import { creationNotices, record, systemChanger, type Changer, type Notice } from '../core/runtime/change';
import type { Runtime } from '../core/runtime/runtime';
import type { TodoItem } from '@shared/org/org.contract';
import { ownScope } from '../access/access';
import type { Caller } from '../core/runtime/router';
import { todoCount } from '../core/runtime/todo';
import type { Store, TxStore } from '../core/store/store.port';
import { settingsOf } from '../org/org.port';
import { keepHalfYears, serviceContribution } from '../checkin/checkin.port';
import { postEntry } from './ledger';
import { serviceCounts } from './service.stats';
import { bumpCountersInTx } from '../core/runtime/counters';
import { pointsSettingsFrom } from './settings';
import { sweepTakes } from './stock';
import type { ServiceDoc } from './points.documents';
import { serviceEntity } from './points.entities';

/** A community's points counter documents by id (the dashboards read them with the others). */
export { statsIds as pointsStatsIds } from './points.documents';
/** Services and hours by state and month (the dashboards): a community's documents, the rebuild's source. */
export { serviceCounters, serviceStatsIds, SERVICE_KIND } from './service.stats';

/** The district's xlsx exports (org's exports part): long reads of services and points, page by page. */
export * as pointsExport from './points.export';

/** 我的数据 and 注销 (org's account part): the person's services, ledger, balance and orders. */
export * as pointsAccount from './points.account';

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

/**
 * Writes a new pending service record inside the caller's transaction, and counts it for its member's half-year
 * tally (checkin's half-year counters) in the same transaction; answers the notices it implies (its confirmer is
 * asked to confirm), to deliver once the transaction committed. Its source has none yet (a check-out of an
 * attendance not checked out, a wish's confirmation, which happens once): a record written again goes through
 * `reviseService`, which reads the one it replaces.
 */
export async function recordService(c: Changer, tx: TxStore, service: ServiceRecord): Promise<Notice[]> {
  return writeService(c, tx, service, null);
}

/** Writes (or rewrites: `existing`) a pending service record, its half-year count moved from the one it replaces. */
async function writeService(
  c: Changer,
  tx: TxStore,
  service: ServiceRecord,
  existing: ServiceDoc | null,
): Promise<Notice[]> {
  const doc: ServiceDoc = {
    _id: serviceId(service.source, service.sourceId),
    ...service,
    status: 'pending',
    createdAt: c.now.toISOString(),
  };
  await tx.set('services', doc);
  await keepHalfYears(tx, serviceContribution(existing), serviceContribution(doc));
  await bumpCountersInTx(tx, serviceCounts(existing, doc));
  return creationNotices(c, serviceEntity, 'log', doc);
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

/**
 * A source corrected after its service was recorded (a check-out fixed by the organiser): the service is
 * rewritten while pending (or rejected: it goes back for review), removed when the source is no longer a
 * service (`service` null). A confirmed one keeps its status and review, and the ledger gets an adjusting
 * entry for the difference in points, so service, ledger and balance always agree; if the member has
 * already spent what would be taken back, the correction is refused and nothing is written.
 */
export async function reviseService(
  c: Changer,
  tx: TxStore,
  source: { source: ServiceRecord['source']; sourceId: string },
  service: ServiceRecord | null,
): Promise<Failure | null> {
  const id = serviceId(source.source, source.sourceId);
  const existing = await tx.get<ServiceDoc>('services', id);
  if (existing?.status !== 'confirmed') {
    if (service) await writeService(c, tx, service, existing);
    else if (existing) {
      await tx.remove('services', id);
      await keepHalfYears(tx, serviceContribution(existing), []);
      await bumpCountersInTx(tx, serviceCounts(existing, null));
    }
    return null;
  }
  const settings = pointsSettingsFrom(await settingsOf(c.store, existing.communityId, tx));
  const points = service ? pointsFor({ ...existing, ...service }, settings.pointsPerHour) : 0;
  const delta = points - (existing.credited ?? 0);
  if (delta !== 0) {
    const hours = service?.hours ?? 0;
    const posted = await postEntry(c, tx, {
      key: `adj~${id}~${c.requestId}`,
      openid: existing.openid,
      communityId: existing.communityId,
      kind: 'reversal',
      amount: delta,
      reason: `更正：${existing.description}（${existing.hours}→${hours}小时）`,
      ref: id,
    });
    if (isFailure(posted)) return posted;
  }
  await tx.update('services', id, { hours: service?.hours ?? 0, at: service?.at ?? existing.at, credited: points });
  // A confirmed record stays (with no hours when its source is no longer a service); its date may move.
  await keepHalfYears(
    tx,
    serviceContribution(existing),
    serviceContribution({ ...existing, at: service?.at ?? existing.at }),
  );
  await bumpCountersInTx(
    tx,
    serviceCounts(existing, { ...existing, hours: service?.hours ?? 0, at: service?.at ?? existing.at }),
  );
  await record(
    c,
    {
      action: 'service.revise',
      entity: 'services',
      entityId: id,
      before: { hours: existing.hours, credited: existing.credited },
      after: { hours: service?.hours ?? 0, credited: points },
    },
    tx,
  );
  return null;
}

/** The periodic sweep of shop units held by abandoned redemptions (see `stock.ts`). */
export function sweepShopTakes(rt: Runtime): Promise<{ settled: number; returned: number }> {
  return sweepTakes(systemChanger(rt, 'timer'));
}

/**
 * What waits for the caller in points: service records to confirm (the unit leader's unit, and those of the
 * activities the caller organised, counted together) and the station's orders waiting to be picked up.
 */
export function pointsTodo(store: Store, caller: Caller): Array<Promise<TodoItem>> {
  const unit = ownScope(caller, 'unitLeader');
  const station = ownScope(caller, 'stationAdmin');
  const confirm = { key: 'service.confirm', label: '服务时长待确认', page: 'pages/points/confirm/index' };
  const organised = (): Promise<number> => store.count('services', { confirmer: caller.openid, status: 'pending' });
  return [
    ...(unit || station || ownScope(caller, 'gridSecretary')
      ? [
          Promise.all([unit ? store.count('services', { unitId: unit, status: 'pending' }) : 0, organised()]).then(
            ([inUnit, mine]) => ({ ...confirm, count: inUnit + mine, dueAt: null }),
          ),
        ]
      : []),
    ...(station
      ? [
          todoCount(store, { key: 'order.pickup', label: '兑换待领取', page: 'pages/points/station/index' }, 'orders', {
            communityId: station,
            status: 'placed',
          }),
        ]
      : []),
  ];
}
