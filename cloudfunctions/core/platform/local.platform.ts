import type { IndexDef } from '../store/indexes';
import { SqliteStore } from '../store/sqlite.store';
import type { Runtime } from '../runtime/runtime';
import { newId } from '../runtime/ids';
import { localFiles, type LocalFiles } from './local-files';

/**
 * The embedded platform (local runs and tests): the SQLite store, and identity taken from the
 * context the local server builds after checking its own session token, the way CloudBase builds
 * the context from WeChat's login.
 */
export type LocalContext = { OPENID?: string; TRIGGER_SRC?: 'timer' };

/** The local server's own tick marks its calls of the periodic function; its HTTP route never does. */
export function localTimerTrigger(context: unknown): boolean {
  return (context as LocalContext | undefined)?.TRIGGER_SRC === 'timer';
}

export function localOpenid(context: unknown): string | null {
  const openid = (context as LocalContext | undefined)?.OPENID;
  return typeof openid === 'string' && openid.length > 0 ? openid : null;
}

/** `indexes`: every query the functions make (the deployed functions' union), created and enforced by the store. */
export type LocalOptions = {
  filename: string;
  secret: string;
  indexes: readonly IndexDef[];
  now?: () => Date;
  onOperation?: (op: string) => void;
  /** Where uploaded photos are kept (the local server's data directory); tests leave it to a temporary one. */
  uploads?: string;
};

export function localRuntime(options: LocalOptions): Runtime & { store: SqliteStore; files: LocalFiles } {
  const now = options.now ?? (() => new Date());
  return {
    store: new SqliteStore({ filename: options.filename, indexes: options.indexes, onOperation: options.onOperation }),
    identify: localOpenid,
    isTimerTrigger: localTimerTrigger,
    now,
    newId: () => newId(),
    secret: options.secret,
    log: (entry) => console.error(JSON.stringify(entry)),
    files: localFiles({ dir: options.uploads, secret: options.secret, now, onOperation: options.onOperation }),
  };
}
