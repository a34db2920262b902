import { expectedCounters } from '../../../cloudfunctions/deployed/stats';
import { createHash } from 'node:crypto';
import { createWechat, type MiniCodeDoc, type OpenApi } from '../../../cloudfunctions/core/platform/wechat';
import { CloudbaseStore } from '../../../cloudfunctions/core/store/cloudbase.store';
import { indexes } from '../../../cloudfunctions/deployed/storage';
import {
  dropMiniCodesBeforeWxServerSdk,
  grantsPlacement,
  MIGRATIONS_COLLECTION,
  statsFromRecords,
  pointsMonths,
  statsAgain,
  runMigrations,
  type FileStorage,
} from '../../../scripts/cloudbase/migrations';
import { CloudbaseFake, sdkDatabase } from '../../store/support/cloudbase-fake';
import { sumShards, type StatsDoc } from '../../../cloudfunctions/core/runtime/counters';

/**
 * The deploy's one-off migrations over the CloudBase adapter and the real SDK, the database answered by
 * the fake CloudBase and cloud storage by a recording stand-in for manager-node's `storage.deleteFile`.
 */
const fake = new CloudbaseFake();
beforeAll(() => fake.install());
afterAll(() => fake.uninstall());

const PAGE = 'pages/checkin/report/index';
/** The first migration on its own (the list grows; each is proven apart). */
const codes = [dropMiniCodesBeforeWxServerSdk];
const at = '2026-11-26T08:00:00.000Z';

/** A row as the code before wx-server-sdk wrote it (wechat.ts until 26e52cd): no `v2|` in the hash, always .png. */
function oldRow(version: string, page: string, scene: string): MiniCodeDoc {
  const key = createHash('sha256').update(`${version}|${page}|${scene}`).digest('hex').slice(0, 32);
  return { _id: key, fileID: `cloud://hongling-prod-9z.6868-bucket/minicodes/${key}.png`, page, scene, at };
}

function recordingFiles(fail: (path: string) => boolean = () => false) {
  const deleted: string[] = [];
  const calls: string[][] = [];
  const files: FileStorage = {
    async deleteFile(paths) {
      calls.push(paths);
      for (const p of paths) if (fail(p)) throw new Error(`部分删除文件失败：["${p} : STORAGE_FILE_NONEXIST"]`);
      deleted.push(...paths);
    },
  };
  return { files, deleted, calls };
}

/** A row the current code writes, through the real createWechat (its WeChat and storage stubbed). */
async function currentRow(store: CloudbaseStore, scene: string): Promise<string> {
  const openApi: OpenApi = {
    getUnlimited: async () => ({ contentType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }),
    sendSubscribe: async () => undefined,
  };
  const storage = {
    uploadFile: async ({ cloudPath }: { cloudPath: string }) => ({
      fileID: `cloud://hongling-prod-9z.6868-bucket/${cloudPath}`,
    }),
  };
  const settings = { version: 'release' } as Parameters<typeof createWechat>[3];
  return createWechat(
    openApi,
    storage,
    () => store,
    settings,
    () => undefined,
  ).miniCode(PAGE, scene);
}

