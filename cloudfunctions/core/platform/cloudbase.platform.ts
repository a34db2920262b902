import type { Runtime } from '../runtime/runtime';
import type { Store } from '../store/store.port';
import { newId } from '../runtime/ids';

/**
 * The deployed platform. Identity is the WeChat OPENID that CloudBase puts in the function's
 * environment for a mini-program call (WX_OPENID; `tcb.getCloudbaseContext(context)` reads the same
 * values). Nothing in the event is ever trusted for identity.
 *
 * The seam for the CloudBase document-database adapter (issue 7) is `createCloudStore` below: it
 * implements the same `Store` port the SQLite adapter does.
 */
export function cloudOpenid(context: unknown): string | null {
  const environ = (context as { environ?: unknown } | undefined)?.environ;
  if (typeof environ === 'string') {
    const pair = environ.split(';').find((p) => p.startsWith('WX_OPENID='));
    if (pair) return pair.slice('WX_OPENID='.length) || null;
  }
  return process.env.WX_OPENID || null;
}

function createCloudStore(): Store {
  throw new Error('The CloudBase store adapter is not part of this build yet (issue 7).');
}

let runtime: Runtime | null = null;
let store: Store | null = null;

export function cloudbaseRuntime(): Runtime {
  runtime ??= {
    // Created on first use, so a call refused before it reaches the database needs no connection.
    get store() {
      store ??= createCloudStore();
      return store;
    },
    identify: cloudOpenid,
    now: () => new Date(),
    newId: () => newId(),
    secret: process.env.HONGLING_SECRET ?? '',
    log: (entry) => console.error(JSON.stringify(entry)),
  };
  return runtime;
}
