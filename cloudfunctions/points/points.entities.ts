import { serviceCounts } from './service.stats';
import {
  orderTransitions,
  serviceTransitions,
  type OrderStatus,
  type ServiceStatus,
} from '@shared/points/points.rules';
import { clause, excerpt } from '@shared/core/text';
import { statusField, type Entity } from '../core/runtime/change';
import { keepHalfYears, serviceContribution } from '../checkin/checkin.port';
import type { OrderDoc, ServiceDoc } from './points.documents';

/** A service record waits for the unit leader (or the organiser), who confirms it (credited) or rejects it. */
export const serviceEntity: Entity<ServiceDoc, ServiceStatus, typeof serviceTransitions> = {
  name: 'service',
  collection: 'services',
  table: serviceTransitions,
  badState: 'POINTS.ALREADY_REVIEWED',
  ...statusField(),
  history: false,
  // A service counts for its member's half-year rule (checkin's half-year counters): a logged one when it is
  // written; a review moves neither its member nor its date, so it reads nothing.
  inTx: (tx, next, before) => keepHalfYears(tx, serviceContribution(before), serviceContribution(next)),
  // Services and hours by state and month for the dashboards (service.stats.ts): the record after less before.
  tally: (next, before) => serviceCounts(before, next),
  audience: {
    owner: (s) => [{ openids: [s.openid] }],
    confirmer: (s) =>
      s.confirmer
        ? [{ openids: [s.confirmer] }]
        : s.unitId
          ? [{ role: 'unitLeader', scope: 'unit', scopeId: s.unitId }]
          : [],
  },
  facts: (s, note) => ({
    name: s.memberName,
    what: s.hours > 0 ? `${clause(s.description)}（${s.hours}小时）` : clause(s.description),
    subject: excerpt(s.description, 20),
    credited: String(s.credited ?? 0),
    note: clause(note ?? s.reason ?? ''),
  }),
};

/** An order of the points shop: placed until the station hands it over or the member cancels it. */
export const orderEntity: Entity<OrderDoc, OrderStatus, typeof orderTransitions> = {
  name: 'order',
  collection: 'orders',
  table: orderTransitions,
  badState: 'POINTS.ORDER_NOT_OPEN',
  ...statusField(),
  history: false,
  audience: {
    owner: (o) => [{ openids: [o.openid] }],
    station: (o) => [{ role: 'stationAdmin', scope: 'community', scopeId: o.communityId }],
  },
  facts: (o) => ({ name: o.memberName, item: o.itemName }),
};
