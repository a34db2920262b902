import { isFailure } from '@shared/core/result';
import { systemChanger, transition } from '../core/runtime/change';
import { budgetLeft, eachLimited, type Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import type { WishDoc } from './wish.documents';
import { wishEntity } from './wish.entity';

/**
 * Returns stale claims to `open` (a claim unfulfilled after the community's claim days). Each wish
 * moves through the transition step as the system, with a conditional update on the claim it read, so
 * running twice, or alongside a member who fulfils at that moment, changes nothing twice. One run
 * handles at most `max` claims, 25 at a time, and starts no page once the budget is spent, so it stays inside a
 * cloud function's time limit; the next run takes the rest.
 */
export async function expireClaims(rt: Runtime, max = 5000, budget?: Budget): Promise<number> {
  const system = systemChanger(rt, 'timer');
  const at = system.now.toISOString();
  let expired = 0;
  for (;;) {
    const page = await rt.store.find<WishDoc>('wishes', {
      where: { status: 'claimed', claimExpiresAt: { $lt: at } },
      orderBy: [['claimExpiresAt', 'asc']],
      limit: Math.min(200, max - expired),
    });
    let movedThisPage = 0;
    await eachLimited(page.items, 25, async (wish) => {
      const moved = await transition(system, wishEntity, wish, 'expire', {
        as: 'system',
        changes: { claimedBy: null, claimedAt: null, claimExpiresAt: null },
        note: '认领超时未完成，自动释放',
        guard: { claimedAt: wish.claimedAt },
        detail: { expiredClaimOf: wish.claimedBy },
      });
      if (!isFailure(moved)) movedThisPage++;
    });
    expired += movedThisPage;
    if (expired >= max || page.items.length < Math.min(200, max) || movedThisPage === 0 || !budgetLeft(budget))
      return expired;
  }
}
