import { wishContract } from '@shared/wish/wish.contract';
import { createFunction } from '../core/runtime/router';
import { browseWishes, claimWish, fulfilWish, giveUpWish, myClaims } from './member.handler';
import { cancelWish, confirmWish, myWishes, postWish, thankWish } from './resident.handler';
import { listWishes, releaseClaim, reviewWish, unitWishes } from './station.handler';

/** 微心愿 (micro-wishes): the `wish` cloud function. */
export const wish = createFunction('wish', wishContract, {
  postWish,
  myWishes,
  cancelWish,
  thankWish,
  confirmWish,
  reviewWish,
  listWishes,
  releaseClaim,
  unitWishes,
  browseWishes,
  claimWish,
  myClaims,
  giveUpWish,
  fulfilWish,
});
