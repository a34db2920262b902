import { isFailure } from '@shared/core/result';
import { systemChanger, transition } from '../core/runtime/change';
import { budgetLeft, eachLimited, type Budget } from '../core/runtime/parallel';
import type { Runtime } from '../core/runtime/runtime';
import type { Where } from '../core/store/store.port';
import { deliver, type RecipientCache } from '../messages/messages.port';
import type { WhistleDoc } from './whistle.documents';
import { whistleEntity } from './whistle.entities';

/**
 * Reminds departments before the deadline and marks whistles overdue after it, escalating to the
 * station and the district. It reads only what is due, through indexes, page by page; each whistle
 * moves through the transition step as the system, by a conditional update on its flag, so two runs
 * (or a repeated one) act on it once. A page's whistles move `CONCURRENCY` at a time, each one's notices
 * delivered as it moves; a run stops starting pages after `max` moves or when the budget is spent (the
 * next run takes the rest).
 */
const CONCURRENCY = 25;

export async function whistleDeadlines(
  rt: Runtime,
  max = 10_000,
  budget?: Budget,
): Promise<{ reminded: number; overdue: number }> {
  const system = systemChanger(rt, 'timer');
  const now = system.now.toISOString();
  // Who holds a role over a scope is looked up once per run: many whistles go to the same station.
  const recipients: RecipientCache = new Map();

  async function sweep(
    event: 'remind' | 'overdue',
    where: Where,
    field: 'remindAt' | 'deadlineAt',
    flag: 'reminded' | 'overdue',
  ): Promise<number> {
    let done = 0;
    while (done < max && budgetLeft(budget)) {
      const page = await rt.store.find<WhistleDoc>('whistles', {
        where,
        orderBy: [[field, 'asc']],
        limit: Math.min(200, max - done),
      });
      if (!page.items.length) break;
      let moved = 0;
      await eachLimited(page.items, CONCURRENCY, async (w) => {
        const step = await transition(system, whistleEntity, w, event, {
          as: 'system',
          changes: { [flag]: true },
          guard: { [flag]: false },
        });
        if (isFailure(step)) return;
        moved++;
        await deliver(rt, step.notices, recipients);
      });
      done += moved;
      if (!moved) break;
    }
    return done;
  }

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
