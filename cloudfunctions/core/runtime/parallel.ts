/**
 * Runs `fn` over `items` with at most `limit` calls in flight: on CloudBase every store operation is a
 * round trip, so a periodic job that moves thousands of documents one after another spends its time
 * waiting; a few dozen at once keep it inside its timeout without flooding the database.
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After a failure no new item starts; those in flight finish before the failure is reported, so the
    // function does not answer while moves are still being written.
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** The periodic jobs share one time budget: a job starts no new page once it is spent. */
export type Budget = { until: number };

export function budgetLeft(budget: Budget | undefined, now = Date.now()): boolean {
  return !budget || now < budget.until;
}
