import type { AccountContract } from '@shared/org/account.contract';
import type { Handlers } from '../core/runtime/router';
import { closeAccount, consent } from './account.commands';
import { consentState, myData } from './account.queries';

/** A person's own data: consent to the privacy policy, what is held about them, 注销: the org function's handlers for them. */
export const accountHandlers: Handlers<AccountContract> = { consentState, consent, myData, closeAccount };
