import { isFailure, type Failure } from '@shared/core/result';
import type { Runtime } from './runtime';
import type { Doc, Where } from '../store/store.port';
import type { Moved } from './change';
import { budgetLeft, eachLimited, type Budget } from './parallel';

/** How many documents a sweep moves at once (see eachLimited). */
const CONCURRENCY = 25;

/**
 * A periodic sweep of what is due: it reads `where` (which names the flag the move sets, so what moved
 * is not found again) in order of `field`, page by page, moves each document (a transition as the system,
 * guarded on the flag, so two runs act on it once) and hands each move on (its notices are delivered as
 * it moves). It stops starting pages after `max` moves, when a page moved nothing, or when the budget is
 * spent (the next run takes the rest).
 */
export async function sweepDue<D extends Doc>(
  rt: Runtime,
  options: {
    collection: string;
    where: Where;
    field: string;
    move: (doc: D) => Promise<Moved<D> | Failure>;
    /** After each move: deliver its notices (the messages feature's `deliver`). */
    moved: (step: Moved<D>) => Promise<void>;
    max?: number;
    budget?: Budget;
  },
): Promise<number> {
  const max = options.max ?? 10_000;
  let done = 0;
  while (done < max && budgetLeft(options.budget)) {
    const page = await rt.store.find<D>(options.collection, {
      where: options.where,
      orderBy: [[options.field, 'asc']],
      limit: Math.min(200, max - done),
    });
    if (!page.items.length) break;
    let moved = 0;
    await eachLimited(page.items, CONCURRENCY, async (doc) => {
      const step = await options.move(doc);
      if (isFailure(step)) return;
      moved++;
      await options.moved(step);
    });
    done += moved;
    if (!moved) break;
  }
  return done;
}
