import { defineContract } from '../core/contract';

/** A person's own data: consent to the privacy policy, what is held about them, 注销. Part of the org function's contract. */
export const accountActions = defineContract({});
export type AccountContract = typeof accountActions;
