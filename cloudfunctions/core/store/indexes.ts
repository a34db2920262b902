import type { OrderBy, Where } from './store.port';
import { isOperator, UncoveredQueryError } from './store.port';

/** A declared index: the same declaration creates the SQLite and the CloudBase indexes. */
export type IndexDef = { collection: string; fields: readonly string[]; unique?: boolean };

export function indexName(def: IndexDef): string {
  return `idx_${def.collection}_${def.fields.join('_')}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Throws unless an index of `collection` serves this filter and order: its leading fields are the
 * equality fields (any order), then at most one range field, then the order fields. A range on one
 * field with an order on another would need a sort step, so it counts as not covered.
 */
export function assertCovered(defs: readonly IndexDef[], collection: string, where: Where, orderBy: OrderBy): void {
  const eq: string[] = [];
  const range: string[] = [];
  for (const [field, cond] of Object.entries(where)) {
    if (field === '_id') return;
    const isEq = !isOperator(cond) || '$in' in (cond as object);
    (isEq ? eq : range).push(field);
  }
  const order = orderBy.map(([field]) => field).filter((f) => !eq.includes(f));
  const sortable = range.length === 0 || order.every((f) => f === range[0]);
  const rest = [...range, ...order.filter((f) => !range.includes(f))];
  if (eq.length === 0 && rest.length === 0) return;
  const ok =
    range.length <= 1 &&
    sortable &&
    defs.some((def) => {
      if (def.collection !== collection || def.fields.length < eq.length + rest.length) return false;
      const head = def.fields.slice(0, eq.length);
      const tail = def.fields.slice(eq.length, eq.length + rest.length);
      return eq.every((f) => head.includes(f)) && rest.every((f, i) => tail[i] === f);
    });
  if (!ok) {
    throw new UncoveredQueryError(
      `no index on ${collection} covers where=[${eq.join(',')}|${range.join(',')}] order=[${orderBy.map((o) => o[0]).join(',')}]`,
    );
  }
}
