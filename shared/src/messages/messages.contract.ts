import { z } from 'zod';
import { defineContract } from '../core/contract';
import { cursorField, limitField, page } from '../core/fields';

export const messageView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
  read: z.boolean(),
  link: z.string().nullable(),
});
export type MessageView = z.infer<typeof messageView>;

/** 消息 (messages): every feature's notices to a person, newest first, with the unread count. */
export const messagesContract = defineContract({
  inbox: {
    summary: '消息',
    roles: ['resident'],
    input: z.object({ cursor: cursorField, limit: limitField }),
    output: page(messageView).extend({ unread: z.number() }),
    errors: [],
  },
  readMessages: {
    summary: '标记已读',
    roles: ['resident'],
    // One message (opened from the inbox), or all of the caller's (全部已读).
    input: z.union([
      z.object({ id: z.string().trim().min(1, '缺少消息编号').max(300, '消息编号过长') }),
      z.object({ all: z.literal(true) }),
    ]),
    output: z.object({ unread: z.number() }),
    errors: [],
  },
});
export type MessagesContract = typeof messagesContract;
