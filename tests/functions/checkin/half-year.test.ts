import { activityInput, createHarness, ok, type Harness } from '../../support/harness';

/** The half-year rule on a frozen clock, across the 30 June / 1 July boundary (Beijing time). */
describe('half-year rule', () => {
  let h: Harness;
  async function serveAt(iso: string) {
    h.clock.set(iso);
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0, 1)));
    const token = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    ).token;
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token }));
    h.clock.advance(60 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token }));
  }
  async function claimAt(iso: string) {
    h.clock.set(iso);
    const { post } = ok(
      await h.call('checkin', 'demo-station', 'createPost', {
        name: '垃圾分类督导员',
        duty: '督导垃圾分类',
        capacity: 5,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      }),
    );
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId: post.id }));
  }
  beforeEach(() => (h = createHarness()));

  test('service and claim late on 30 June count for the first half, not the second', async () => {
    await serveAt('2026-06-30T13:00:00.000Z'); // 21:00 Beijing, checked out 22:00 (UTC 14:00)
    await claimAt('2026-06-30T15:30:00.000Z'); // 23:30 Beijing on 30 June
    h.clock.set('2026-06-30T15:59:00.000Z');
    expect(ok(await h.call('checkin', 'demo-member', 'myService', {})).halfYear).toEqual({
      label: '2026年上半年',
      services: 1,
      claims: 1,
      met: true,
      missing: [],
    });
    h.clock.set('2026-06-30T16:00:00.000Z'); // 00:00 Beijing on 1 July
    expect(ok(await h.call('checkin', 'demo-member', 'myService', {})).halfYear).toEqual({
      label: '2026年下半年',
      services: 0,
      claims: 0,
      met: false,
      missing: ['本半年至少参加1次服务活动', '本半年至少认领1个岗位、项目或微心愿'],
    });
  });

  test('a claim just after midnight on 1 July counts for the second half', async () => {
    await claimAt('2026-06-30T16:01:00.000Z');
    const record = ok(await h.call('checkin', 'demo-member', 'myService', {})).halfYear;
    expect(record).toMatchObject({
      label: '2026年下半年',
      claims: 1,
      services: 0,
      met: false,
      missing: ['本半年至少参加1次服务活动'],
    });
  });

  test('the organisation sees each member against the rule, phones masked', async () => {
    await serveAt('2026-11-20T02:00:00.000Z');
    await claimAt('2026-11-21T02:00:00.000Z');
    const page = ok(await h.call('checkin', 'demo-orgadmin', 'orgHalfYear', {}));
    expect(page.label).toBe('2026年下半年');
    const zhang = page.items.find((i: { name: string }) => i.name === '张明');
    expect(zhang).toEqual({
      name: '张明',
      phone: '138****0001',
      communityName: '华中社区',
      record: expect.objectContaining({ met: true }),
    });
    const huang = page.items.find((i: { name: string }) => i.name === '黄建国');
    expect(huang.record.met).toBe(false);
    expect(ok(await h.call('checkin', 'demo-district', 'orgHalfYear', { orgId: 'org1' })).items).toHaveLength(
      page.items.length,
    );
  });
});
