import { systemChanger, transition } from '../core/runtime/change';
import type { Budget } from '../core/runtime/parallel';
import { sweepDue } from '../core/runtime/sweep';
import type { Runtime } from '../core/runtime/runtime';
import type { Where } from '../core/store/store.port';
import { deliver, type RecipientCache } from '../messages/messages.port';
import type { WhistleDoc } from './whistle.documents';
import { whistleEntity } from './whistle.entities';
import { tallyIdOf } from './whistle.stats';

/**
 * Work queued by key: each runs after the one queued before it under the same key has settled. Overdue
 * whistles counted in the same document are marked one after another instead of meeting in transactions
 * that conflict until they give up.
 */
function oneAtATime() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(work, work);
    tails.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
}

/**
 * A reminder changes nothing a whistle counts (whistle.stats.ts): it moves by a conditional update on its
 * flag, without the transaction a counted move needs (thousands of them in a run, half the round trips).
 */
const remindingEntity = { ...whistleEntity, tally: undefined };

/**
 * Reminds departments before the deadline and marks whistles overdue after it, escalating to the
 * station and the district. It reads only what is due, through indexes, page by page; each whistle
 * moves through the transition step as the system, guarded on its flag, so two runs (or a repeated one)
 * act on it once (`sweepDue`); an overdue one in a transaction with its department's count.
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
  const queue = oneAtATime();

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
      move: (w) => {
        const step = () =>
          transition(system, event === 'remind' ? remindingEntity : whistleEntity, w, event, {
            as: 'system',
            changes: { [flag]: true },
            guard: { [flag]: false },
          });
        return event === 'overdue' ? queue(tallyIdOf(w), step) : step();
      },
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
