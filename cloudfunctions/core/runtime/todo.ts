import type { TodoItem } from '@shared/org/org.contract';
import type { Store, Where } from '../store/store.port';
import { STATS, statsIds, sumShards, type CountedKind, type StatsDoc } from './counters';
import { loadByIds } from './lookup';

/** A to-do count: how many documents match, on `page`, under `key` and `label`. */
export async function todoCount(
  store: Store,
  item: { key: string; label: string; page: string },
  collection: string,
  where: Where,
): Promise<TodoItem> {
  return { ...item, count: await store.count(collection, where), dueAt: null };
}

/**
 * A to-do count with a deadline: the count, and the nearest `deadline` among the matching documents (read
 * together: two requests at once).
 */
export async function todoDue(
  store: Store,
  item: { key: string; label: string; page: string },
  collection: string,
  where: Where,
  deadline: string,
): Promise<TodoItem> {
  const [count, first] = await Promise.all([
    store.count(collection, where),
    store.find<Record<string, unknown> & { _id: string }>(collection, {
      where,
      orderBy: [[deadline, 'asc']],
      limit: 1,
    }),
  ]);
  const due = first.items[0]?.[deadline];
  return { ...item, count, dueAt: typeof due === 'string' ? due : null };
}

/**
 * A to-do count read from the dashboards' counters (core/runtime/counters.ts): how many of a community's
 * records of `kind` are in `states` now, its shards read by id in one query. The same figures as the
 * dashboards show, so the home and the dashboard never disagree.
 */
export async function todoFromCounters(
  store: Store,
  item: { key: string; label: string; page: string },
  kind: CountedKind,
  communityId: string,
  states: readonly string[],
): Promise<TodoItem> {
  const docs = await loadByIds<StatsDoc>(store, STATS, statsIds(kind, communityId));
  const now = sumShards(docs.values()).now;
  return { ...item, count: states.reduce((sum, s) => sum + (now[s] ?? 0), 0), dueAt: null };
}
