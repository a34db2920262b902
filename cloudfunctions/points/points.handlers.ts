import type { PointsContract } from '@shared/points/points.contract';
import type { Handlers } from '../core/runtime/router';
import { saveItem } from './item.commands';
import { listItems } from './item.queries';
import { pointsSettings, reverseEntry } from './ledger.commands';
import { memberEntries, myPoints } from './ledger.queries';
import { cancelOrder, handOver, redeem } from './order.commands';
import { myOrders, stationOrders } from './order.queries';
import { logService, reviewServices } from './service.commands';
import { myServices, pendingServices } from './service.queries';

/** 志愿服务积分 (volunteer points): service confirmation, the ledger and the points shop. */
export const pointsHandlers: Handlers<PointsContract> = {
  logService,
  myServices,
  pendingServices,
  reviewServices,
  myPoints,
  listItems,
  saveItem,
  redeem,
  myOrders,
  cancelOrder,
  handOver,
  stationOrders,
  reverseEntry,
  memberEntries,
  pointsSettings,
};
