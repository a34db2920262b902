import { CLOSE_CONFIRMATION } from '@shared/org/account.contract';
import { halfYearOf } from '@shared/checkin/activity.rules';
import { memberHalfYear } from '../../../cloudfunctions/checkin/half-year.queries';
import { halfKey, halfYearMet, memberHalfId } from '../../../cloudfunctions/checkin/half-year.stats';
import { sumShards, type StatsDoc } from '../../../cloudfunctions/core/runtime/counters';
import { expireClaims } from '../../../cloudfunctions/wish/wish.port';
import { activityInput, createHarness, ok, validReport, wishInput, type Harness } from '../../support/harness';
import { invariantProblems } from '../../support/invariants';

/**
 * 半年履责达标 from counters: after each step the members who met the rule, by community, grid and organisation,
 * read from the counter documents alone, equal what each member's records say (`memberHalfYear`, the queries
 * the member's own page runs), and the counters equal a rebuild from the records.
 */
describe('half-year counters', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));

  const stats = () => h.store.dump('stats') as unknown as StatsDoc[];
  /** A community's figures for a half (its `halfyear` documents added up) and an organisation's own. */
  function figures(communityId: string, half: string) {
    const docs = stats().filter((d) => d.kind === 'halfyear' && d.communityId === communityId);
    const met = halfYearMet(sumShards(docs), half);
    return { met: met.met, byOrg: Object.fromEntries(met.byOrg), byGrid: Object.fromEntries(met.byGrid) };
  }
  function orgFigure(orgId: string, half: string): number {
    return stats()
      .filter((d) => d.kind === 'halfyearOrg' && d.orgId === orgId)
      .reduce((sum, d) => sum + (typeof d[half] === 'number' ? (d[half] as number) : 0), 0);
  }
  /** The member's tally against the records' own count at `at`, and the counters against the rebuild. */
  async function expectTrue(openids: string[], at: Date = h.clock.now()) {
    const half = halfKey(at);
    for (const openid of openids) {
      const record = await memberHalfYear(h.store, openid, at);
      const tally = stats().find((d) => d._id === memberHalfId(openid)) ?? {};
      const count = (f: string) => ((tally as Record<string, unknown>)[`${half}_${f}`] as number | undefined) ?? 0;
      expect({ openid, services: count('services'), claims: count('claims') }).toEqual({
        openid,
        services: record.services,
        claims: record.claims,
      });
    }
    expect(await invariantProblems(h.store)).toEqual([]);
  }

  async function serve(openid: string, minutes = 60) {
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0, 3)));
    const { token } = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    );
    ok(await h.call('checkin', openid, 'checkIn', { token }));
    h.clock.advance(minutes * 60_000);
    return { token, attendance: ok(await h.call('checkin', openid, 'checkOut', { token })).attendance };
  }
  async function newPost(): Promise<string> {
    const input = {
      name: '垃圾分类督导员',
      duty: '督导垃圾分类',
      capacity: 5,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    };
    return ok(await h.call('checkin', 'demo-station', 'createPost', input)).post.id;
  }
  async function openWish(): Promise<string> {
    const id = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: id, decision: 'approve' }));
    return id;
  }

  const H2 = '2026H2';

  test('a member who serves and claims counts in the community, the grid and the organisation; releasing the claim takes it back', async () => {
    await serve('demo-member');
    expect(figures('huazhong', H2).met).toBe(0);
    await expectTrue(['demo-member']);
    const postId = await newPost();
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId }));
    expect(figures('huazhong', H2)).toEqual({ met: 1, byOrg: { org1: 1 }, byGrid: { huazhongg1: 1 } });
    expect(orgFigure('org1', H2)).toBe(1);
    await expectTrue(['demo-member']);
    // Claiming again changes nothing.
    expect(ok(await h.call('checkin', 'demo-member', 'claimPost', { postId })).changed).toBe(false);
    expect(figures('huazhong', H2).met).toBe(1);
    ok(await h.call('checkin', 'demo-member', 'releasePost', { postId }));
    expect(figures('huazhong', H2)).toEqual({ met: 0, byOrg: {}, byGrid: {} });
    expect(orgFigure('org1', H2)).toBe(0);
    await expectTrue(['demo-member']);
    h.clock.advance(60_000);
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId }));
    expect(figures('huazhong', H2).met).toBe(1);
    await expectTrue(['demo-member']);
  });

  test('a second member in another grid, by a wish; the wish claim expiring takes them out again', async () => {
    await serve('demo-member');
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId: await newPost() }));
    await serve('seed-m3');
    const wishId = await openWish();
    ok(await h.call('wish', 'seed-m3', 'claimWish', { wishId }));
    expect(figures('huazhong', H2)).toEqual({
      met: 2,
      byOrg: { org1: 2 },
      byGrid: { huazhongg1: 1, huazhongg2: 1 },
    });
    expect(orgFigure('org1', H2)).toBe(2);
    await expectTrue(['demo-member', 'seed-m3']);
    // Nobody fulfils it: after the claim days the job hands it back, and the claim no longer counts.
    h.clock.advance(8 * 86400_000);
    expect(await expireClaims(h.runtime)).toBe(1);
    expect(figures('huazhong', H2)).toEqual({ met: 1, byOrg: { org1: 1 }, byGrid: { huazhongg1: 1 } });
    await expectTrue(['demo-member', 'seed-m3']);
    // A wish given up counts no more either; one fulfilled and confirmed counts (and brings its service).
    const again = await openWish();
    ok(await h.call('wish', 'seed-m3', 'claimWish', { wishId: again }));
    expect(figures('huazhong', H2).met).toBe(2);
    ok(await h.call('wish', 'seed-m3', 'giveUpWish', { wishId: again }));
    expect(figures('huazhong', H2).met).toBe(1);
    await expectTrue(['demo-member', 'seed-m3']);
    ok(await h.call('wish', 'seed-m3', 'claimWish', { wishId: again }));
    ok(await h.call('wish', 'seed-m3', 'fulfilWish', { wishId: again, note: '已修好' }));
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId: again, fulfilled: true }));
    expect(figures('huazhong', H2).met).toBe(2);
    await expectTrue(['demo-member', 'seed-m3']);
  });

  test('a claim in the first half and a service in the second do not meet the rule; the service corrected into the first half does, removed it does not', async () => {
    h.clock.set('2026-06-30T14:30:00.000Z'); // 22:30 Beijing, 30 June
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0, 3)));
    const { token } = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    );
    const attendance = ok(await h.call('checkin', 'demo-member', 'checkIn', { token })).attendance;
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId: await newPost() }));
    h.clock.set('2026-06-30T17:00:00.000Z'); // 01:00 Beijing, 1 July
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token }));
    const first = new Date('2026-06-30T15:00:00.000Z');
    expect(halfKey(first)).toBe('2026H1');
    expect(figures('huazhong', '2026H1').met).toBe(0);
    expect(figures('huazhong', H2).met).toBe(0);
    expect(await memberHalfYear(h.store, 'demo-member', first)).toMatchObject({ services: 0, claims: 1 });
    await expectTrue(['demo-member'], first);
    await expectTrue(['demo-member']);
    const correct = (checkOutAt: string) =>
      h.call('checkin', 'demo-station', 'correctCheckOut', { attendanceId: attendance.id, checkOutAt, note: '更正' });
    ok(await correct('2026-06-30T15:50:00.000Z')); // 23:50 Beijing, 30 June
    expect(figures('huazhong', '2026H1')).toEqual({ met: 1, byOrg: { org1: 1 }, byGrid: { huazhongg1: 1 } });
    expect(figures('huazhong', H2).met).toBe(0);
    await expectTrue(['demo-member'], first);
    await expectTrue(['demo-member']);
    // Ten minutes is not a service: the record goes, and with it the half.
    ok(await correct('2026-06-30T14:40:00.000Z'));
    expect(h.store.dump('services')).toEqual([]);
    expect(figures('huazhong', '2026H1').met).toBe(0);
    await expectTrue(['demo-member'], first);
  });

  test('a confirmed service corrected keeps counting, in the half of its new date', async () => {
    const { attendance } = await serve('demo-member', 90);
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId: await newPost() }));
    const service = h.store.dump('services')[0] as { _id: string };
    ok(await h.call('points', 'demo-station', 'reviewServices', { serviceIds: [service._id], decision: 'confirm' }));
    expect(figures('huazhong', H2).met).toBe(1);
    // Ten minutes: no longer a service, but a confirmed record stays (its points taken back), and still counts.
    const checkOutAt = new Date(Date.parse(attendance.checkInAt) + 10 * 60_000).toISOString();
    ok(
      await h.call('checkin', 'demo-station', 'correctCheckOut', {
        attendanceId: attendance.id,
        checkOutAt,
        note: '更正',
      }),
    );
    expect(figures('huazhong', H2).met).toBe(1);
    await expectTrue(['demo-member']);
  });

  test('a member moving community takes their met half-year along, to the new grid and organisation', async () => {
    await serve('demo-member');
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId: await newPost() }));
    expect(figures('huazhong', H2).met).toBe(1);
    await h.store.insert('grants', {
      _id: 'x~stationAdmin',
      openid: 'station-xiaosu',
      role: 'stationAdmin',
      scope: 'community',
      scopeId: 'xiaosu',
      grantedBy: 't',
      at: 't',
    });
    const report = ok(
      await h.call('checkin', 'demo-member', 'submitReport', {
        token: h.token('xiaosu'),
        ...validReport,
        orgId: 'org2',
        unitId: 'xiaosug2u1',
      }),
    ).report;
    // Until the new community approves, the member counts where they are.
    expect(figures('huazhong', H2).met).toBe(1);
    await expectTrue(['demo-member']);
    ok(await h.call('checkin', 'station-xiaosu', 'reviewReport', { reportId: report.id, decision: 'approve' }));
    expect(figures('huazhong', H2)).toEqual({ met: 0, byOrg: {}, byGrid: {} });
    expect(figures('xiaosu', H2)).toEqual({ met: 1, byOrg: { org2: 1 }, byGrid: { xiaosug2: 1 } });
    expect([orgFigure('org1', H2), orgFigure('org2', H2)]).toEqual([0, 1]);
    await expectTrue(['demo-member']);
  });

  test('a person not yet approved keeps a tally but counts in no community until their 报到 is approved', async () => {
    // A member whose 报到 is not on record (a person and a member grant written straight in, as older data may be).
    await h.store.insert('people', {
      _id: 'm-unplaced',
      name: '未报到',
      phone: null,
      communityId: 'huazhong',
      orgId: 'org1',
      unitId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    await h.store.insert('grants', {
      _id: 'm-unplaced~member',
      openid: 'm-unplaced',
      role: 'member',
      scope: 'community',
      scopeId: 'huazhong',
      grantedBy: 't',
      at: 't',
    });
    await serve('m-unplaced');
    ok(await h.call('checkin', 'm-unplaced', 'claimPost', { postId: await newPost() }));
    expect(figures('huazhong', H2).met).toBe(0);
    await expectTrue(['m-unplaced']);
    const report = ok(
      await h.call('checkin', 'm-unplaced', 'submitReport', { token: h.token('huazhong'), ...validReport }),
    ).report;
    ok(await h.call('checkin', 'demo-station', 'reviewReport', { reportId: report.id, decision: 'approve' }));
    expect(figures('huazhong', H2)).toEqual({ met: 1, byOrg: { org1: 1 }, byGrid: { huazhongg1: 1 } });
    await expectTrue(['m-unplaced']);
  });

  test('注销 moves the tally to the pseudonym; the community still counts the half the member met', async () => {
    const wishId = await openWish();
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已修好' }));
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true }));
    expect(figures('huazhong', H2).met).toBe(1);
    ok(await h.call('org', 'demo-member', 'closeAccount', { confirm: CLOSE_CONFIRMATION }));
    expect(stats().find((d) => d._id === memberHalfId('demo-member'))).toBeUndefined();
    const moved = stats().filter((d) => d.kind === 'memberHalf' && String(d.openid).startsWith('gone~'));
    expect(moved).toEqual([
      expect.objectContaining({ homeCommunityId: 'huazhong', [`${H2}_services`]: 1, [`${H2}_claims`]: 1 }),
    ]);
    expect(JSON.stringify(stats())).not.toContain('demo-member');
    expect(figures('huazhong', H2).met).toBe(1);
    expect(await invariantProblems(h.store)).toEqual([]);
  });

  test('the half-year keys follow halfYearOf at its boundaries (Beijing time)', () => {
    const at = ['2026-06-30T15:59:59.000Z', '2026-06-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'];
    expect(at.map(halfKey)).toEqual(['2026H1', '2026H2', '2027H1']);
    expect(at.map((t) => halfYearOf(new Date(t)).label)).toEqual(['2026年上半年', '2026年下半年', '2027年上半年']);
  });
});
