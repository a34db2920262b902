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
    expect(again.indexNames('items')).toEqual(expect.arrayContaining(['idx_items_group_rank', 'idx_items_status_rank']));
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
