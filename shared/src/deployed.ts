import type { CheckinContract } from './checkin/checkin.contract';
import { defineContract } from './core/contract';
import { photoContract } from './core/photos';
import { messagesContract } from './messages/messages.contract';
import type { OrgContract } from './org/org.contract';
import type { PointsContract } from './points/points.contract';
import type { WishContract } from './wish/wish.contract';
import { whistleContract } from './whistle/whistle.contract';

/**
 * 吹哨 problem reports and the message inbox answer as one deployed function, `report`, its first name; it
 * also names the caller's photo upload folder (`uploadSlot`), for every page that uploads a photo.
 */
export const reportContract = defineContract({ ...whistleContract, ...messagesContract, ...photoContract });

/**
 * The deployed cloud functions by their public names, with the actions each answers. The names are a
 * public API (mini-programs in the field call them): the features behind them may be renamed, these may not.
 */
export type DeployedContracts = {
  checkin: CheckinContract;
  org: OrgContract;
  wish: WishContract;
  points: PointsContract;
  report: typeof reportContract;
};
