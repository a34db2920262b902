import type { Store } from '../core/store/store.port';

export { expireClaims } from './expire-claims.job';
export { remindClaims } from './claim-reminders.job';

/**
 * The wishes the member claimed in [start, end), for the half-year rule. A wish given up or released no
 * longer names the member, so every one found still counts.
 */
export function countClaims(store: Store, openid: string, range: { start: string; end: string }): Promise<number> {
  return store.count('wishes', { claimedBy: openid, claimedAt: { $gte: range.start, $lt: range.end } });
}
