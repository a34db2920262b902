import { functions } from '../../../cloudfunctions/deployed';
import {
  addMembers,
  createHarness,
  errorCode,
  expectRace,
  ok,
  snapshot,
  wishInput,
  type Harness,
} from '../../support/harness';

describe('微心愿 wishes', () => {
  let h: Harness;
  let wishId: string;
  const post = () => h.call('wish', 'demo-resident', 'postWish', wishInput);
  const approve = (id = wishId) => h.call('wish', 'demo-station', 'reviewWish', { wishId: id, decision: 'approve' });
  beforeEach(async () => {
    h = createHarness();
    wishId = ok(await post()).wish.id;
  });

  test('the whole path: post → review → claim → fulfil → confirm → thanks, with history, audit and a service record', async () => {
    expect(ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0]).toMatchObject({
      status: 'pending_review',
      residentName: '王秀英',
      residentPhone: '13600001111',
      points: 10,
    });
    expect(ok(await h.call('wish', 'demo-member', 'browseWishes', {})).items).toEqual([]);
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve', points: 20 }));
    const browse = ok(await h.call('wish', 'demo-member', 'browseWishes', {}));
    expect(browse.items).toEqual([
      expect.objectContaining({
        id: wishId,
        status: 'open',
        unitName: '01栋1单元',
        residentName: null,
        residentPhone: null,
        points: 20,
      }),
    ]);
    const claimed = ok(await h.call('wish', 'demo-member', 'claimWish', { wishId })).wish;
    // The timeline names who acted: the resident, the station, the member.
    expect(claimed.history.map((e: { by: string }) => e.by)).toEqual(['居民', '社区工作站', '张明']);
    expect(claimed).toMatchObject({
      status: 'claimed',
      residentName: null,
      residentPhone: '136****1111',
      claimantName: '张明',
      claimExpiresAt: '2026-12-03T02:00:00.000Z',
    });
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已更换水龙头阀芯' }));
    const done = ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true })).wish;
    expect(done.status).toBe('confirmed');
    expect(done.history.map((e: { to: string }) => e.to)).toEqual([
      'pending_review',
      'open',
      'claimed',
      'fulfilled',
      'confirmed',
    ]);
    expect(ok(await h.call('wish', 'demo-resident', 'thankWish', { wishId, thanks: '谢谢张师傅！' })).wish.thanks).toBe(
      '谢谢张师傅！',
    );
    expect(errorCode(await h.call('wish', 'demo-resident', 'thankWish', { wishId, thanks: '再谢一次' }))).toBe(
      'WISH.BAD_STATE',
    );
    expect(h.store.dump('services')).toEqual([
      expect.objectContaining({
        _id: `wish~${wishId}`,
        openid: 'demo-member',
        source: 'wish',
        points: 20,
        status: 'pending',
      }),
    ]);
    expect(
      h.store
        .dump('audit')
        .filter((a) => a.entityId === wishId)
        .map((a) => a.action),
    ).toEqual(['wish.post', 'wish.approve', 'wish.claim', 'wish.fulfil', 'wish.confirm', 'wish.thank']);
    const record = ok(await h.call('checkin', 'demo-member', 'myService', {})).halfYear;
    expect(record).toMatchObject({ services: 1, claims: 1, met: true });
  });

  test('50 members claiming at once: exactly one winner, 49 told it was already claimed', async () => {
    ok(await approve());
    const members = addMembers(h, 50);
    const results = await Promise.all(members.map((m) => h.call('wish', m, 'claimWish', { wishId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'WISH.ALREADY_CLAIMED')).toHaveLength(49);
    const doc = h.store.dump('wishes').find((w) => w._id === wishId) as unknown as {
      claimedBy: string;
      history: unknown[];
    };
    expect(members).toContain(doc.claimedBy);
    expect(doc.history).toHaveLength(3);
    expect(h.store.dump('audit').filter((a) => a.action === 'wish.claim')).toHaveLength(1);
  });

  test('a member holds at most three open claims', async () => {
    const ids = [wishId];
    for (let i = 0; i < 3; i++) ids.push(ok(await post()).wish.id);
    for (const id of ids) ok(await approve(id));
    for (const id of ids.slice(0, 3)) ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: id }));
    const fourth = await h.call('wish', 'demo-member', 'claimWish', { wishId: ids[3] });
    expect(errorCode(fourth)).toBe('WISH.TOO_MANY_CLAIMS');
    expect(fourth.ok ? '' : fourth.error.message).toBe('您已认领3个未完成的心愿，请先完成后再认领');
  });

  /** Issue 12, defect 12: the limit holds when one member claims several wishes at once. */
  test('claiming six wishes at once still gives three, and a dispute brings a wish back into the count', async () => {
    const ids = [wishId];
    for (let i = 0; i < 5; i++) ids.push(ok(await post()).wish.id);
    for (const id of ids) ok(await approve(id));
    const answers = await Promise.all(ids.map((id) => h.call('wish', 'demo-member', 'claimWish', { wishId: id })));
    expectRace(answers, 3, 'WISH.TOO_MANY_CLAIMS');
    const held = h.store.dump('wishes').filter((w) => w.claimedBy === 'demo-member' && w.status === 'claimed');
    expect(held).toHaveLength(3);
    // One is fulfilled (it no longer counts), another is claimed in its place; the resident says the first
    // was not done, so it counts again: four held now, and no fifth claim goes through.
    const first = held[0]!._id;
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId: first, note: '已修好' }));
    const free = ids.find((id) => !held.some((w) => w._id === id))!;
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: free }));
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId: first, fulfilled: false, note: '还在漏水' }));
    const another = ids.find((id) => id !== free && !held.some((w) => w._id === id))!;
    expect(errorCode(await h.call('wish', 'demo-member', 'claimWish', { wishId: another }))).toBe(
      'WISH.TOO_MANY_CLAIMS',
    );
  });

  test('stale claims expire through the timer, and running it twice changes nothing more', async () => {
    ok(await approve());
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    const timer = functions.timer(() => h.runtime);
    h.clock.advance(6 * 86400_000);
    expect(ok(await timer({}, { TRIGGER_SRC: 'timer' }))).toMatchObject({ expiredClaims: 0 });
    h.clock.advance(2 * 86400_000);
    expect(ok(await timer({}, { TRIGGER_SRC: 'timer' }))).toMatchObject({ expiredClaims: 1 });
    const before = await snapshot(h.store, ['wishes', 'audit']);
    expect(ok(await timer({}, { TRIGGER_SRC: 'timer' }))).toMatchObject({ expiredClaims: 0 });
    expect(await snapshot(h.store, ['wishes', 'audit'])).toBe(before);
    const wish = ok(await h.call('wish', 'demo-station', 'listWishes', { status: 'open' })).items[0];
    expect(wish.history.at(-1)).toMatchObject({
      by: '系统',
      from: 'claimed',
      to: 'open',
      note: '认领超时未完成，自动释放',
    });
    // Only the trigger runs it: a signed-in user, or a call with no identity and no trigger, is refused.
    h.clock.advance(30 * 86400_000);
    const unchanged = await snapshot(h.store, ['wishes', 'whistles', 'messages', 'audit']);
    expect(errorCode(await timer({}, { OPENID: 'demo-station' }))).toBe('AUTH.FORBIDDEN');
    expect(errorCode(await timer({}, { OPENID: 'demo-station', TRIGGER_SRC: 'timer' }))).toBe('AUTH.FORBIDDEN');
    expect(errorCode(await timer({}, {}))).toBe('AUTH.FORBIDDEN');
    expect(errorCode(await timer({ TRIGGER_SRC: 'timer' }, {}))).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store, ['wishes', 'whistles', 'messages', 'audit'])).toBe(unchanged);
  });

  test('every transition the table does not allow is refused with WISH.BAD_STATE', async () => {
    expect(errorCode(await h.call('wish', 'demo-member', 'claimWish', { wishId }))).toBe('WISH.BAD_STATE');
    expect(errorCode(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true }))).toBe(
      'WISH.BAD_STATE',
    );
    ok(await approve());
    expect(errorCode(await approve())).toBe('WISH.BAD_STATE');
    expect(errorCode(await h.call('wish', 'demo-station', 'releaseClaim', { wishId, reason: '长期未完成' }))).toBe(
      'WISH.BAD_STATE',
    );
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    expect(errorCode(await h.call('wish', 'demo-member', 'claimWish', { wishId }))).toBe('WISH.BAD_STATE');
    expect(errorCode(await h.call('wish', 'demo-resident', 'cancelWish', { wishId }))).toBe('WISH.BAD_STATE');
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已完成' }));
    expect(errorCode(await h.call('wish', 'demo-member', 'giveUpWish', { wishId }))).toBe('WISH.BAD_STATE');
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true }));
    expect(errorCode(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true }))).toBe(
      'WISH.BAD_STATE',
    );
    expect(errorCode(await h.call('wish', 'demo-resident', 'cancelWish', { wishId }))).toBe('WISH.BAD_STATE');
  });

  test('the resident says it was not done: back to the member with the note; the unit leader may confirm', async () => {
    ok(await approve());
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已完成' }));
    const back = ok(
      await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: false, note: '还在滴水' }),
    ).wish;
    expect(back).toMatchObject({ status: 'claimed' });
    expect(back.history.at(-1)).toMatchObject({ to: 'claimed', note: '还在滴水' });
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '换了整个龙头' }));
    expect(
      ok(await h.call('wish', 'demo-unitleader', 'unitWishes', {})).items.map((w: { id: string }) => w.id),
    ).toEqual([wishId]);
    expect(ok(await h.call('wish', 'demo-unitleader', 'confirmWish', { wishId, fulfilled: true })).wish.status).toBe(
      'confirmed',
    );
  });

  test('giving up and release return the wish to the wall; the resident may cancel before a claim', async () => {
    ok(await approve());
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    expect(ok(await h.call('wish', 'demo-member', 'giveUpWish', { wishId })).wish.status).toBe('open');
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    expect(
      ok(await h.call('wish', 'demo-grid', 'releaseClaim', { wishId, reason: '长期未联系居民' })).wish.status,
    ).toBe('open');
    expect(ok(await h.call('wish', 'demo-resident', 'cancelWish', { wishId })).wish.status).toBe('cancelled');
  });

  test('rejection needs a reason that the resident sees', async () => {
    expect(errorCode(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'reject' }))).toBe(
      'INPUT.INVALID',
    );
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'reject', reason: '请联系物业处理' }));
    expect(ok(await h.call('wish', 'demo-resident', 'myWishes', {})).items[0]).toMatchObject({
      status: 'rejected',
      reason: '请联系物业处理',
    });
  });

  test.each([
    ['reviewWish', 'demo-member'],
    ['reviewWish', 'demo-resident'],
    ['reviewWish', 'demo-orgadmin'],
    ['reviewWish', 'demo-district'],
    ['reviewWish', 'demo-unitleader'],
    ['listWishes', 'demo-member'],
    ['listWishes', 'demo-resident'],
    ['releaseClaim', 'demo-member'],
    ['releaseClaim', 'demo-district'],
    ['claimWish', 'demo-resident'],
    ['claimWish', 'demo-station'],
    ['claimWish', 'demo-newmember'],
    ['browseWishes', 'demo-resident'],
    ['fulfilWish', 'demo-station'],
    ['giveUpWish', 'demo-resident'],
    ['unitWishes', 'demo-member'],
    ['myClaims', 'demo-resident'],
  ])('%s is refused to %s and changes nothing', async (action, openid) => {
    const before = await snapshot(h.store, ['wishes', 'audit']);
    const res = await h.call('wish', openid, action, {
      wishId,
      decision: 'approve',
      reason: '原因',
      note: '说明',
      fulfilled: true,
    });
    expect(errorCode(res)).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store, ['wishes', 'audit'])).toBe(before);
  });

  test('scope: a grid secretary of another grid, another community’s member, a stranger confirming', async () => {
    const other = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, unitId: 'huazhongg2u1' })).wish
      .id;
    expect(errorCode(await h.call('wish', 'demo-grid', 'reviewWish', { wishId: other, decision: 'approve' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    ok(await approve());
    const [outsider] = addMembers(h, 1, 'xiaosu', 'x');
    expect(errorCode(await h.call('wish', outsider as string, 'claimWish', { wishId }))).toBe('AUTH.NOT_A_MEMBER');
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已完成' }));
    expect(errorCode(await h.call('wish', 'demo-newmember', 'confirmWish', { wishId, fulfilled: true }))).toBe(
      'AUTH.FORBIDDEN',
    );
    const [second] = addMembers(h, 1);
    expect(errorCode(await h.call('wish', second as string, 'fulfilWish', { wishId, note: '不是我的' }))).toBe(
      'AUTH.FORBIDDEN',
    );
  });

  test.each([
    [{ title: '修' }, 'title'],
    [{ description: '短' }, 'description'],
    [{ category: '娱乐' }, 'category'],
    [{ phone: '123' }, 'phone'],
    [{ unitId: '' }, 'unitId'],
  ])('bad wish %p is refused on %s and nothing changes', async (patch, field) => {
    const before = await snapshot(h.store, ['wishes', 'audit']);
    const res = await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, ...patch });
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? {} : res.error.fields).toHaveProperty(field);
    expect(await snapshot(h.store, ['wishes', 'audit'])).toBe(before);
  });

  test('members browse by category and page through the wall', async () => {
    for (let i = 0; i < 25; i++) {
      const id = ok(
        await h.call('wish', 'demo-resident', 'postWish', {
          ...wishInput,
          category: i % 2 ? '学习辅导' : '生活帮扶',
          title: `心愿${i}号`,
        }),
      ).wish.id;
      ok(await approve(id));
      h.clock.advance(1000);
    }
    const study = ok(await h.call('wish', 'demo-member', 'browseWishes', { category: '学习辅导', limit: 100 }));
    expect(study.items).toHaveLength(12);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await h.call('wish', 'demo-member', 'browseWishes', { limit: 10, cursor }));
      seen.push(...page.items.map((w: { title: string }) => w.title));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(seen[0]).toBe('心愿24号');
  });
});

