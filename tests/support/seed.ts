import { beijing } from '@shared/core/time';
import type { Seeder } from '../../local/demo-data';

/**
 * Seeding for tests and benchmarks (no jest here: the bench scripts use it too). Documents are written
 * straight into the store, as the deploy's import would.
 */

/** Adds `count` approved members of a community (people + member grants), ids `${prefix}0…`. */
export function seedMembers(store: Seeder, count: number, communityId = 'huazhong', prefix = 'm'): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  store.insertMany(
    'people',
    ids.map((id, i) => ({
      _id: id,
      name: `党员${i}`,
      phone: `1390000${String(i).padStart(4, '0')}`,
      communityId,
      orgId: 'org1',
      unitId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    })),
  );
  store.insertMany(
    'grants',
    ids.map((id) => ({
      _id: `${id}~member`,
      openid: id,
      role: 'member',
      scope: 'community',
      scopeId: communityId,
      grantedBy: 'test',
      at: '2026-01-01T00:00:00.000Z',
    })),
  );
  return ids;
}

/**
 * An opening balance of `each` points for each member: a ledger entry, the account and the community's
 * counter, so balances agree with the ledger and the counters with both.
 */
export function seedPoints(store: Seeder, members: string[], each: number, communityId = 'huazhong'): void {
  const at = '2026-11-01T00:00:00.000Z';
  store.insertMany(
    'ledger',
    members.map((m) => ({
      _id: `seed~${m}`,
      openid: m,
      communityId,
      kind: 'credit',
      amount: each,
      reason: '期初积分',
      ref: `seed~${m}`,
      at,
      by: 'seed',
      balanceAfter: each,
      seq: 1,
    })),
  );
  store.insertMany(
    'accounts',
    members.map((m) => ({ _id: m, communityId, balance: each, seq: 1, updatedAt: at })),
  );
  store.insertMany('pointsStats', [
    {
      _id: communityId,
      communityId,
      issued: each * members.length,
      redeemed: 0,
      [`m${beijing(at, 'YYYYMM')}_issued`]: each * members.length,
    },
  ]);
}
