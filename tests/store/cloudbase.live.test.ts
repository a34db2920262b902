import tcb from '@cloudbase/node-sdk';
import { randomBytes } from 'node:crypto';
import { CloudbaseStore } from '../../cloudfunctions/core/store/cloudbase.store';
import type { Doc, FindQuery, Patch, Store, TxStore, Where } from '../../cloudfunctions/core/store/store.port';
import { contractIndexes, describeStoreContract } from './store.contract';

/**
 * The store contract against a real CloudBase environment. Runs only when TCB_ENV_ID,
 * TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set; each test writes to fresh collections
 * named hl_live_<random>_<name> (remove them from the console afterwards).
 */
const { TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = process.env;
const live = Boolean(TCB_ENV_ID && TENCENTCLOUD_SECRETID && TENCENTCLOUD_SECRETKEY);

/** The contract's collection names, prefixed so every test starts from empty collections. */
function prefixed(store: CloudbaseStore, prefix: string): Store {
  const n = (c: string) => `${prefix}${c}`;
  const tx = (t: TxStore): TxStore => ({
    get: (c, id) => t.get(n(c), id),
    insert: (c, d) => t.insert(n(c), d),
    set: (c, d) => t.set(n(c), d),
    update: (c, id, p) => t.update(n(c), id, p),
    remove: (c, id) => t.remove(n(c), id),
  });
  return {
    get: <T extends Doc>(c: string, id: string) => store.get<T>(n(c), id),
    insert: (c: string, d: Doc) => store.insert(n(c), d),
    update: (c: string, w: Where, p: Patch) => store.update(n(c), w, p),
    find: <T extends Doc>(c: string, q: FindQuery) => store.find<T>(n(c), q),
    count: (c: string, w: Where) => store.count(n(c), w),
    transaction: (fn) => store.transaction((t) => fn(tx(t))),
    close: () => store.close(),
  };
}

if (!live) {
  // Reported as skipped, not passed: nothing was checked against CloudBase here.
  test.skip('CloudBase live store contract (set TCB_ENV_ID, TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY to run it)', () =>
    undefined);
} else {
  jest.setTimeout(60_000);
  const app = tcb.init({ env: TCB_ENV_ID!, secretId: TENCENTCLOUD_SECRETID!, secretKey: TENCENTCLOUD_SECRETKEY! });
  // The contract's own index list applies; every collection name gets the same prefix.
  const indexes = contractIndexes;
  describeStoreContract(`CloudBase live (${TCB_ENV_ID})`, () => {
    const prefix = `hl_live_${randomBytes(4).toString('hex')}_`;
    const store = new CloudbaseStore(app.database(), {
      indexes: indexes.map((d) => ({ ...d, collection: `${prefix}${d.collection}` })),
    });
    return prefixed(store, prefix);
  });
}
