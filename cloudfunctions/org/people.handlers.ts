import type { PeopleContract } from '@shared/org/people.contract';
import type { Handlers } from '../core/runtime/router';
import { createInvite, decideInvite, grantRole, requestInvite, revokeInvite, revokeRole } from './people.commands';
import { findPeople, grantOptions, inviteInfo, invites, roleHolders } from './people.queries';

/** People and roles: grants by scope, invitation codes and the requests they make: the org function's handlers for them. */
export const peopleHandlers: Handlers<PeopleContract> = {
  grantOptions,
  roleHolders,
  findPeople,
  grantRole,
  revokeRole,
  createInvite,
  invites,
  inviteInfo,
  requestInvite,
  decideInvite,
  revokeInvite,
};
