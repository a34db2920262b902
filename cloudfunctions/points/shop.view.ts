import type { OrderView } from '@shared/points/points.contract';
import type { OrderDoc, ShopItemDoc } from './points.documents';

export const itemView = (i: ShopItemDoc) => ({
  id: i._id,
  name: i.name,
  description: i.description,
  price: i.price,
  // Units held by redemptions in flight count until they become orders or go back.
  stock: i.stock + (i.reserved ?? 0),
  perMemberLimit: i.perMemberLimit,
  active: i.active,
});

/** The member sees their own pickup code; the station sees it only once the order is handed over. */
export function orderView(o: OrderDoc, forMember: boolean): OrderView {
  return {
    id: o._id,
    itemName: o.itemName,
    memberName: o.memberName,
    price: o.price,
    status: o.status,
    pickupCode: forMember ? o.pickupCode : null,
    createdAt: o.createdAt,
    pickedUpAt: o.pickedUpAt,
  };
}
