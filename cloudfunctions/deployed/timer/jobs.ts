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

/** The periodic jobs, in one place: the timer trigger and an operator's run outside the schedule. */
export async function periodicJobs(rt: Runtime): Promise<TimerReport> {
  const expiredClaims = await expireClaims(rt);
  const deadlines = await whistleDeadlines(rt);
  const shop = await sweepShopTakes(rt);
  return { expiredClaims, ...deadlines, returnedUnits: shop.returned };
}
