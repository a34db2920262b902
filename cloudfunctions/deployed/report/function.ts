import { reportContract } from '@shared/deployed';
import { createFunction } from '../../core/runtime/router';
import { messagesHandlers } from '../../messages/messages.handlers';
import { whistleHandlers } from '../../whistle/whistle.handlers';

/** 吹哨报到 (problem reports and whistles) and the message inbox, under the function's first name `report`. */
export const report = createFunction('report', reportContract, { ...whistleHandlers, ...messagesHandlers });
