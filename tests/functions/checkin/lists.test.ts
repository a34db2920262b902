import { createHarness, errorCode, ok, snapshot, type Harness, recount } from '../../support/harness';

describe('checkin lists: listReports, orgReceipts, myReports', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));

  test('the station sees its pending reports newest first with full phones', async () => {
    const page = ok(await h.call('checkin', 'demo-station', 'listReports', {}));
    expect(page.items.map((r: { name: string }) => r.name)).toEqual(['林小燕', '何志强']);
    expect(page.items[0].phone).toBe('13705562345');
    expect(page.next).toBeNull();
  });

  test('the district reads any community with masked phones; filters by status', async () => {
    const page = ok(await h.call('checkin', 'demo-district', 'listReports', { status: 'approved' }));
    expect(page.items.map((r: { name: string }) => r.name)).toEqual(['黄建国', '张明']);
    expect(page.items[0].phone).toBe('136****3456');
    const one = ok(
      await h.call('checkin', 'demo-district', 'listReports', { communityId: 'huazhong', status: 'pending' }),
    );
    expect(one.items).toHaveLength(2);
  });

  test('pages follow the cursor without gaps or repeats', async () => {
    for (let i = 0; i < 25; i++) {
      await h.store.insert('reports', {
        ...h.store.dump('reports')[0],
        _id: `huazhong~bulk${i}`,
        openid: `bulk${i}`,
        status: 'pending',
        name: `测试${i}`,
        submittedAt: `2026-11-25T0${i % 10}:${String(i).padStart(2, '0')}:00.000Z`,
      });
    }
    await recount(h);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await h.call('checkin', 'demo-station', 'listReports', { limit: 10, cursor }));
      seen.push(...page.items.map((r: { id: string }) => r.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
  });

  test.each(['demo-member', 'demo-resident', 'demo-unitleader', 'demo-grid', 'demo-department', 'demo-orgadmin'])(
    '%s may not list reports',
    async (openid) => {
      expect(errorCode(await h.call('checkin', openid, 'listReports', {}))).toBe('AUTH.FORBIDDEN');
    },
  );

  test('a station admin cannot list another community', async () => {
    expect(errorCode(await h.call('checkin', 'demo-station', 'listReports', { communityId: 'xiaosu' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(errorCode(await h.call('checkin', 'demo-station', 'listReports', { status: 'done' }))).toBe('INPUT.INVALID');
    expect(errorCode(await h.call('checkin', 'demo-station', 'listReports', { limit: 5000 }))).toBe('INPUT.INVALID');
  });

  test('the organisation sees receipts of its own members with masked phones', async () => {
    const page = ok(await h.call('checkin', 'demo-orgadmin', 'orgReceipts', {}));
    expect(page.items.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['何志强', 'pending'],
      ['黄建国', 'approved'],
      ['张明', 'approved'],
    ]);
    expect(
      page.items.every(
        (r: { phone: string; orgName: string }) => r.phone.includes('****') && r.orgName === '区财政局机关党支部',
      ),
    ).toBe(true);
    const approved = ok(await h.call('checkin', 'demo-orgadmin', 'orgReceipts', { status: 'approved' }));
    expect(approved.items).toHaveLength(2);
  });

  test('an org admin cannot read another organisation; other roles may not read receipts', async () => {
    expect(errorCode(await h.call('checkin', 'demo-orgadmin', 'orgReceipts', { orgId: 'org2' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    for (const openid of ['demo-member', 'demo-station', 'demo-department', 'demo-grid']) {
      expect(errorCode(await h.call('checkin', openid, 'orgReceipts', {}))).toBe('AUTH.FORBIDDEN');
    }
    const district = ok(await h.call('checkin', 'demo-district', 'orgReceipts', { orgId: 'org2' }));
    expect(district.items.map((r: { name: string }) => r.name)).toEqual(['林小燕']);
  });

  test('myReports shows only the caller’s own reports', async () => {
    expect(ok(await h.call('checkin', 'demo-newmember', 'myReports', {})).items).toEqual([]);
    const mine = ok(await h.call('checkin', 'demo-member', 'myReports', {}));
    expect(mine.items.map((r: { name: string; phone: string }) => [r.name, r.phone])).toEqual([
      ['张明', '13805560001'],
    ]);
  });

  test('reads change nothing', async () => {
    const before = await snapshot(h.store);
    await h.call('checkin', 'demo-station', 'listReports', {});
    await h.call('checkin', 'demo-orgadmin', 'orgReceipts', {});
    expect(await snapshot(h.store)).toBe(before);
  });
});
