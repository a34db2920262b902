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
