import { pointsContract } from '@shared/points/points.contract';
import { createFunction } from '../core/runtime/router';
import { memberEntries, myPoints, pointsSettings, reverseEntry } from './account.handler';
import { logService, myServices, pendingServices, reviewServices } from './service.handler';
import { cancelOrder, handOver, listItems, myOrders, redeem, saveItem, stationOrders } from './shop.handler';

/** 志愿服务积分 (volunteer points): service confirmation, the ledger and the points shop. */
export const points = createFunction('points', pointsContract, {
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
});
