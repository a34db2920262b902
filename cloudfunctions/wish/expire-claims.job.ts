import { systemChanger, transition } from '../core/runtime/change';
import type { Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import { sweepDue } from '../core/runtime/sweep';
import { deliver } from '../messages/messages.port';
import type { WishDoc } from './wish.documents';
import { wishEntity } from './wish.entity';

/**
 * Returns stale claims to `open` (a claim unfulfilled after the community's claim days), telling the
 * resident and the member. Each wish moves through the transition step as the system, with a conditional
 * update on the claim it read, so running twice, or alongside a member who fulfils at that moment, changes
 * nothing twice. One run handles at most `max` claims, 25 at a time, and starts no page once the budget is
 * spent, so it stays inside a cloud function's time limit; the next run takes the rest (`sweepDue`).
 */
export async function expireClaims(rt: Runtime, max = 5000, budget?: Budget): Promise<number> {
  const system = systemChanger(rt, 'timer');
  return sweepDue<WishDoc>(rt, {
    collection: 'wishes',
    where: { status: 'claimed', claimExpiresAt: { $lt: system.now.toISOString() } },
    field: 'claimExpiresAt',
    max,
    budget,
    move: (wish) =>
      transition(system, wishEntity, wish, 'expire', {
        as: 'system',
        changes: { claimedBy: null, claimedAt: null, claimExpiresAt: null },
        note: '认领超时未完成，自动释放',
        guard: { claimedAt: wish.claimedAt },
        detail: { expiredClaimOf: wish.claimedBy },
      }),
    moved: (step) => deliver(rt, step.notices),
  });
}
