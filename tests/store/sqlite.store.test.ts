import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../cloudfunctions/core/store/sqlite.store';
import { contractIndexes, describeStoreContract } from './store.contract';

describeStoreContract('SQLite in memory', () => new SqliteStore({ filename: ':memory:', indexes: contractIndexes }));

describe('SQLite on disk', () => {
  test('uses WAL, creates the declared indexes and keeps data across reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hongling-store-'));
    const filename = join(dir, 'test.db');
    const first = new SqliteStore({ filename, indexes: contractIndexes });
    await first.insert('items', { _id: 'a', group: 'g', rank: 1, status: 'open' });
    await first.close();
    const again = new SqliteStore({ filename, indexes: contractIndexes });
    expect(await again.get('items', 'a')).toMatchObject({ group: 'g' });
    expect(again.pragma('journal_mode')).toBe('wal');
    expect(again.indexNames('items')).toEqual(
      expect.arrayContaining(['idx_items_group_rank', 'idx_items_status_rank']),
    );
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SQLite transaction guard', () => {
  test('a store call from inside a transaction fails at once instead of waiting forever', async () => {
    const store = new SqliteStore({ filename: ':memory:', indexes: contractIndexes });
    await store.insert('items', { _id: 'a', group: 'g', rank: 1, status: 'open' });
    await expect(store.transaction(async () => store.get('items', 'a'))).rejects.toThrow(/inside a transaction/);
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(
      /inside a transaction/,
    );
    expect(await store.get('items', 'a')).toMatchObject({ status: 'open' });
    await store.close();
  });
});
