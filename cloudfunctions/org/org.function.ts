import { orgContract } from '@shared/org/org.contract';
import { createFunction } from '../core/runtime/router';
import { me } from './me.handler';
import { places } from './places.handler';

/** The organisation tree and the caller's identity: the `org` cloud function. */
export const org = createFunction('org', orgContract, { me, places });
