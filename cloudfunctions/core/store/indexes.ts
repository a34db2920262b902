import type { OrderBy, Where } from './store.port';
import { isOperator, UncoveredQueryError } from './store.port';

/** A declared index: the same declaration creates the SQLite and the CloudBase indexes. */
export type IndexDef = { collection: string; fields: readonly string[]; unique?: boolean };

/**
 * Every query a feature makes. Equality fields come first (in any order), then range or order fields.
 * A query that no index here covers is refused, so a slow scan cannot slip into a feature.
 */
export const indexes: readonly IndexDef[] = [
  { collection: 'grants', fields: ['openid', 'role'] },
  { collection: 'grants', fields: ['role', 'scope', 'scopeId'] },
  { collection: 'grids', fields: ['communityId', 'seq'] },
  { collection: 'units', fields: ['gridId', 'seq'] },
  { collection: 'units', fields: ['communityId', 'seq'] },
  { collection: 'orgs', fields: ['districtId', 'name'] },
  { collection: 'departments', fields: ['districtId', 'name'] },
  { collection: 'communities', fields: ['districtId', 'name'] },
  { collection: 'reports', fields: ['openid', 'submittedAt'] },
  { collection: 'reports', fields: ['communityId', 'status', 'submittedAt'] },
  { collection: 'reports', fields: ['orgId', 'submittedAt'] },
  { collection: 'reports', fields: ['orgId', 'status', 'submittedAt'] },
  { collection: 'reports', fields: ['districtId', 'status', 'submittedAt'] },
  { collection: 'reports', fields: ['districtId', 'submittedAt'] },
  { collection: 'posts', fields: ['communityId', 'status', 'createdAt'] },
  { collection: 'postClaims', fields: ['openid', 'claimedAt'] },
  { collection: 'activities', fields: ['communityId', 'status', 'startAt'] },
  { collection: 'attendance', fields: ['activityId', 'checkInAt'] },
  { collection: 'attendance', fields: ['openid', 'checkInAt'] },
  { collection: 'services', fields: ['openid', 'at'] },
  { collection: 'people', fields: ['orgId', 'name'] },
  { collection: 'wishes', fields: ['openid', 'createdAt'] },
  { collection: 'wishes', fields: ['communityId', 'status', 'createdAt'] },
  { collection: 'wishes', fields: ['communityId', 'status', 'category', 'createdAt'] },
  { collection: 'wishes', fields: ['gridId', 'status', 'createdAt'] },
  { collection: 'wishes', fields: ['gridId', 'status', 'category', 'createdAt'] },
  { collection: 'wishes', fields: ['districtId', 'status', 'createdAt'] },
  { collection: 'wishes', fields: ['unitId', 'status', 'createdAt'] },
  { collection: 'wishes', fields: ['claimedBy', 'status', 'claimedAt'] },
  { collection: 'wishes', fields: ['claimedBy', 'claimedAt'] },
  { collection: 'wishes', fields: ['status', 'claimExpiresAt'] },
  { collection: 'services', fields: ['unitId', 'status', 'at'] },
  { collection: 'services', fields: ['confirmer', 'status', 'at'] },
  { collection: 'ledger', fields: ['openid', 'seq'] },
  { collection: 'shopItems', fields: ['communityId', 'active', 'createdAt'] },
  { collection: 'shopItems', fields: ['communityId', 'createdAt'] },
  { collection: 'orders', fields: ['openid', 'createdAt'] },
  { collection: 'orders', fields: ['communityId', 'status', 'createdAt'] },
  { collection: 'people', fields: ['phone'] },
  { collection: 'problems', fields: ['openid', 'createdAt'] },
  { collection: 'problems', fields: ['communityId', 'status', 'createdAt'] },
  { collection: 'problems', fields: ['districtId', 'status', 'createdAt'] },
  { collection: 'problems', fields: ['gridId', 'open', 'createdAt'] },
  { collection: 'whistles', fields: ['problemId', 'round'] },
  { collection: 'whistles', fields: ['districtId', 'whistledAt'] },
  { collection: 'whistles', fields: ['departmentId', 'open', 'deadlineAt'] },
  { collection: 'whistles', fields: ['open', 'reminded', 'remindAt'] },
  { collection: 'whistles', fields: ['open', 'overdue', 'deadlineAt'] },
  { collection: 'messages', fields: ['to', 'at'] },
  { collection: 'messages', fields: ['to', 'read'] },
  { collection: 'audit', fields: ['entity', 'entityId', 'at'] },
  { collection: 'audit', fields: ['actor', 'at'] },
];

/**
 * Every collection the functions use. The deploy creates them (a CloudBase transaction cannot create a
 * collection); the function tests over the CloudBase adapter refuse any collection not listed here.
 */
export const collections: readonly string[] = [
  'accounts', 'activities', 'attendance', 'audit', 'communities', 'communitySettings', 'departments', 'districts',
  'grants', 'grids', 'itemHolds', 'ledger', 'meToos', 'messages', 'miniCodes', 'orders', 'orgs', 'people', 'pickupCodes',
  'pointsStats', 'postClaims', 'posts', 'problems', 'registrations', 'reports', 'services', 'shopItems', 'units',
  'whistles', 'wishes',
];

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
