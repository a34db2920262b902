import type { MessagesContract } from '@shared/messages/messages.contract';
import type { Handlers } from '../core/runtime/router';

/**
 * Marks one of the caller's messages read (another's id changes nothing: the update matches the caller's
 * own only), or all of them; answers the unread count left.
 */
export const readMessages: Handlers<MessagesContract>['readMessages'] = async (input, ctx) => {
  const me = ctx.caller.openid;
  await ctx.store.update('messages', 'id' in input ? { _id: input.id, to: me, read: false } : { to: me, read: false }, {
    read: true,
  });
  return { unread: await ctx.store.count('messages', { to: me, read: false }) };
};
