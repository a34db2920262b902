import type { OrgContract } from '@shared/org/org.contract';
import type { Handlers } from '../core/runtime/router';
import { accountHandlers } from './account.handlers';
import { saveCalendarYear } from './calendar.commands';
import { calendar } from './calendar.queries';
import { me, places, todo } from './org.queries';
import { saveSettings } from './settings.commands';
import { exportsHandlers } from './exports.handlers';
import { pairingHandlers } from './pairing.handlers';
import { peopleHandlers } from './people.handlers';
import { statsHandlers } from './stats.handlers';
import { settings } from './settings.queries';
import { treeHandlers } from './tree.handlers';

/** The organisation tree and the caller's identity: every action of the feature. */
export const orgHandlers: Handlers<OrgContract> = {
  me,
  places,
  todo,
  calendar,
  saveCalendarYear,
  settings,
  saveSettings,
  ...peopleHandlers,
  ...treeHandlers,
  ...accountHandlers,
  ...exportsHandlers,
  ...pairingHandlers,
  ...statsHandlers,
};