describe('migration: mini-program codes cached before the wx-server-sdk fix', () => {
  let store: CloudbaseStore;
  const old = [
    oldRow('release', PAGE, 'Rhuazhong.abcdefabcdefabcd'),
    oldRow('trial', 'pages/checkin/scan/index', 'Afa1b2c3d4e5.abcdefabcdef'),
    { ...oldRow('develop', PAGE, 'Rxinhe.abcdefabcdefabcd'), fileID: 'cloud://elsewhere/other/place.png' },
  ];
  beforeEach(() => {
    fake.reset();
    store = new CloudbaseStore(sdkDatabase(), { indexes });
    fake.load('miniCodes', old);
  });

  test('deletes the old rows and their images, keeps the new rows, records the run; a second deploy does nothing', async () => {
    const kept = await currentRow(store, 'Rhuazhong.abcdefabcdefabcd');
    const { files, deleted } = recordingFiles();
    const now = new Date('2026-11-28T01:00:00Z');
    const first = await runMigrations({ store, files, now }, codes);
    expect(first).toEqual([
      `迁移 2026-11-minicodes-before-wx-server-sdk（${dropMiniCodesBeforeWxServerSdk.title}）：删除旧小程序码记录 3 条、云存储文件 2 个`,
    ]);
    // The new row (same page and scene as an old one) stays; an image not where the old code put it is left alone.
    expect(fake.dump('miniCodes')).toEqual([expect.objectContaining({ fileID: kept })]);
    expect(deleted.sort()).toEqual([`minicodes/${old[0]!._id}.png`, `minicodes/${old[1]!._id}.png`].sort());
    expect(fake.dump(MIGRATIONS_COLLECTION)).toEqual([
      {
        _id: '2026-11-minicodes-before-wx-server-sdk',
        title: dropMiniCodesBeforeWxServerSdk.title,
        at: now.toISOString(),
        result: { rowsDeleted: 3, filesDeleted: 2, filesFailed: [] },
      },
    ]);

    const again = recordingFiles();
    fake.requests.length = 0;
    expect(await runMigrations({ store, files: again.files, now: new Date() }, codes)).toEqual([
      `迁移 2026-11-minicodes-before-wx-server-sdk：已于 ${now.toISOString()} 运行，跳过`,
    ]);
    expect(again.calls).toEqual([]);
    expect(fake.actions()).toEqual(['database.getDocument']);
    expect(fake.dump('miniCodes')).toHaveLength(1);
  });

  test('run again without its record (a run cut short), it finds nothing more to delete', async () => {
    await currentRow(store, 'Rnew.abcdefabcdefabcd');
    const { files } = recordingFiles();
    expect((await dropMiniCodesBeforeWxServerSdk.run({ store, files, now: new Date() })).result).toMatchObject({
      rowsDeleted: 3,
    });
    const again = recordingFiles();
    expect(await dropMiniCodesBeforeWxServerSdk.run({ store, files: again.files, now: new Date() })).toEqual({
      summary: '删除旧小程序码记录 0 条、云存储文件 0 个',
      result: { rowsDeleted: 0, filesDeleted: 0, filesFailed: [] },
    });
    expect(again.calls).toEqual([]);
    expect(fake.dump('miniCodes')).toHaveLength(1);
  });

  test('an image that cannot be deleted is reported, and its row goes all the same (it is never read)', async () => {
    const failing = `minicodes/${old[1]!._id}.png`;
    const { files, deleted } = recordingFiles((p) => p === failing);
    const [line] = await runMigrations({ store, files, now: new Date() }, codes);
    expect(line).toContain(
      '删除旧小程序码记录 3 条、云存储文件 1 个；1 个文件未能删除，请在云存储 minicodes/ 中手动删除：',
    );
    expect(line).toContain(failing);
    expect(deleted).toEqual([`minicodes/${old[0]!._id}.png`]);
    expect(fake.dump('miniCodes')).toEqual([]);
    expect(fake.dump(MIGRATIONS_COLLECTION)[0]?.result).toMatchObject({
      filesDeleted: 1,
      filesFailed: [expect.stringContaining(failing)],
    });
  });

  test('an environment that never had codes: nothing to delete, the run is recorded', async () => {
    fake.reset();
    const { files, calls } = recordingFiles();
    expect(await runMigrations({ store, files, now: new Date() }, codes)).toEqual([
      expect.stringContaining('删除旧小程序码记录 0 条、云存储文件 0 个'),
    ]);
    expect(calls).toEqual([]);
    expect(fake.dump(MIGRATIONS_COLLECTION)).toHaveLength(1);
  });
});

describe('migration: where each grant sits', () => {
  test('grants written before issue 15 get their district and community; a second run finds nothing', async () => {
    fake.reset();
    const store = new CloudbaseStore(sdkDatabase(), { indexes });
    fake.load('districts', [{ _id: 'yj', name: '迎江区' }]);
    fake.load('communities', [{ _id: 'huazhong', name: '华中社区', districtId: 'yj' }]);
    fake.load('units', [
      { _id: 'u1', name: '1栋1单元', seq: 1, gridId: 'g1', communityId: 'huazhong', districtId: 'yj' },
    ]);
    fake.load('departments', [{ _id: 'dept1', name: '区城管局', districtId: 'yj' }]);
    const grant = (openid: string, role: string, scope: string, scopeId: string) => ({
      _id: `${openid}~${role}`,
      openid,
      role,
      scope,
      scopeId,
      grantedBy: 'seed',
      at,
    });
    fake.load('grants', [
      grant('a', 'stationAdmin', 'community', 'huazhong'),
      grant('b', 'unitLeader', 'unit', 'u1'),
      grant('c', 'department', 'department', 'dept1'),
      grant('d', 'districtAdmin', 'district', 'yj'),
      grant('e', 'orgAdmin', 'org', 'gone'),
      { ...grant('f', 'member', 'community', 'huazhong'), districtId: 'yj', communityId: 'huazhong' },
    ]);
    const files = recordingFiles().files;
    const [line] = await runMigrations({ store, files, now: new Date() }, [grantsPlacement]);
    expect(line).toContain('补写身份记录 4 条；1 条的范围已不存在：e~orgAdmin');
    const placed = Object.fromEntries(
      fake.dump('grants').map((g) => [g._id, [g.districtId ?? null, g.communityId ?? null]]),
    );
    expect(placed).toEqual({
      'a~stationAdmin': ['yj', 'huazhong'],
      'b~unitLeader': ['yj', 'huazhong'],
      'c~department': ['yj', null],
      'd~districtAdmin': ['yj', null],
      'e~orgAdmin': [null, null],
      'f~member': ['yj', 'huazhong'],
    });
    expect((await grantsPlacement.run({ store, files, now: new Date() })).result).toEqual({
      placed: 0,
      orphans: ['e~orgAdmin'],
    });
  });
});

