import { defineContract } from '../core/contract';

/** People and roles: grants by scope, invitation codes and the requests they make. Part of the org function's contract. */
export const peopleActions = defineContract({});
export type PeopleContract = typeof peopleActions;
