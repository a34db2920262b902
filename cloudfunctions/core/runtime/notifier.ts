import type { MessageDoc } from './documents';
import type { Runtime } from './runtime';
import { StoreConflictError } from '../store/store.port';
import type { Role, ScopeKind } from '@shared/core/roles';
import type { GrantDoc } from './documents';

export type Notice = { key: string; title: string; body: string; link: string | null };

/**
 * The one notifier: an in-app message for each recipient, keyed so that a retry or a second timer run
 * sends nothing twice; in the deployed build each new message also goes out as a WeChat subscribe
 * message to those who accepted the template (the in-app message stands either way).
 */
export async function notify(rt: Runtime, to: string[], notice: Notice): Promise<number> {
  const now = rt.now();
  const fresh: string[] = [];
  for (const openid of new Set(to)) {
    const message: MessageDoc = { _id: `${notice.key}~${openid}`, to: openid, title: notice.title, body: notice.body, link: notice.link, at: now.toISOString(), read: false };
    try {
      await rt.store.insert('messages', message);
      fresh.push(openid);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  // WeChat calls go out together, so a notice to a department's staff adds one round trip, not one each.
  const wechat = rt.wechat;
  if (wechat) await Promise.all(fresh.map((openid) => wechat.subscribe(openid, notice, now)));
  return fresh.length;
}

/** Everyone holding `role` over the scope (the department's staff, the station's admins, the district's). */
export async function holders(rt: Runtime, role: Role, scope: ScopeKind, scopeId: string): Promise<string[]> {
  const page = await rt.store.find<GrantDoc>('grants', { where: { role, scope, scopeId }, limit: 100 });
  return page.items.map((g) => g.openid);
}
