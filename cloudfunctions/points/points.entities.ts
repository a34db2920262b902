import {
  orderTransitions,
  serviceTransitions,
  type OrderStatus,
  type ServiceStatus,
} from '@shared/points/points.rules';
import { statusField, type Entity } from '../core/runtime/change';
import type { OrderDoc, ServiceDoc } from './points.documents';

/** A service record waits for the unit leader (or the organiser), who confirms it (credited) or rejects it. */
export const serviceEntity: Entity<ServiceDoc, ServiceStatus, typeof serviceTransitions> = {
  name: 'service',
  collection: 'services',
  table: serviceTransitions,
  badState: 'POINTS.ALREADY_REVIEWED',
  ...statusField(),
  history: false,
};

/** An order of the points shop: placed until the station hands it over or the member cancels it. */
export const orderEntity: Entity<OrderDoc, OrderStatus, typeof orderTransitions> = {
  name: 'order',
  collection: 'orders',
  table: orderTransitions,
  badState: 'POINTS.ORDER_NOT_OPEN',
  ...statusField(),
  history: false,
};
