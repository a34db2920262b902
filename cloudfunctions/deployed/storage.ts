import { checkinStorage } from '../checkin/checkin.documents';
import { coreStorage } from '../core/storage';
import type { IndexDef } from '../core/store/indexes';
import { messagesStorage } from '../messages/messages.documents';
import { accountStorage } from '../org/account.documents';
import { exportsStorage } from '../org/exports.documents';
import { orgStorage } from '../org/org.documents';
import { peopleStorage } from '../org/people.documents';
import { pairingStorage } from '../org/pairing.documents';
import { pointsStorage } from '../points/points.documents';
import { whistleStorage } from '../whistle/whistle.documents';
import { wishStorage } from '../wish/wish.documents';

const parts = [
  coreStorage,
  orgStorage,
  peopleStorage,
  pairingStorage,
  accountStorage,
  exportsStorage,
  checkinStorage,
  wishStorage,
  pointsStorage,
  whistleStorage,
  messagesStorage,
];

/**
 * Every query a feature makes: the union of each feature's declared indexes. The same declaration creates
 * the SQLite and the CloudBase indexes; a query no index covers is refused, so a slow scan cannot slip in.
 */
export const indexes: readonly IndexDef[] = parts.flatMap((p) => p.indexes);

/**
 * Every collection the functions use. The deploy creates them (a CloudBase transaction cannot create a
 * collection); the function tests over the CloudBase adapter refuse any collection not listed here.
 */
export const collections: readonly string[] = parts.flatMap((p) => p.collections).sort();
