import { seedPoints } from '../../support/seed';
import { createHarness, errorCode, ok, problemInput, wishInput, type Harness } from '../../support/harness';

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
