import { createHarness, errorCode, ok } from '../../support/harness';

describe('org.me and the router', () => {
  const h = createHarness();

  test('a role holder sees their grants with scope names', async () => {
    const me = ok(await h.call('org', 'demo-station', 'me', {}));
    expect(me).toEqual({
      openid: 'demo-station',
      name: '陈静',
      communityId: null,
      communityName: null,
      grants: [{ role: 'stationAdmin', scope: 'community', scopeId: 'huazhong', scopeName: '华中社区' }],
    });
  });

  test('a first-time WeChat user is an identified resident with no grants', async () => {
    expect(ok(await h.call('org', 'wx-new-user', 'me', {}))).toEqual({
      openid: 'wx-new-user',
      name: null,
      communityId: null,
      communityName: null,
      grants: [],
    });
  });

  test('no identity, unknown action, prototype keys', async () => {
    expect(errorCode(await h.call('org', null, 'me', {}))).toBe('AUTH.UNAUTHENTICATED');
    expect(errorCode(await h.call('org', 'demo-station', 'drop', {}))).toBe('ACTION.UNKNOWN');
    expect(errorCode(await h.call('org', 'demo-station', 'constructor', {}))).toBe('ACTION.UNKNOWN');
    expect(errorCode(await h.call('org', 'demo-station', 'toString', {}))).toBe('ACTION.UNKNOWN');
  });

  test('an unexpected fault answers INTERNAL with a request id and no internals, and is logged', async () => {
    const broken = createHarness();
    jest.spyOn(broken.store, 'get').mockRejectedValueOnce(new Error('disk on fire at /secret/path'));
    const res = await broken.call('org', 'demo-station', 'me', {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('INTERNAL');
    expect(res.error.message).not.toContain('disk');
    const requestId = /（(.+)）/.exec(res.error.message)?.[1];
    expect(broken.logs).toEqual([expect.objectContaining({ level: 'error', fn: 'org', action: 'me', requestId })]);
    expect(String(broken.logs[0]?.error)).toContain('disk on fire');
  });
});

describe('org.places', () => {
  const h = createHarness();
  test('communities, then grids of one, then units of a grid', async () => {
    const all = ok(await h.call('org', 'wx-new-user', 'places', {}));
    expect(all.communities.map((c: { name: string }) => c.name)).toEqual(['华中社区', '孝肃社区', '龙狮社区'].sort());
    expect(all.grids).toEqual([]);
    const grids = ok(await h.call('org', 'wx-new-user', 'places', { communityId: 'huazhong' }));
    expect(grids.grids.map((g: { name: string }) => g.name)).toEqual(['第一网格', '第二网格', '第三网格']);
    const units = ok(await h.call('org', 'wx-new-user', 'places', { communityId: 'huazhong', gridId: 'huazhongg1' }));
    expect(units.units).toHaveLength(6);
    expect(errorCode(await h.call('org', null, 'places', {}))).toBe('AUTH.UNAUTHENTICATED');
  });
});
