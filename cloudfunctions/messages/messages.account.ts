import { scrub, type Subject } from '../core/runtime/pseudonym';
import type { Store } from '../core/store/store.port';
import type { MessageDoc } from './messages.documents';

/** 我的数据: how many messages the person has, and how many unread. */
export async function messageCounts(store: Store, openid: string): Promise<{ total: number; unread: number }> {
  const [total, unread] = await Promise.all([
    store.count('messages', { to: openid }),
    store.count('messages', { to: openid, read: false }),
  ]);
  return { total, unread };
}

/**
 * 注销: the person's inbox goes (it is theirs alone; the records it points to keep their own timelines).
 * Messages to others that named the person as they were at the time stay in those people's inboxes.
 */
export async function eraseMessages(store: Store, openid: string): Promise<number> {
  let removed = 0;
  for (;;) {
    const page = await store.find<MessageDoc>('messages', {
      where: { to: openid },
      orderBy: [['at', 'asc']],
      limit: 50,
    });
    if (!page.items.length) return removed;
    await store.transaction(async (tx) => {
      for (const m of page.items) await tx.remove('messages', m._id);
    });
    removed += page.items.length;
  }
}

/**
 * 注销: messages to others that named the person (`{name}申请到本社区报到`), found by the keys of the changes
 * that sent them (a message's id is its notice's key, `<audit action>~<record>[~<request>]`, then its
 * recipient): their text no longer names them, nor their number, and a link to a record that moved to the
 * pseudonym's key follows it. The message itself stays: it is the recipient's.
 */
export async function scrubMessagesAbout(store: Store, keys: readonly string[], subject: Subject): Promise<number> {
  let changed = 0;
  const swap = (text: string | null) =>
    text === null
      ? null
      : text
          .split(encodeURIComponent(subject.openid))
          .join(encodeURIComponent(subject.pseudonym))
          .split(subject.openid)
          .join(subject.pseudonym);
  for (let i = 0; i < keys.length; i += 10)
    await Promise.all(
      keys.slice(i, i + 10).map(async (key) => {
        const found = await store.find<MessageDoc>('messages', {
          where: { _id: { $gte: `${key}~`, $lt: `${key}~\uffff` } },
          limit: 1000,
        });
        for (const m of found.items) {
          const next = { title: scrub(m.title, subject), body: scrub(m.body, subject), link: swap(m.link) };
          if (next.title === m.title && next.body === m.body && next.link === m.link) continue;
          await store.update('messages', { _id: m._id }, next);
          changed++;
        }
      }),
    );
  return changed;
}
