import type { WishContract } from '@shared/wish/wish.contract';
import type { Handlers } from '../core/runtime/router';
import {
  cancelWish,
  claimWish,
  confirmWish,
  fulfilWish,
  giveUpWish,
  postWish,
  releaseClaim,
  reviewWish,
  thankWish,
} from './wish.commands';
import { browseWishes, listWishes, myClaims, myWishes, unitWishes } from './wish.queries';

/** 微心愿 (micro-wishes): every action of the feature. */
export const wishHandlers: Handlers<WishContract> = {
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
};
