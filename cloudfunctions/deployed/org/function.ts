import { orgContract } from '@shared/org/org.contract';
import { createFunction } from '../../core/runtime/router';
import { orgHandlers } from '../../org/org.handlers';

/** The organisation tree and the caller's identity. */
export const org = createFunction('org', orgContract, orgHandlers);
