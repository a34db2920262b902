import type { TodoItem } from '@shared/org/org.contract';
import type { Store, Where } from '../store/store.port';

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
