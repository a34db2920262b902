import { SqliteStore } from '../../../cloudfunctions/core/store/sqlite.store';
import { indexes } from '../../../cloudfunctions/deployed/storage';
import { grant, importTree, runTimer } from '../../../scripts/cloudbase/admin-commands';
import { seedDemoWishes } from '../../../local/demo-data';
import { createHarness, ok } from '../../support/harness';

const tree = {
  district: { _id: 'dz', name: '某区' },
  communities: [{ _id: 'c1', name: '一社区' }],
  grids: [{ _id: 'c1g1', name: '第一网格', seq: 1, communityId: 'c1' }],
  units: [{ _id: 'c1g1u1', name: '01栋1单元', seq: 1, gridId: 'c1g1' }],
  orgs: [{ _id: 'o1', name: '区财政局' }],
  departments: [{ _id: 'd1', name: '区城管局' }],
};
const now = new Date('2026-11-26T02:00:00Z');

describe('cloudbase:admin commands (any store)', () => {
  let store: SqliteStore;
  beforeEach(() => (store = new SqliteStore({ filename: ':memory:', indexes })));

  test('import writes the tree with its ancestors, and running it again adds nothing', async () => {
    expect(await importTree(store, tree)).toEqual([
      'districts: 新增 1',
      'communities: 新增 1',
      'grids: 新增 1',
      'units: 新增 1',
      'orgs: 新增 1',
      'departments: 新增 1',
    ]);
    expect(store.dump('units')).toEqual([
      { _id: 'c1g1u1', name: '01栋1单元', seq: 1, gridId: 'c1g1', communityId: 'c1', districtId: 'dz' },
    ]);
    expect(await importTree(store, tree)).toEqual([
      'districts: 新增 0',
      'communities: 新增 0',
      'grids: 新增 0',
      'units: 新增 0',
      'orgs: 新增 0',
      'departments: 新增 0',
    ]);
  });

  test('import shares the app’s import core: a renamed entry is updated and audited as the operator', async () => {
    await importTree(store, tree, now);
    const renamed = { ...tree, departments: [{ _id: 'd1', name: '区城市管理局' }] };
    expect(await importTree(store, renamed, now)).toContain('departments: 新增 0，修改 1');
    expect(store.dump('departments')).toEqual([{ _id: 'd1', name: '区城市管理局', districtId: 'dz' }]);
    const audits = store.dump('audit').filter((a) => a.action === 'tree.department.import');
    expect(audits).toHaveLength(2);
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: 'cloudbase-admin', before: null }),
        expect.objectContaining({ actor: 'cloudbase-admin', before: expect.objectContaining({ name: '区城管局' }) }),
      ]),
    );
  });

  test('a district alone (its admin imports the rest in the app)', async () => {
    const empty = { communities: [], grids: [], units: [], orgs: [], departments: [] };
    expect(await importTree(store, { district: { _id: 'dz', name: '某区' }, ...empty }, now)).toContain(
      'districts: 新增 1',
    );
    expect(store.dump('districts')).toEqual([{ _id: 'dz', name: '某区' }]);
    expect(store.dump('communities')).toEqual([]);
  });

  test('a tree with a dangling reference or a bad id is refused before anything is written', async () => {
    await expect(
      importTree(store, { ...tree, units: [{ _id: 'u9', name: 'x', seq: 1, gridId: 'nope' }] }),
    ).rejects.toThrow(/单元 第1项 所属网格编号：网格编号“nope”不存在/);
    await expect(importTree(store, { ...tree, district: { _id: '区/1', name: 'x' } })).rejects.toThrow();
    expect(store.dump('districts')).toEqual([]);
  });

  test('grant gives the first district admin their role once, with an audit record', async () => {
    await importTree(store, tree);
    expect(await grant(store, 'oAbc123456', 'districtAdmin', 'dz', now)).toBe(
      '已授予 oAbc123456 districtAdmin（district dz）',
    );
    expect(await grant(store, 'oAbc123456', 'districtAdmin', 'dz', now)).toBe(
      'oAbc123456 已有 districtAdmin 身份，未改动',
    );
    expect(store.dump('grants')).toEqual([
      {
        _id: 'oAbc123456~districtAdmin',
        openid: 'oAbc123456',
        role: 'districtAdmin',
        scope: 'district',
        scopeId: 'dz',
        grantedBy: 'cloudbase-admin',
        at: now.toISOString(),
        // Where it sits, so the district's 人员与身份 page lists it.
        districtId: 'dz',
        communityId: null,
      },
    ]);
    expect(store.dump('audit').filter((a) => a.action === 'grant.add')).toHaveLength(1);
    await expect(grant(store, 'oAbc123456', 'stationAdmin', 'nowhere', now)).rejects.toThrow(/没有 nowhere/);
    await expect(grant(store, 'oAbc123456', 'king', 'dz', now)).rejects.toThrow();
    await expect(grant(store, 'x', 'districtAdmin', 'dz', now)).rejects.toThrow(/格式/);
  });
});

describe('cloudbase:admin run-timer', () => {
  test('runs the periodic jobs once, as the operator, with an audit record of the run', async () => {
    const h = createHarness();
    seedDemoWishes(h.store, h.clock.now());
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: 'demowish01' }));
    h.clock.advance(8 * 86400_000);
    const line = await runTimer(h.runtime, 'cloudbase-admin:王工');
    expect(line).toContain('释放超时认领 1');
    const runs = h.store.dump('audit').filter((a) => a.action === 'timer.adminRun');
    expect(runs).toEqual([
      expect.objectContaining({
        actor: 'cloudbase-admin:王工',
        after: {
          expiredClaims: 1,
          remindedClaims: 0,
          remindedActivities: 0,
          reminded: 0,
          overdue: 0,
          returnedUnits: 0,
          remindedPairings: 0,
          overduePairings: 0,
          removedExports: 0,
        },
      }),
    ]);
  });
});
