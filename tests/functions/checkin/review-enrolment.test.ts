import { createHarness, errorCode, ok, snapshot, validReport, type Harness } from '../../support/harness';

describe('checkin.reviewReport', () => {
  let h: Harness;
  let reportId: string;
  beforeEach(async () => {
    h = createHarness();
    reportId = ok(
      await h.call('checkin', 'demo-newmember', 'submitReport', { token: h.token('huazhong'), ...validReport }),
    ).report.id;
  });
  const review = (openid: string, data: object) => h.call('checkin', openid, 'reviewReport', data);

  test('approval makes the person a member of the community, with a receipt and audit records', async () => {
    const res = ok(await review('demo-station', { reportId, decision: 'approve' }));
    expect(res.report).toMatchObject({ status: 'approved', reviewerName: '陈静', phone: '13912345678' });
    const me = ok(await h.call('org', 'demo-newmember', 'me', {}));
    expect(me).toMatchObject({ name: '李华', communityName: '华中社区' });
    expect(me.grants).toEqual([{ role: 'member', scope: 'community', scopeId: 'huazhong', scopeName: '华中社区' }]);
    const audit = h.store.dump('audit').map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['report.submit', 'report.approve', 'person.join']));
    const approveAudit = h.store.dump('audit').find((a) => a.action === 'report.approve');
    expect(approveAudit).toMatchObject({
      actor: 'demo-station',
      before: { status: 'pending' },
      after: { status: 'approved' },
      at: '2026-11-26T02:00:00.000Z',
    });
  });

  test('rejection needs a reason, which the member then sees', async () => {
    const before = await snapshot(h.store);
    const res = await review('demo-station', { reportId, decision: 'reject' });
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? null : res.error.fields).toEqual({ reason: '驳回时请填写原因' });
    expect(await snapshot(h.store)).toBe(before);
    ok(await review('demo-station', { reportId, decision: 'reject', reason: '请填写实际居住单元' }));
    const mine = ok(await h.call('checkin', 'demo-newmember', 'myReports', {}));
    expect(mine.items[0]).toMatchObject({ status: 'rejected', reason: '请填写实际居住单元' });
  });

  test.each([
    'demo-member',
    'demo-newmember',
    'demo-resident',
    'demo-unitleader',
    'demo-grid',
    'demo-department',
    'demo-orgadmin',
    'demo-district',
  ])('%s may not review', async (openid) => {
    const before = await snapshot(h.store);
    expect(errorCode(await review(openid, { reportId, decision: 'approve' }))).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store)).toBe(before);
  });

  test('a station admin of another community is out of scope', async () => {
    await h.store.insert('grants', {
      _id: 'x~stationAdmin',
      openid: 'station-xiaosu',
      role: 'stationAdmin',
      scope: 'community',
      scopeId: 'xiaosu',
      grantedBy: 't',
      at: 't',
    });
    const before = await snapshot(h.store);
    expect(errorCode(await review('station-xiaosu', { reportId, decision: 'approve' }))).toBe('AUTH.OUT_OF_SCOPE');
    expect(await snapshot(h.store)).toBe(before);
  });

  test('two reviews racing: exactly one wins, the other is told it was already reviewed', async () => {
    await h.store.insert('grants', {
      _id: 'y~stationAdmin',
      openid: 'station-2',
      role: 'stationAdmin',
      scope: 'community',
      scopeId: 'huazhong',
      grantedBy: 't',
      at: 't',
    });
    const results = await Promise.all([
      review('demo-station', { reportId, decision: 'approve' }),
      review('station-2', { reportId, decision: 'reject', reason: '重复' }),
      review('demo-station', { reportId, decision: 'approve' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CHECKIN.REPORT_ALREADY_REVIEWED')).toHaveLength(2);
    expect(
      h.store.dump('audit').filter((a) => a.action === 'report.approve' || a.action === 'report.reject'),
    ).toHaveLength(1);
  });

  test('an unknown report is not found; bad decision is invalid input', async () => {
    expect(errorCode(await review('demo-station', { reportId: 'nope', decision: 'approve' }))).toBe('NOT_FOUND');
    expect(errorCode(await review('demo-station', { reportId, decision: 'maybe' }))).toBe('INPUT.INVALID');
  });

  test('approval in a new community moves the member out of the old one', async () => {
    ok(await review('demo-station', { reportId, decision: 'approve' }));
    await h.store.insert('grants', {
      _id: 'x~stationAdmin',
      openid: 'station-xiaosu',
      role: 'stationAdmin',
      scope: 'community',
      scopeId: 'xiaosu',
      grantedBy: 't',
      at: 't',
    });
    const second = ok(
      await h.call('checkin', 'demo-newmember', 'submitReport', {
        token: h.token('xiaosu'),
        ...validReport,
        unitId: 'xiaosug2u1',
      }),
    );
    ok(await review('station-xiaosu', { reportId: second.report.id, decision: 'approve' }));
    const mine = ok(await h.call('checkin', 'demo-newmember', 'myReports', {}));
    expect(mine.items.map((r: { communityName: string; status: string }) => [r.communityName, r.status])).toEqual([
      ['孝肃社区', 'approved'],
      ['华中社区', 'moved'],
    ]);
    const me = ok(await h.call('org', 'demo-newmember', 'me', {}));
    expect(me.grants).toEqual([expect.objectContaining({ role: 'member', scopeId: 'xiaosu' })]);
  });
});
