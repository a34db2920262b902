import { systemChanger, transition } from '../core/runtime/change';
import type { Budget } from '../core/runtime/parallel';
import { sweepDue } from '../core/runtime/sweep';
import type { Runtime } from '../core/runtime/runtime';
import type { Where } from '../core/store/store.port';
import { deliver, type RecipientCache } from '../messages/messages.port';
import type { WhistleDoc } from './whistle.documents';
import { whistleEntity } from './whistle.entities';

/**
 * Reminds departments before the deadline and marks whistles overdue after it, escalating to the
 * station and the district. It reads only what is due, through indexes, page by page; each whistle
 * moves through the transition step as the system, by a conditional update on its flag, so two runs
 * (or a repeated one) act on it once (`sweepDue`).
 */
export async function whistleDeadlines(
  rt: Runtime,
  max = 10_000,
  budget?: Budget,
): Promise<{ reminded: number; overdue: number }> {
  const system = systemChanger(rt, 'timer');
  const now = system.now.toISOString();
  // Who holds a role over a scope is looked up once per run: many whistles go to the same station.
  const recipients: RecipientCache = new Map();

  const sweep = (
    event: 'remind' | 'overdue',
    where: Where,
    field: 'remindAt' | 'deadlineAt',
    flag: 'reminded' | 'overdue',
  ) =>
    sweepDue<WhistleDoc>(rt, {
      collection: 'whistles',
      where,
      field,
      max,
      budget,
      move: (w) =>
        transition(system, whistleEntity, w, event, {
          as: 'system',
          changes: { [flag]: true },
          guard: { [flag]: false },
        }),
      moved: (step) => deliver(rt, step.notices, recipients),
    });

  const reminded = await sweep(
    'remind',
    { open: true, reminded: false, remindAt: { $lte: now } },
    'remindAt',
    'reminded',
  );
  const overdue = await sweep(
    'overdue',
    { open: true, overdue: false, deadlineAt: { $lte: now } },
    'deadlineAt',
    'overdue',
  );
  return { reminded, overdue };
}
