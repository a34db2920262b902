import { reportContract } from '@shared/deployed';
import { photoHandlers } from '../../core/runtime/photos';
import { createFunction } from '../../core/runtime/router';
import { messagesHandlers } from '../../messages/messages.handlers';
import { whistleHandlers } from '../../whistle/whistle.handlers';

/**
 * 吹哨报到 (problem reports and whistles) and the message inbox, under the function's first name `report`, and
 * the photo upload folder every page that uploads asks for.
 */
export const report = createFunction('report', reportContract, {
  ...whistleHandlers,
  ...messagesHandlers,
  ...photoHandlers,
});