describe('migration: the dashboards’ counters from the records', () => {
  test('counts each record in its state and its months; a second run corrects nothing', async () => {
    fake.reset();
    const store = new CloudbaseStore(sdkDatabase(), { indexes });
    // The deploy creates every collection before it migrates.
    fake.createCollection('stats');
    const line = (to: string, at: string) => ({ at, by: 'x', from: null, to, note: null });
    fake.load('wishes', [
      {
        _id: 'w1',
        status: 'open',
        districtId: 'yj',
        communityId: 'huazhong',
        history: [line('pending_review', '2026-10-01T02:00:00.000Z'), line('open', '2026-11-02T02:00:00.000Z')],
      },
      {
        _id: 'w2',
        status: 'pending_review',
        districtId: 'yj',
        communityId: 'huazhong',
        history: [line('pending_review', '2026-11-03T02:00:00.000Z')],
      },
    ]);
    const files = recordingFiles().files;
    const [first] = await runMigrations({ store, files, now: new Date() }, [statsFromRecords]);
    expect(first).toContain('写入计数');
    const { now, months } = sumShards(fake.dump('stats') as unknown as StatsDoc[]);
    expect(now).toEqual({ open: 1, pending_review: 1 });
    expect(months.get('2026-10')).toEqual({ pending_review: 1 });
    expect(months.get('2026-11')).toEqual({ open: 1, pending_review: 1 });
    expect((await statsFromRecords.run({ store, files, now: new Date() })).result).toMatchObject({ corrected: 0 });
  });
});

describe('migration: the points counters’ months from the ledger', () => {
  test('a community kept before months gets them by member shard; totals stay; a second run corrects nothing', async () => {
    fake.reset();
    const store = new CloudbaseStore(sdkDatabase(), { indexes });
    const entry = (id: string, openid: string, kind: string, amount: number, at: string) => ({
      _id: id,
      openid,
      communityId: 'huazhong',
      kind,
      amount,
      reason: 'x',
      ref: id,
      at,
      by: 'x',
      balanceAfter: 0,
      seq: 1,
    });
    fake.load('ledger', [
      entry('e1', 'm1', 'credit', 30, '2026-10-31T17:00:00.000Z'), // 1 November in Beijing
      entry('e2', 'm1', 'redeem', -10, '2026-11-02T02:00:00.000Z'),
      entry('e3', 'm2', 'credit', 20, '2026-10-05T02:00:00.000Z'),
    ]);
    // Kept before the shards: the community's own document, without `communityId`.
    fake.load('pointsStats', [{ _id: 'huazhong', issued: 50, redeemed: 10 }]);
    const files = recordingFiles().files;
    const [line] = await runMigrations({ store, files, now: new Date() }, [pointsMonths]);
    expect(line).toContain('补写');
    const sum: Record<string, number> = {};
    for (const d of fake.dump('pointsStats'))
      for (const [k, v] of Object.entries(d)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
    expect(sum).toEqual({ issued: 50, redeemed: 10, m202611_issued: 30, m202611_redeemed: 10, m202610_issued: 20 });
    expect(fake.dump('pointsStats').every((d) => d.communityId === 'huazhong')).toBe(true);
    expect((await pointsMonths.run({ store, files, now: new Date() })).result).toMatchObject({ corrected: 0 });
  });
});

describe('migration: the counters again, with what they grew', () => {
  test('a counter written before grids were counted gets its grid; a second run corrects nothing', async () => {
    fake.reset();
    const store = new CloudbaseStore(sdkDatabase(), { indexes });
    const at = '2026-11-02T02:00:00.000Z';
    const wish = {
      _id: 'w1',
      status: 'pending_review',
      districtId: 'yj',
      communityId: 'huazhong',
      gridId: 'huazhongg1',
      history: [{ at, by: 'x', from: null, to: 'pending_review', note: null }],
    };
    fake.load('wishes', [wish]);
    // As the first rebuild wrote it: the state and the month, no grid.
    const [doc] = [...expectedCounters((c) => (c === 'wishes' ? [wish] : [])).values()];
    const before = Object.fromEntries(Object.entries(doc!).filter(([k]) => !k.startsWith('g~'))) as StatsDoc;
    fake.load('stats', [before]);
    const files = recordingFiles().files;
    const [line] = await runMigrations({ store, files, now: new Date() }, [statsAgain]);
    expect(line).toContain('更正 1 份');
    expect(sumShards(fake.dump('stats') as unknown as StatsDoc[]).within.get('g~huazhongg1')).toEqual({
      pending_review: 1,
    });
    expect((await statsAgain.run({ store, files, now: new Date() })).result).toMatchObject({ corrected: 0 });
  });
});
