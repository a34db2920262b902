import type { PeopleContract } from '@shared/org/people.contract';
import type { Handlers } from '../core/runtime/router';

/** People and roles: grants by scope, invitation codes and the requests they make: the org function's handlers for them. */
export const peopleHandlers: Handlers<PeopleContract> = {};
