import { checkinContract } from '@shared/checkin/checkin.contract';
import type { Contract } from '@shared/core/contract';
import { reportContract } from '@shared/deployed';
import { orgContract } from '@shared/org/org.contract';
import { pointsContract } from '@shared/points/points.contract';
import { wishContract } from '@shared/wish/wish.contract';
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

/** The contract each deployed function answers by (the periodic `timer` has none: nobody calls it). */
export const contracts = {
  checkin: checkinContract,
  org: orgContract,
  wish: wishContract,
  points: pointsContract,
  report: reportContract,
} as const satisfies Record<Exclude<FunctionName, 'timer'>, Contract>;
