import { createHarness, errorCode, ok, type Harness } from '../../support/harness';

describe('checkin.communityCode, reportForm, gridUnits', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));

  test('the station admin gets its community code that fits a mini-program scene', async () => {
    const code = ok(await h.call('checkin', 'demo-station', 'communityCode', {}));
    expect(code).toMatchObject({ communityId: 'huazhong', communityName: '华中社区' });
    expect(code.token.length).toBeLessThanOrEqual(32);
    expect(code.path).toBe(`pages/checkin/report/index?scene=${code.token}`);
    const form = ok(await h.call('checkin', 'demo-newmember', 'reportForm', { token: code.token }));
    expect(form.community).toEqual({ id: 'huazhong', name: '华中社区', districtName: '迎江区' });
    expect(form.grids.map((g: { name: string }) => g.name)).toEqual(['第一网格', '第二网格', '第三网格']);
    expect(form.orgs).toHaveLength(10);
    expect(form.mine).toBeNull();
  });

  test.each(['demo-member', 'demo-resident', 'demo-orgadmin', 'demo-district', 'demo-grid', 'demo-department'])(
    '%s gets no community code',
    async (openid) => {
      expect(errorCode(await h.call('checkin', openid, 'communityCode', {}))).toBe('AUTH.FORBIDDEN');
    },
  );

  test('the station admin cannot print another community’s code', async () => {
    expect(errorCode(await h.call('checkin', 'demo-station', 'communityCode', { communityId: 'xiaosu' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
  });

  test('the form shows the member’s current community when scanning another one', async () => {
    const form = ok(await h.call('checkin', 'demo-member', 'reportForm', { token: h.token('xiaosu') }));
    expect(form.currentCommunityName).toBe('华中社区');
    const same = ok(await h.call('checkin', 'demo-member', 'reportForm', { token: h.token('huazhong') }));
    expect(same.currentCommunityName).toBeNull();
    expect(same.mine).toMatchObject({ status: 'approved' });
  });

  test('units are listed per grid of the scanned community only', async () => {
    const units = ok(
      await h.call('checkin', 'demo-newmember', 'gridUnits', { token: h.token('huazhong'), gridId: 'huazhongg2' }),
    );
    expect(units.units).toHaveLength(6);
    expect(
      errorCode(
        await h.call('checkin', 'demo-newmember', 'gridUnits', { token: h.token('huazhong'), gridId: 'xiaosug1' }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await h.call('checkin', 'demo-newmember', 'gridUnits', {
          token: 'Rhuazhong.AAAAAAAAAAAAAAAA',
          gridId: 'huazhongg1',
        }),
      ),
    ).toBe('CHECKIN.CODE_INVALID');
  });
});
