import { CLAIM_REMIND_HOURS } from '@shared/wish/wish.rules';
import { systemChanger, transition } from '../core/runtime/change';
import type { Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import { sweepDue } from '../core/runtime/sweep';
import { deliver } from '../messages/messages.port';
import type { WishDoc } from './wish.documents';
import { wishEntity } from './wish.entity';

/**
 * Reminds each claimant a day before their claim expires (the expiry job releases it after): every claim
 * due within `CLAIM_REMIND_HOURS` and not yet reminded moves once, as the system, guarded on its flag and
 * on the claim it read (a claim fulfilled or given up meanwhile is left alone).
 */
export async function remindClaims(rt: Runtime, max = 5000, budget?: Budget): Promise<number> {
  const system = systemChanger(rt, 'timer');
  const due = new Date(system.now.getTime() + CLAIM_REMIND_HOURS * 3600_000).toISOString();
  return sweepDue<WishDoc>(rt, {
    collection: 'wishes',
    where: { status: 'claimed', claimReminded: false, claimExpiresAt: { $lte: due } },
    field: 'claimExpiresAt',
    max,
    budget,
    move: (wish) =>
      transition(system, wishEntity, wish, 'remindClaim', {
        as: 'system',
        changes: { claimReminded: true },
        guard: { claimReminded: false, claimedAt: wish.claimedAt },
        detail: { claimant: wish.claimedBy },
      }),
    moved: (step) => deliver(rt, step.notices),
  });
}
