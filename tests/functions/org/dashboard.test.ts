import { beijing } from '@shared/core/time';
import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { seedPoints } from '../../support/seed';
import {
  activityInput,
  createHarness,
  errorCode,
  ok,
  problemInput,
  reportAndWhistle,
  wishInput,
  type Harness,
} from '../../support/harness';

/**
 * Issue 16: the dashboards read the counters kept by the change step (never the records). Their figures equal
 * what the records say (the invariants also check every counter after every test), follow each change, and
 * each role reads only its own place.
 */

/** What the records of a community say, by state (the figures the dashboard must show). */
function byState(h: Harness, collection: string, communityId = 'huazhong'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of h.store.dump(collection).filter((d) => d.communityId === communityId))
    out[String(r.status)] = (out[String(r.status)] ?? 0) + 1;
  return out;
}

describe('统计看板', () => {
  test('the station’s figures equal its records and follow each change; this month’s entries count it', async () => {
    const h = createHarness();
    const first = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    expect(first).toMatchObject({ scope: 'community', name: '华中社区' });
    expect(first.communities).toHaveLength(1);
    expect(first.communities[0].report).toEqual(byState(h, 'reports'));
    expect(first.months).toHaveLength(12);
    expect(first.months.at(-1).month).toBe('2026-11');

    const wishId = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
    ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput));
    let now = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    expect(now.communities[0].wish).toEqual({ pending_review: 1 });
    expect(now.communities[0].problem).toEqual({ submitted: 1 });
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    now = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    expect(now.communities[0].wish).toEqual({ claimed: 1 });
    expect(now.communities[0].wish).toEqual(byState(h, 'wishes'));
    expect(now.communities[0].wishCompletion).toBe(0);
    // November's entries: posted (pending_review), approved (open), claimed.
    expect(now.months.at(-1).wish).toEqual({ pending_review: 1, open: 1, claimed: 1 });
    expect(now.months.at(-1).problem).toEqual({ submitted: 1 });
  });

  test('the district side by side, and one community on drill-down; others refused', async () => {
    const h = createHarness();
    ok(await h.call('wish', 'demo-resident', 'postWish', wishInput));
    const district = ok(await h.call('org', 'demo-district', 'dashboard', {}));
    expect(district.scope).toBe('district');
    expect(district.communities.map((c: { id: string }) => c.id).sort()).toEqual(
      h.store
        .dump('communities')
        .map((c) => c._id)
        .sort(),
    );
    const huazhong = district.communities.find((c: { id: string }) => c.id === 'huazhong');
    expect(huazhong.wish).toEqual({ pending_review: 1 });
    expect(district.months.at(-1).wish).toEqual({ pending_review: 1 });
    // The district's own figures: its communities added up.
    for (const kind of ['report', 'wish', 'problem'] as const) {
      const sum: Record<string, number> = {};
      for (const c of district.communities as Array<Record<string, Record<string, number>>>)
        for (const [k, v] of Object.entries(c[kind]!)) sum[k] = (sum[k] ?? 0) + v;
      expect(district.total[kind]).toEqual(sum);
    }
    const one = ok(await h.call('org', 'demo-district', 'dashboard', { communityId: 'xiaosu' }));
    expect(one).toMatchObject({ scope: 'community', name: '孝肃社区' });
    expect(errorCode(await h.call('org', 'demo-station', 'dashboard', { communityId: 'xiaosu' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(errorCode(await h.call('org', 'demo-district', 'dashboard', { communityId: 'nowhere' }))).toBe(
      'ORG.COMMUNITY_UNKNOWN',
    );
    for (const who of ['demo-member', 'demo-department', 'demo-orgadmin'])
      expect(errorCode(await h.call('org', who, 'dashboard', {}))).toBe('AUTH.FORBIDDEN');
  });

  test('grids, organisations and points: each equals its records; 报到率 over the members organisations declared', async () => {
    const h = createHarness();
    seedPoints(h.store, ['demo-member'], 40);
    ok(await h.call('wish', 'demo-resident', 'postWish', wishInput));
    ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput));
    const station = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    // Each grid of the community, its records by state.
    const grids = h.store.dump('grids').filter((g) => g.communityId === 'huazhong' && !g.retiredAt);
    expect(station.grids.map((g: { id: string }) => g.id).sort()).toEqual(grids.map((g) => g._id).sort());
    for (const g of station.grids as Array<{ id: string; report: object; wish: object; problem: object }>) {
      const of = (collection: string) => {
        const out: Record<string, number> = {};
        for (const r of h.store.dump(collection).filter((d) => d.gridId === g.id))
          out[String(r.status)] = (out[String(r.status)] ?? 0) + 1;
        return out;
      };
      expect([g.report, g.wish, g.problem]).toEqual([of('reports'), of('wishes'), of('problems')]);
    }
    expect(station.communities[0].points).toEqual({ issued: 40, redeemed: 0 });
    expect(station.months.at(-1).points).toEqual({ issued: 40, redeemed: 0 });
    expect(station.orgs).toEqual([]);

    // The district: each organisation's members' 报到 across its communities; 报到率 where it declared members.
    h.store.update('orgs', { _id: 'org1' }, { members: 4 });
    const district = ok(await h.call('org', 'demo-district', 'dashboard', {}));
    const count = (orgId: string, status: string) =>
      h.store.dump('reports').filter((r) => r.orgId === orgId && r.status === status).length;
    for (const o of district.orgs as Array<{ id: string; approved: number; pending: number }>)
      expect([o.approved, o.pending]).toEqual([count(o.id, 'approved'), count(o.id, 'pending')]);
    const org1 = district.orgs.find((o: { id: string }) => o.id === 'org1');
    expect(org1).toMatchObject({ members: 4, reportRate: (Math.min(count('org1', 'approved'), 4) / 4) * 100 });
    expect(district.orgs.filter((o: { members: number | null }) => o.members === null).length).toBe(
      district.orgs.length - 1,
    );
    expect(district.reportRate).toBe(org1.reportRate);
    expect(district.grids).toEqual([]);
    expect(district.months.at(-1).points).toEqual({ issued: 40, redeemed: 0 });
  });

  test('半年履责: a member who serves and claims counts for the community, its grid and organisation, and the organisation’s own', async () => {
    const h = createHarness();
    const station0 = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    expect(station0.halfYear).toBe('2026年下半年');
    expect(station0.total).toMatchObject({ halfYearMet: 0, halfYearRate: 0 });
    // demo-member serves (an activity, checked in and out) and claims a post.
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, {}, 0, 3)));
    const { token } = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: activity.id, mode: 'fixed' }),
    );
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token }));
    h.clock.advance(60 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token }));
    const post = {
      name: '垃圾分类督导员',
      duty: '督导垃圾分类',
      capacity: 5,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    };
    const postId = ok(await h.call('checkin', 'demo-station', 'createPost', post)).post.id;
    ok(await h.call('checkin', 'demo-member', 'claimPost', { postId }));
    // Activities, attendance and posts held, now and in the month.
    const held = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    const mine = {
      activities: h.store.dump('activities').filter((a) => a.communityId === 'huazhong').length,
      attended: h.store.dump('attendance').filter((a) => a.communityId === 'huazhong' && a.checkOutAt).length,
      posts: h.store.dump('postClaims').filter((c) => c.communityId === 'huazhong' && c.status === 'active').length,
    };
    expect(mine).toMatchObject({ attended: 1, posts: 1 });
    expect(held.total.checkin).toEqual(mine);
    const thisMonth = h.store
      .dump('activities')
      .filter((a) => a.communityId === 'huazhong' && beijing(String(a.startAt), 'YYYY-MM') === '2026-11').length;
    expect(held.months.at(-1).checkin).toEqual({ ...mine, activities: thisMonth });
    // The service it made, by state and (once confirmed) with its hours, in the month it was given.
    const byStatus = () => {
      const out: Record<string, number> = {};
      for (const x of h.store.dump('services').filter((d) => d.communityId === 'huazhong'))
        out[String(x.status)] = (out[String(x.status)] ?? 0) + 1;
      return out;
    };
    expect(ok(await h.call('org', 'demo-station', 'dashboard', {})).total.service).toEqual(byStatus());
    const [service] = h.store.dump('services');
    ok(await h.call('points', 'demo-station', 'reviewServices', { serviceIds: [service!._id], decision: 'confirm' }));
    const served = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    const hours = Number(h.store.dump('services')[0]!.hours);
    expect(hours).toBeGreaterThan(0);
    expect(served.total.service).toEqual({ ...byStatus(), hours });
    expect(served.months.at(-1).service).toEqual({ ...byStatus(), hours });
    expect(ok(await h.call('org', 'demo-district', 'dashboard', {})).total.service).toEqual({ ...byStatus(), hours });
    const approved = h.store
      .dump('reports')
      .filter((r) => r.communityId === 'huazhong' && r.status === 'approved').length;
    const station = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    expect(station.total).toMatchObject({ halfYearMet: 1, halfYearRate: Math.round((1 / approved) * 1000) / 10 });
    const member = h.store.dump('reports').find((r) => r.openid === 'demo-member' && r.status === 'approved')!;
    expect(station.grids.find((g: { id: string }) => g.id === member.gridId).halfYearMet).toBe(1);
    const district = ok(await h.call('org', 'demo-district', 'dashboard', {}));
    expect(district.total.halfYearMet).toBe(1);
    expect(district.orgs.find((o: { id: string }) => o.id === member.orgId).halfYearMet).toBe(1);
    expect(district.communities.find((c: { id: string }) => c.id === 'huazhong').halfYearMet).toBe(1);
    const org = ok(await h.call('org', 'demo-orgadmin', 'orgDashboard', {}));
    expect(org.halfYear).toMatchObject({ label: '2026年下半年', met: member.orgId === 'org1' ? 1 : 0 });
    // Releasing the only claim: no longer met, everywhere.
    ok(await h.call('checkin', 'demo-member', 'releasePost', { postId }));
    const released = ok(await h.call('org', 'demo-district', 'dashboard', {}));
    expect(released.total.halfYearMet).toBe(0);
    expect(released.total.checkin).toEqual({ activities: mine.activities, attended: 1 });
    expect(ok(await h.call('org', 'demo-orgadmin', 'orgDashboard', {})).halfYear.met).toBe(0);
  });

  test('吹哨逾期未反馈: whistles past their deadline with no feedback, for the community and the district', async () => {
    const h = createHarness();
    await reportAndWhistle(h, ['dept1', 'dept2']);
    expect(ok(await h.call('org', 'demo-station', 'dashboard', {})).overdueWhistles).toBe(0);
    h.clock.advance(72 * 3600_000);
    await whistleDeadlines(h.runtime);
    const overdue = h.store.dump('whistles').filter((w) => w.open && w.overdue).length;
    expect(overdue).toBe(2);
    expect(ok(await h.call('org', 'demo-station', 'dashboard', {})).overdueWhistles).toBe(overdue);
    expect(ok(await h.call('org', 'demo-district', 'dashboard', {})).overdueWhistles).toBe(overdue);
    expect(ok(await h.call('org', 'demo-district', 'dashboard', { communityId: 'xiaosu' })).overdueWhistles).toBe(0);
    // This month's whistles and the four rates, as 吹哨报到统计 counts them for the community.
    const stats = ok(await h.call('report', 'demo-district', 'problemStats', { month: '2026-11' }));
    const row = stats.communities.find((c: { id: string }) => c.id === 'huazhong');
    const { id: _id, name: _name, ...rates } = row;
    const station = ok(await h.call('org', 'demo-station', 'dashboard', {}));
    expect(station.whistles).toEqual({ month: '2026-11', ...rates });
    expect(station.whistles.whistled).toBe(2);
    const district = ok(await h.call('org', 'demo-district', 'dashboard', {}));
    expect(district.whistles).toEqual({ month: '2026-11', ...rates });
  });

  test('the organisation’s: its members’ 报到 and its pairing with this year’s visits', async () => {
    const h = createHarness();
    const before = ok(await h.call('org', 'demo-orgadmin', 'orgDashboard', {}));
    const count = (status: string) =>
      h.store.dump('reports').filter((r) => r.orgId === 'org1' && r.status === status).length;
    expect(before).toMatchObject({
      orgName: '区财政局机关党支部',
      reports: { pending: count('pending'), approved: count('approved') },
      pairing: null,
    });
    ok(
      await h.call('org', 'demo-district', 'issuePairingNotice', {
        requestId: 'notice-dash-01',
        title: '结对共建通知',
        date: '2026-11-26',
      }),
    );
    const after = ok(await h.call('org', 'demo-orgadmin', 'orgDashboard', {}));
    expect(after.pairing).toMatchObject({ orgId: 'org1', status: 'waiting', visits: 0 });
    expect(errorCode(await h.call('org', 'demo-station', 'orgDashboard', {}))).toBe('AUTH.FORBIDDEN');
  });
});
