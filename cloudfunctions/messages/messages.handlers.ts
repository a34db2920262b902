import type { MessagesContract } from '@shared/messages/messages.contract';
import type { Handlers } from '../core/runtime/router';
import { readMessages } from './messages.commands';
import { inbox } from './messages.queries';

/** 消息 (messages): every action of the feature, for the deployed function that answers it. */
export const messagesHandlers: Handlers<MessagesContract> = { inbox, readMessages };