describe('claim expiry in bulk', () => {
  test('one run handles at most its cap; the next runs take the rest', async () => {
    const h = createHarness();
    const members = addMembers(h, 12);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, title: `心愿${i}号` })).wish.id;
      ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: id, decision: 'approve' }));
      ok(await h.call('wish', members[i] as string, 'claimWish', { wishId: id }));
      ids.push(id);
    }
    h.clock.advance(8 * 86400_000);
    const { expireClaims } = await import('../../../cloudfunctions/wish/expire-claims.job');
    expect(await expireClaims(h.runtime, 5)).toBe(5);
    expect(await expireClaims(h.runtime, 5)).toBe(5);
    expect(await expireClaims(h.runtime, 5)).toBe(2);
    expect(await expireClaims(h.runtime, 5)).toBe(0);
    expect(h.store.dump('wishes').filter((w) => w.status === 'open')).toHaveLength(12);
  });
});

describe('wish photos', () => {
  test('an uploaded photo is stored with the wish and shown by a signed URL; anything else is refused', async () => {
    const h = createHarness();
    const photo = h.upload('demo-resident');
    const wish = ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo })).wish;
    expect(h.store.dump('wishes')).toEqual([expect.objectContaining({ _id: wish.id, photo })]);
    expect(wish.photo).toMatch(new RegExp(`^${photo}\\?exp=\\d+&sig=[a-f0-9]{32}$`));
    for (const bad of ['https://evil.example/x.jpg', '/uploads/../../etc/passwd', 'javascript:alert(1)']) {
      const res = await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, photo: bad });
      expect(errorCode(res)).toBe('INPUT.INVALID');
      expect(res.ok ? {} : res.error.fields).toHaveProperty('photo');
    }
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: wish.id, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: wish.id }));
    const done = h.upload('demo-member');
    const fulfilled = ok(
      await h.call('wish', 'demo-member', 'fulfilWish', { wishId: wish.id, note: '已修好', photo: done }),
    ).wish;
    expect(fulfilled.fulfilPhoto).toMatch(new RegExp(`^${done}\\?exp=`));
  });
});
