import { createHarness, errorCode, ok, snapshot, validReport, type Harness } from '../../support/harness';

describe('checkin.submitReport', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));

  const submit = (openid: string | null, data: object) => h.call('checkin', openid, 'submitReport', data);

  test('a new member reports to the community on the code: pending, audited, own phone visible', async () => {
    const data = ok(await submit('demo-newmember', { token: h.token('huazhong'), ...validReport }));
    expect(data.changed).toBe(true);
    expect(data.report).toMatchObject({
      status: 'pending',
      communityName: '华中社区',
      orgName: '区财政局机关党支部',
      unitName: '01栋1单元',
      phone: '13912345678',
    });
    const audit = h.store.dump('audit').filter((a) => a.entityId === data.report.id);
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'demo-newmember', action: 'report.submit', before: null }),
    ]);
  });

  test('submitting again changes nothing (idempotent)', async () => {
    const input = { token: h.token('huazhong'), ...validReport };
    ok(await submit('demo-newmember', input));
    const before = await snapshot(h.store);
    h.clock.advance(60_000);
    const again = ok(await submit('demo-newmember', { ...input, name: '李小华' }));
    expect(again.changed).toBe(false);
    expect(again.report.name).toBe('李华');
    expect(await snapshot(h.store)).toBe(before);
  });

  test('concurrent double submissions create one report', async () => {
    const input = { token: h.token('huazhong'), ...validReport };
    const results = await Promise.all(Array.from({ length: 10 }, () => submit('demo-newmember', input)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.store.dump('reports').filter((r) => r.openid === 'demo-newmember')).toHaveLength(1);
    expect(results.filter((r) => r.ok && (r.data as { changed: boolean }).changed)).toHaveLength(1);
  });

  test.each([
    ['forged signature', (t: string) => t.slice(0, -4) + 'AAAA'],
    ['altered community', (t: string) => t.replace('huazhong', 'xiaosu')],
    ['not a token', () => 'hello-world-123'],
    ['unknown community, correctly signed', () => ''],
  ])('a %s is refused and nothing changes', async (_name, mutate) => {
    const token = mutate(h.token('huazhong')) || h.token('nowhere');
    const before = await snapshot(h.store);
    const res = await submit('demo-newmember', { token, ...validReport });
    expect(errorCode(res)).toBe('CHECKIN.CODE_INVALID');
    expect(await snapshot(h.store)).toBe(before);
  });

  test.each([
    [{ phone: '1391234567' }, 'phone'],
    [{ phone: '23912345678' }, 'phone'],
    [{ name: '李' }, 'name'],
    [{ name: '<script>' }, 'name'],
    [{ orgId: '' }, 'orgId'],
    [{ unitId: undefined }, 'unitId'],
  ])('bad input %p is refused with field %s and nothing changes', async (patch, field) => {
    const before = await snapshot(h.store);
    const res = await submit('demo-newmember', { token: h.token('huazhong'), ...validReport, ...patch });
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? {} : res.error.fields).toHaveProperty(field);
    expect(await snapshot(h.store)).toBe(before);
  });

  test('a unit of another community or an unknown organisation is refused', async () => {
    const token = h.token('huazhong');
    expect(errorCode(await submit('demo-newmember', { token, ...validReport, unitId: 'xiaosug1u1' }))).toBe(
      'CHECKIN.UNIT_NOT_IN_COMMUNITY',
    );
    expect(errorCode(await submit('demo-newmember', { token, ...validReport, orgId: 'org999' }))).toBe(
      'CHECKIN.ORG_UNKNOWN',
    );
    expect(h.store.dump('reports').filter((r) => r.openid === 'demo-newmember')).toHaveLength(0);
  });

  test('no identity is refused; identity in the event body is ignored', async () => {
    const res = await h.call('checkin', null, 'submitReport', {
      token: h.token('huazhong'),
      ...validReport,
      openid: 'demo-member',
      OPENID: 'demo-member',
    });
    expect(errorCode(res)).toBe('AUTH.UNAUTHENTICATED');
  });

  test('a rejected report can be submitted again and goes back to review', async () => {
    const first = ok(await submit('demo-newmember', { token: h.token('huazhong'), ...validReport }));
    ok(
      await h.call('checkin', 'demo-station', 'reviewReport', {
        reportId: first.report.id,
        decision: 'reject',
        reason: '单元填写错误',
      }),
    );
    const again = ok(
      await submit('demo-newmember', { token: h.token('huazhong'), ...validReport, unitId: 'huazhongg1u2' }),
    );
    expect(again).toMatchObject({ changed: true, report: { status: 'pending', unitName: '01栋2单元', reason: null } });
    const doc = h.store.dump('reports').find((r) => r._id === first.report.id) as unknown as {
      history: { to: string }[];
    };
    expect(doc.history.map((e) => e.to)).toEqual(['pending', 'rejected', 'pending']);
  });

  test('reporting to another community withdraws a pending report elsewhere', async () => {
    const first = ok(await submit('demo-newmember', { token: h.token('huazhong'), ...validReport }));
    ok(await submit('demo-newmember', { token: h.token('xiaosu'), ...validReport, unitId: 'xiaosug1u1' }));
    const mine = ok(await h.call('checkin', 'demo-newmember', 'myReports', {}));
    expect(mine.items.map((r: { communityName: string; status: string }) => [r.communityName, r.status])).toEqual([
      ['孝肃社区', 'pending'],
      ['华中社区', 'withdrawn'],
    ]);
    expect(first.report.id).not.toBe(mine.items[0].id);
  });
});
