import { checkin } from './checkin/function';
import { org } from './org/function';
import { points } from './points/function';
import { report } from './report/function';
import { timer } from './timer/function';
import { wish } from './wish/function';

/**
 * Every deployed function by its public name (mini-programs in the field call these names, so they stay):
 * the bundler, the deploy and the local server read this list. Each name's entry is `<name>/index.ts`,
 * its settings `<name>/config.json`.
 */
export const functions = { checkin, org, wish, points, report, timer } as const;
export type FunctionName = keyof typeof functions;
