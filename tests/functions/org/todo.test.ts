import {
  activityInput,
  createHarness,
  ok,
  validReport,
  wishInput,
  type Harness,
  reportAndWhistle,
} from '../../support/harness';

type Todo = { items: Array<{ key: string; count: number; dueAt: string | null; page: string }>; unread: number };

async function todo(h: Harness, openid: string): Promise<Todo> {
  return ok(await h.call('org', openid, 'todo', {}));
}
type Key =
  | 'enrolment.review'
  | 'enrolment.org'
  | 'wish.review'
  | 'wish.open'
  | 'wish.claims'
  | 'wish.unit'
  | 'wish.mine'
  | 'service.confirm';
/** The counts by key (a key the caller does not have reads as NaN, which no expectation matches). */
const counts = (t: Todo): Record<Key, number> =>
  new Proxy(Object.fromEntries(t.items.map((i) => [i.key, i.count])) as Record<Key, number>, {
    get: (all, key: string) => all[key as Key] ?? NaN,
  });

describe('待办: the home page’s counts, per role', () => {
  test('each role sees only what it can act on', async () => {
    const h = createHarness();
    const keys = async (openid: string) => (await todo(h, openid)).items.map((i) => i.key).sort();
    expect(await keys('demo-resident')).toEqual(['problem.rate', 'wish.mine']);
    expect(await keys('demo-member')).toEqual(['problem.rate', 'wish.claims', 'wish.mine', 'wish.open']);
    expect(await keys('demo-unitleader')).toEqual(['problem.rate', 'service.confirm', 'wish.mine', 'wish.unit']);
    expect(await keys('demo-grid')).toEqual(['problem.rate', 'service.confirm', 'wish.mine', 'wish.review']);
    expect(await keys('demo-station')).toEqual([
      'enrolment.review',
      'invite.decide',
      'order.pickup',
      'pairing.todo',
      'problem.rate',
      'problem.station',
      'service.confirm',
      'wish.mine',
      'wish.review',
    ]);
    expect(await keys('demo-department')).toEqual(['problem.rate', 'whistle.department', 'wish.mine']);
    expect(await keys('demo-orgadmin')).toEqual(['enrolment.org', 'pairing.todo', 'problem.rate', 'wish.mine']);
    expect(await keys('demo-district')).toEqual([
      'calendar.enter',
      'invite.decide',
      'problem.rate',
      'whistle.overdue',
      'wish.mine',
    ]);
  });

  test('counts follow the work: a wish and a 报到 move through the counts of everyone concerned', async () => {
    const h = createHarness();
    const before = {
      station: counts(await todo(h, 'demo-station')),
      member: counts(await todo(h, 'demo-member')),
      org: counts(await todo(h, 'demo-orgadmin')),
    };
    ok(await h.call('checkin', 'demo-newmember', 'submitReport', { token: h.token('huazhong'), ...validReport }));
    const wishId = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
    expect(counts(await todo(h, 'demo-station'))).toMatchObject({
      'enrolment.review': before.station['enrolment.review'] + 1,
      'wish.review': before.station['wish.review'] + 1,
    });
    expect(counts(await todo(h, 'demo-grid'))['wish.review']).toBe(1);
    expect(counts(await todo(h, 'demo-orgadmin'))['enrolment.org']).toBe(before.org['enrolment.org'] + 1);

    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    expect(counts(await todo(h, 'demo-member'))['wish.open']).toBe(before.member['wish.open'] + 1);
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    const claimed = await todo(h, 'demo-member');
    expect(claimed.items.find((i) => i.key === 'wish.claims')).toMatchObject({
      count: 1,
      dueAt: new Date(h.clock.now().getTime() + 7 * 86400_000).toISOString(),
    });
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已修好' }));
    expect(counts(await todo(h, 'demo-resident'))['wish.mine']).toBe(1);
    expect(counts(await todo(h, 'demo-unitleader'))['wish.unit']).toBe(1);
    // The resident's inbox: approved, claimed, fulfilled.
    expect((await todo(h, 'demo-resident')).unread).toBe(3);
  });

  test('the department sees its open whistles with the nearest deadline; hours wait for the organiser', async () => {
    const h = createHarness();
    await reportAndWhistle(h);
    const whistle = (await todo(h, 'demo-department')).items.find((i) => i.key === 'whistle.department');
    expect(whistle).toMatchObject({ count: 1, page: 'pages/whistle/department/index' });
    expect(Date.parse(whistle?.dueAt ?? '')).toBeGreaterThan(h.clock.now().getTime());

    const activityId = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0))).activity
      .id;
    const code = async () =>
      ok(await h.call('checkin', 'demo-station', 'activityCode', { activityId, mode: 'fixed' })).token as string;
    const before = counts(await todo(h, 'demo-station'))['service.confirm'];
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() }));
    h.clock.advance(90 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }));
    expect(counts(await todo(h, 'demo-station'))['service.confirm']).toBe(before + 1);
  });
});
