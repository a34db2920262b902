import { checkin } from '../checkin/checkin.function';
import { org } from '../org/org.function';
import { points } from '../points/points.function';
import { report } from '../report/report.function';
import { timer } from '../timer/timer.function';
import { wish } from '../wish/wish.function';

/** Every deployable function by name: the bundler and the local server read this list. */
export const functions = { checkin, org, wish, points, report, timer } as const;
export type FunctionName = keyof typeof functions;
