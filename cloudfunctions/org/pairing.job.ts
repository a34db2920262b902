import { systemChanger, transition } from '../core/runtime/change';
import type { Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import { sweepDue } from '../core/runtime/sweep';
import { deliver, type RecipientCache } from '../messages/messages.port';
import type { PairingDoc } from './pairing.documents';
import { pairingEntity } from './pairing.entities';

/**
 * Watches the pairing deadline (5 working days after the district's notice): a day before it, an
 * organisation not yet paired is reminded; once it has passed, the organisation and the district are told.
 * Each pairing moves once for each (a flag guards the move: two runs act once).
 */
export async function pairingDeadlines(
  rt: Runtime,
  max = 10_000,
  budget?: Budget,
): Promise<{ remindedPairings: number; overduePairings: number }> {
  const system = systemChanger(rt, 'timer');
  const now = system.now.toISOString();
  const recipients: RecipientCache = new Map();
  const sweep = (event: 'remind' | 'overdue', field: 'remindAt' | 'deadlineAt', flag: 'reminded' | 'escalated') =>
    sweepDue<PairingDoc>(rt, {
      collection: 'pairings',
      where: { open: true, [flag]: false, [field]: { $lte: now } },
      field,
      max,
      budget,
      move: (p) =>
        transition(system, pairingEntity, p, event, {
          as: 'system',
          changes: { [flag]: true },
          guard: { [flag]: false },
        }),
      moved: (step) => deliver(rt, step.notices, recipients),
    });
  const remindedPairings = await sweep('remind', 'remindAt', 'reminded');
  const overduePairings = await sweep('overdue', 'deadlineAt', 'escalated');
  return { remindedPairings, overduePairings };
}
