import type { Budget } from '../../core/runtime/parallel';
import type { Runtime } from '../../core/runtime/runtime';
import { sweepShopTakes } from '../../points/points.port';
import { whistleDeadlines } from '../../whistle/whistle.port';
import { expireClaims, remindClaims } from '../../wish/wish.port';
import { remindActivities } from '../../checkin/checkin.port';
import { pairingDeadlines, removeExportFiles } from '../../org/org.port';

export type TimerReport = {
  expiredClaims: number;
  /** Claimants reminded a day before their claim expires. */
  remindedClaims: number;
  /** Activities whose signed-up members were reminded that they start soon. */
  remindedActivities: number;
  reminded: number;
  overdue: number;
  /** Shop units held by redemptions abandoned after a fault, put back on the shelf. */
  returnedUnits: number;
  /** Organisations reminded a day before their pairing deadline, and those told (with the district) it passed. */
  remindedPairings: number;
  overduePairings: number;
  /** Exported files deleted from storage an hour after they were made. */
  removedExports: number;
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
  const remindedClaims = await remindClaims(rt, undefined, budget);
  const remindedActivities = await remindActivities(rt, undefined, budget);
  const pairing = await pairingDeadlines(rt, undefined, budget);
  const removedExports = await removeExportFiles(rt, budget);
  return {
    expiredClaims,
    remindedClaims,
    remindedActivities,
    ...deadlines,
    returnedUnits: shop.returned,
    ...pairing,
    removedExports,
  };
}
