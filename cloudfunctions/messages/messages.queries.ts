import type { MessagesContract } from '@shared/messages/messages.contract';
import type { Handlers } from '../core/runtime/router';
import type { MessageDoc } from './messages.documents';

/** The caller's messages, newest first, with the unread count. */
export const inbox: Handlers<MessagesContract>['inbox'] = async (input, ctx) => {
  const [page, unread] = await Promise.all([
    ctx.store.find<MessageDoc>('messages', {
      where: { to: ctx.caller.openid },
      orderBy: [['at', 'desc']],
      limit: input.limit,
      after: input.cursor ?? null,
    }),
    ctx.store.count('messages', { to: ctx.caller.openid, read: false }),
  ]);
  return {
    items: page.items.map((m) => ({ id: m._id, title: m.title, body: m.body, at: m.at, read: m.read, link: m.link })),
    next: page.next,
    unread,
  };
};
