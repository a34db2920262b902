import { addMembers, createHarness, errorCode, ok, snapshot, type Harness } from '../../support/harness';

const postInput = {
  name: '楼道文明劝导员',
  duty: '每周巡查楼道，劝导堆放杂物',
  capacity: 2,
  startDate: '2026-11-01',
  endDate: '2026-12-31',
};

describe('posts (岗位)', () => {
  let h: Harness;
  let postId: string;
  beforeEach(async () => {
    h = createHarness();
    postId = ok(await h.call('checkin', 'demo-station', 'createPost', postInput)).post.id;
  });

  test('the station creates a post; a member sees it and claims a place; claiming again changes nothing', async () => {
    const list = ok(await h.call('checkin', 'demo-member', 'listPosts', {}));
    expect(list.items[0]).toEqual(
      expect.objectContaining({ id: postId, name: '楼道文明劝导员', capacity: 2, taken: 0, mine: false }),
    );
    expect(list.items.map((p: { name: string }) => p.name)).toEqual([
      '楼道文明劝导员',
      '垃圾分类督导员',
      '楼道文明劝导员',
    ]);
    const first = ok(await h.call('checkin', 'demo-member', 'claimPost', { postId }));
    expect(first).toMatchObject({ changed: true, post: { taken: 1, mine: true } });
    const again = ok(await h.call('checkin', 'demo-member', 'claimPost', { postId }));
    expect(again).toMatchObject({ changed: false, post: { taken: 1, mine: true } });
    expect(h.store.dump('audit').filter((a) => a.action === 'post.claim')).toHaveLength(1);
  });

  test('giving a place up frees it', async () => {
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId }));
    expect(ok(await h.call('checkin', 'demo-member', 'releasePost', { postId }))).toMatchObject({
      changed: true,
      post: { taken: 0, mine: false },
    });
    expect(ok(await h.call('checkin', 'demo-member', 'releasePost', { postId }))).toMatchObject({
      changed: false,
      post: { taken: 0 },
    });
  });

  test('a race for the last place: exactly one wins, the others are told it is full', async () => {
    const members = addMembers(h, 40);
    ok(await h.call('checkin', members[0] as string, 'claimPost', { postId }));
    const results = await Promise.all(members.slice(1).map((m) => h.call('checkin', m, 'claimPost', { postId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CHECKIN.POST_FULL')).toHaveLength(38);
    expect(h.store.dump('posts').find((p) => p._id === postId)).toMatchObject({ taken: 2, capacity: 2 });
    expect(h.store.dump('postClaims').filter((c) => c.status === 'active')).toHaveLength(2);
  });

  test('a grid secretary creates posts only in their grid', async () => {
    const own = ok(await h.call('checkin', 'demo-grid', 'createPost', postInput));
    expect(own.post.gridName).toBe('第一网格');
    expect(errorCode(await h.call('checkin', 'demo-grid', 'createPost', { ...postInput, gridId: 'huazhongg2' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(
      errorCode(await h.call('checkin', 'demo-station', 'createPost', { ...postInput, communityId: 'xiaosu' })),
    ).toBe('AUTH.OUT_OF_SCOPE');
  });

  test.each(['demo-member', 'demo-resident', 'demo-unitleader', 'demo-orgadmin', 'demo-district', 'demo-department'])(
    '%s may not create posts',
    async (openid) => {
      expect(errorCode(await h.call('checkin', openid, 'createPost', postInput))).toBe('AUTH.FORBIDDEN');
    },
  );

  test.each(['demo-newmember', 'demo-resident', 'demo-station', 'demo-orgadmin'])(
    '%s may not claim',
    async (openid) => {
      const res = await h.call('checkin', openid, 'claimPost', { postId });
      expect(['AUTH.FORBIDDEN']).toContain(errorCode(res));
    },
  );

  test('a member of another community cannot claim or list it', async () => {
    const [other] = addMembers(h, 1, 'xiaosu', 'x');
    expect(errorCode(await h.call('checkin', other as string, 'claimPost', { postId }))).toBe('AUTH.NOT_A_MEMBER');
    expect(errorCode(await h.call('checkin', other as string, 'listPosts', { communityId: 'huazhong' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
  });

  test('an ended post cannot be claimed', async () => {
    h.clock.set('2027-01-01T02:00:00.000Z');
    expect(errorCode(await h.call('checkin', 'demo-member', 'claimPost', { postId }))).toBe('CHECKIN.POST_CLOSED');
  });

  test.each([
    [{ capacity: 0 }, 'capacity'],
    [{ capacity: 1.5 }, 'capacity'],
    [{ name: '岗' }, 'name'],
    [{ endDate: '2026-10-01' }, 'endDate'],
    [{ startDate: '2026-13-01' }, 'startDate'],
  ])('bad input %p is refused on %s and nothing changes', async (patch, field) => {
    const before = await snapshot(h.store, ['posts', 'audit']);
    const res = await h.call('checkin', 'demo-station', 'createPost', { ...postInput, ...patch });
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? {} : res.error.fields).toHaveProperty(field);
    expect(await snapshot(h.store, ['posts', 'audit'])).toBe(before);
  });
});
