import { checkin } from '../checkin/checkin.function';
import { org } from '../org/org.function';

/** Every deployable function by name: the bundler and the local server read this list. */
export const functions = { checkin, org } as const;
export type FunctionName = keyof typeof functions;
