import { holders } from '../access/access';
import type { Notice } from '../core/runtime/change';
import type { Runtime } from '../core/runtime/runtime';
import { eachLimited } from '../core/runtime/parallel';
import { isPseudonym } from '../core/runtime/pseudonym';
import { StoreConflictError, type Doc } from '../core/store/store.port';
import type { MessageDoc } from './messages.documents';

/** 我的数据 and 注销 (org's account part): the person's message counts, and their inbox erased. */
export * as messagesAccount from './messages.account';

/** What a message says and where it leads. */
export type MessageText = Omit<Notice, 'to' | 'except'>;

/**
 * The one notifier: an in-app message for each recipient, keyed so that a retry or a second timer run
 * sends nothing twice; in the deployed build each new message also goes out as a WeChat subscribe
 * message to those who accepted the template (the in-app message stands either way).
 */
/** How many messages of one notice are written (and sent to WeChat) at once. */
const SEND_AT_ONCE = 50;

export async function notify(rt: Runtime, to: string[], notice: MessageText): Promise<number> {
  const now = rt.now();
  const fresh: string[] = [];
  // The inbox messages are written together: one round trip for a notice to a department's staff, not one
  // each; an activity's hundreds of sign-ups go 50 at a time.
  await eachLimited([...new Set(to)], SEND_AT_ONCE, async (openid) => {
    const message: MessageDoc = {
      _id: `${notice.key}~${openid}`,
      to: openid,
      title: notice.title,
      body: notice.body,
      link: notice.link,
      at: now.toISOString(),
      read: false,
    };
    try {
      await rt.store.insert('messages', message);
      fresh.push(openid);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  });
  // WeChat calls go out together, so a notice to a department's staff adds one round trip, not one each.
  const wechat = rt.wechat;
  if (wechat)
    await eachLimited(fresh, SEND_AT_ONCE, async (openid) => void (await wechat.subscribe(openid, notice, now)));
  return fresh.length;
}

/** Who holds a role over a scope, looked up once per delivery run (a periodic run reaches the same station many times). */
export type RecipientCache = Map<string, Promise<string[]>>;

/** The holders of a notice's role and scope, looked up once per cache. */
type RoleRecipients = Extract<Notice['to'], { role: string }>;

/**
 * Who holds a role over a scope changes seldom, and a station is told of many changes: a lookup is kept a
 * minute per store (a warm function instance), so most notices to a role cost no lookup before the message.
 */
const HOLDERS_TTL_MS = 60_000;
const recentHolders = new WeakMap<object, Map<string, { until: number; found: Promise<string[]> }>>();

function holdersOf(rt: Runtime, to: RoleRecipients, cache: RecipientCache): Promise<string[]> {
  const key = `${to.role}|${to.scope}|${to.scopeId}`;
  let found = cache.get(key);
  if (found) return found;
  let recent = recentHolders.get(rt.store);
  if (!recent) recentHolders.set(rt.store, (recent = new Map()));
  const kept = recent.get(key);
  if (kept && kept.until > Date.now()) found = kept.found;
  else {
    const lookup = holders(rt.store, to.role, to.scope, to.scopeId);
    const entries = recent;
    // A failed lookup is not kept.
    lookup.catch(() => entries.delete(key));
    entries.set(key, { until: Date.now() + HOLDERS_TTL_MS, found: lookup });
    found = lookup;
  }
  cache.set(key, found);
  return found;
}

type QueryRecipients = Extract<Notice['to'], { query: unknown }>['query'];

/** The people a query finds, page by page (an activity's 500 sign-ups). */
async function foundBy(rt: Runtime, query: QueryRecipients): Promise<string[]> {
  const found: string[] = [];
  let after: string | null = null;
  do {
    const page: { items: Doc[]; next: string | null } = await rt.store.find<Doc>(query.collection, {
      where: query.where,
      orderBy: [['_id', 'asc']],
      limit: 500,
      after,
    });
    for (const doc of page.items) {
      const openid = (doc as Record<string, unknown>)[query.field];
      if (typeof openid === 'string') found.push(openid);
    }
    after = page.next;
  } while (after);
  return found;
}

function recipientsOf(rt: Runtime, to: Notice['to'], cache: RecipientCache): Promise<string[]> | string[] {
  if ('openids' in to) return to.openids;
  if ('query' in to) return foundBy(rt, to.query);
  return holdersOf(rt, to, cache);
}

/**
 * Starts looking up the recipients of notices a change is about to imply, so the lookup runs alongside the
 * change's own writes instead of after them; `deliver` with the same cache uses what it found.
 */
export function primeRecipients(rt: Runtime, notices: readonly Notice[], cache: RecipientCache): void {
  for (const { to } of notices) {
    // The change may fail before anything is delivered: a failed lookup then concerns nobody.
    if ('role' in to) holdersOf(rt, to, cache).catch(() => undefined);
  }
}

/** Delivers the notices a change implies (after it committed), each to its recipients. */
export async function deliver(
  rt: Runtime,
  notices: readonly Notice[],
  cache: RecipientCache = new Map(),
): Promise<void> {
  // Each notice to its recipients, all at once.
  await Promise.all(
    notices.map(async ({ to, except, ...text }) => {
      const people = await recipientsOf(rt, to, cache);
      // Nobody is told of their own act (a station admin who also posted the wish they approve).
      // Nor is a closed account (a pseudonym in a kept record, 注销): nobody reads its messages.
      await notify(
        rt,
        people.filter((openid) => openid !== except && !isPseudonym(openid)),
        text,
      );
    }),
  );
}

/** How many of the person's messages are unread (the tab bar's and the home page's badge). */
export function unreadCount(rt: Runtime, openid: string): Promise<number> {
  return rt.store.count('messages', { to: openid, read: false });
}
