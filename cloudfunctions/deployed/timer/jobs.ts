import type { Budget } from '../../core/runtime/parallel';
import type { Runtime } from '../../core/runtime/runtime';
import { sweepShopTakes } from '../../points/points.port';
import { whistleDeadlines } from '../../whistle/whistle.port';
import { expireClaims } from '../../wish/wish.port';

export type TimerReport = {
  expiredClaims: number;
  reminded: number;
  overdue: number;
  /** Shop units held by redemptions abandoned after a fault, put back on the shelf. */
  returnedUnits: number;
};

/**
 * How long one run may keep starting work: the timer function's timeout is 60 s (cloudbaserc.json); what is
 * left when the budget is spent waits for the next run, ten minutes later.
 */
export const PERIODIC_BUDGET_MS = 40_000;

/** The periodic jobs, in one place: the timer trigger and an operator's run outside the schedule. */
export async function periodicJobs(rt: Runtime, budgetMs = PERIODIC_BUDGET_MS): Promise<TimerReport> {
  const budget: Budget = { until: Date.now() + budgetMs };
  const expiredClaims = await expireClaims(rt, undefined, budget);
  const deadlines = await whistleDeadlines(rt, undefined, budget);
  const shop = await sweepShopTakes(rt);
  return { expiredClaims, ...deadlines, returnedUnits: shop.returned };
}
