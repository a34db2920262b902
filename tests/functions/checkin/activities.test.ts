import { verifyBalances } from '../../../cloudfunctions/points/ledger';
import { activityToken } from '../../../cloudfunctions/core/runtime/codes';
import {
  activityInput,
  addMembers,
  createHarness,
  errorCode,
  ok,
  snapshot,
  TEST_SECRET,
  type Harness,
} from '../../support/harness';

const HQ = { lat: 30.5087, lng: 117.0436 };

describe('activities: codes, check-in and check-out', () => {
  let h: Harness;
  let activityId: string;
  const code = async (mode: 'rotating' | 'fixed' = 'rotating') =>
    ok(await h.call('checkin', 'demo-station', 'activityCode', { activityId, mode })).token as string;
  beforeEach(async () => {
    h = createHarness();
    activityId = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h))).activity.id;
  });

  test('a member checks in on the rotating code, checks out later and sees the hours as a service record', async () => {
    const token = await code();
    expect(token.length).toBeLessThanOrEqual(32);
    h.clock.advance(15 * 60_000);
    const inRes = ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() }));
    expect(inRes).toMatchObject({ changed: true, attendance: { name: '张明', checkOutAt: null, hours: null } });
    h.clock.advance(100 * 60_000);
    const out = ok(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }));
    expect(out).toMatchObject({ changed: true, attendance: { hours: 1.5 } });
    const again = ok(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }));
    expect(again.changed).toBe(false);
    expect(h.store.dump('services')).toEqual([
      expect.objectContaining({ openid: 'demo-member', source: 'activity', hours: 1.5, status: 'pending' }),
    ]);
    const mine = ok(await h.call('checkin', 'demo-member', 'myService', {}));
    expect(mine).toMatchObject({ totalHours: 1.5, halfYear: { label: '2026年下半年', services: 1 } });
    expect(h.store.dump('audit').map((a) => a.action)).toEqual(
      expect.arrayContaining(['attendance.checkIn', 'attendance.checkOut']),
    );
  });

  /** Issue 12, defect 8: a check-out moments after the check-in is not a service. */
  test('an attendance shorter than the minimum (30 minutes by default) is kept but is not a service', async () => {
    h.clock.advance(15 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() }));
    h.clock.advance(10 * 60_000);
    const out = ok(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }));
    expect(out).toMatchObject({ changed: true, attendance: { hours: 0 } });
    expect(h.store.dump('services')).toEqual([]);
    const mine = ok(await h.call('checkin', 'demo-member', 'myService', {}));
    expect(mine).toMatchObject({ totalHours: 0, halfYear: { services: 0 } });
    expect(
      ok(await h.call('checkin', 'demo-member', 'activityDetail', { activityId })).activity.minAttendanceMinutes,
    ).toBe(30);
  });

  test('a forged, altered or unknown code is invalid; a rotating code older than the grace period has expired', async () => {
    const token = await code();
    for (const bad of [
      token.slice(0, -3) + 'abc',
      token.replace(activityId, 'zzzzzzzzzz'),
      activityToken('wrong', { activityId, mode: 'fixed', slot: null }),
      activityToken(TEST_SECRET, { activityId: 'aaaaaaaaaa', mode: 'fixed', slot: null }),
    ]) {
      expect(errorCode(await h.call('checkin', 'demo-member', 'checkIn', { token: bad }))).toBe(
        'CHECKIN.ACTIVITY_CODE_INVALID',
      );
    }
    h.clock.advance(10 * 60_000);
    expect(errorCode(await h.call('checkin', 'demo-member', 'checkIn', { token }))).toBe(
      'CHECKIN.ACTIVITY_CODE_EXPIRED',
    );
    expect(h.store.dump('attendance')).toHaveLength(0);
  });

  test('a fixed printed code works for the whole window; check-in outside the window is refused', async () => {
    const fixed = await code('fixed');
    h.clock.advance(-30 * 60_000);
    expect(errorCode(await h.call('checkin', 'demo-member', 'checkIn', { token: fixed }))).toBe('CHECKIN.NOT_STARTED');
    h.clock.advance(30 * 60_000 + 3 * 3600_000);
    expect(errorCode(await h.call('checkin', 'demo-member', 'checkIn', { token: fixed }))).toBe('CHECKIN.ENDED');
    h.clock.advance(-2 * 3600_000);
    expect(ok(await h.call('checkin', 'demo-member', 'checkIn', { token: fixed })).changed).toBe(true);
  });

  test('with a radius, a scan from too far is refused with the distance; without a location it asks for one', async () => {
    const near = ok(
      await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, { ...HQ, radiusM: 200 }, 0)),
    ).activity.id;
    const token = ok(
      await h.call('checkin', 'demo-station', 'activityCode', { activityId: near, mode: 'fixed' }),
    ).token;
    const far = await h.call('checkin', 'demo-member', 'checkIn', { token, lat: HQ.lat + 0.01, lng: HQ.lng });
    expect(errorCode(far)).toBe('CHECKIN.TOO_FAR');
    expect(far.ok ? '' : far.error.message).toBe('您距离活动地点约1112米，超出签到范围（200米）');
    expect(errorCode(await h.call('checkin', 'demo-member', 'checkIn', { token }))).toBe('CHECKIN.LOCATION_REQUIRED');
    expect(
      ok(await h.call('checkin', 'demo-member', 'checkIn', { token, lat: HQ.lat + 0.001, lng: HQ.lng })).changed,
    ).toBe(true);
  });

  test('300 members checking in at once: 300 attendances, no duplicates, no errors', async () => {
    const members = addMembers(h, 300);
    h.clock.advance(10 * 60_000);
    const token = await code();
    const results = await Promise.all(
      [...members, ...members.slice(0, 50)].map((m) => h.call('checkin', m, 'checkIn', { token })),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(h.store.dump('attendance')).toHaveLength(300);
    expect(results.filter((r) => r.ok && (r.data as { changed: boolean }).changed)).toHaveLength(300);
  });

  test('the organiser sees the list, fixes a forgotten check-out with a note, and closes the activity', async () => {
    h.clock.advance(10 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() }));
    h.clock.advance(6 * 3600_000);
    expect(errorCode(await h.call('checkin', 'demo-member', 'checkOut', { token: await code('fixed') }))).toBe(
      'CHECKIN.CHECKOUT_CLOSED',
    );
    const list = ok(await h.call('checkin', 'demo-station', 'activityAttendance', { activityId }));
    expect(list.items).toEqual([expect.objectContaining({ name: '张明', checkOutAt: null })]);
    const checkOutAt = new Date(Date.parse(list.items[0].checkInAt) + 2 * 3600_000).toISOString();
    const fixed = ok(
      await h.call('checkin', 'demo-station', 'correctCheckOut', {
        attendanceId: list.items[0].id,
        checkOutAt,
        note: '忘记签退，现场确认',
      }),
    );
    expect(fixed.attendance).toMatchObject({ hours: 2, corrected: true, correctionNote: '忘记签退，现场确认' });
    expect(h.store.dump('attendance')[0]).toMatchObject({
      correction: { by: 'demo-station', note: '忘记签退，现场确认', previous: null },
    });
    expect(h.store.dump('services')[0]).toMatchObject({ hours: 2 });
    expect(ok(await h.call('checkin', 'demo-station', 'closeActivity', { activityId }))).toMatchObject({
      changed: true,
      activity: { status: 'closed' },
    });
    expect(errorCode(await h.call('checkin', 'demo-station', 'activityCode', { activityId }))).toBe(
      'CHECKIN.ACTIVITY_CLOSED',
    );
  });

  /** Issue 12, defect 3: service, ledger and balance agree after a check-out corrected once the hours were credited. */
  test('a check-out corrected after the hours were credited posts an adjusting entry; the service stays confirmed', async () => {
    h.clock.advance(10 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() }));
    h.clock.advance(2 * 3600_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }));
    const service = h.store.dump('services')[0]!;
    const first = ok(
      await h.call('points', 'demo-station', 'reviewServices', { serviceIds: [service._id], decision: 'confirm' }),
    );
    expect(first.results[0]).toMatchObject({ ok: true, points: 20 });
    const attendance = h.store.dump('attendance')[0]!;
    const checkOutAt = new Date(Date.parse(String(attendance.checkInAt)) + 30 * 60_000).toISOString();
    ok(
      await h.call('checkin', 'demo-station', 'correctCheckOut', {
        attendanceId: attendance._id,
        checkOutAt,
        note: '实际只服务半小时',
      }),
    );
    expect(h.store.dump('services')[0]).toMatchObject({ status: 'confirmed', hours: 0.5, credited: 5 });
    const ledger = h.store
      .dump('ledger')
      .filter((e) => e.ref === service._id)
      .sort((a, b) => Number(a.seq) - Number(b.seq));
    expect(ledger.map((e) => e.amount)).toEqual([20, -15]);
    expect(ok(await h.call('points', 'demo-member', 'myPoints', {})).balance).toBe(5);
    const again = ok(
      await h.call('points', 'demo-station', 'reviewServices', { serviceIds: [service._id], decision: 'confirm' }),
    );
    expect(again.results[0]).toMatchObject({ ok: false, code: 'POINTS.ALREADY_REVIEWED' });
    expect(await verifyBalances(h)).toMatchObject({ mismatches: [] });
  });

  test('a correction that would take back points already spent is refused, and writes nothing', async () => {
    h.clock.advance(10 * 60_000);
    ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() }));
    h.clock.advance(2 * 3600_000);
    ok(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }));
    const service = h.store.dump('services')[0]!;
    ok(await h.call('points', 'demo-station', 'reviewServices', { serviceIds: [service._id], decision: 'confirm' }));
    ok(await h.call('points', 'demo-member', 'redeem', { itemId: 'demoitem01', requestId: 'spend-0001-abc' }));
    const attendance = h.store.dump('attendance')[0]!;
    const before = await snapshot(h.store, ['attendance', 'services', 'ledger', 'accounts', 'audit']);
    const checkOutAt = new Date(Date.parse(String(attendance.checkInAt)) + 30 * 60_000).toISOString();
    const refused = await h.call('checkin', 'demo-station', 'correctCheckOut', {
      attendanceId: attendance._id,
      checkOutAt,
      note: '实际只服务半小时',
    });
    expect(errorCode(refused)).toBe('POINTS.INSUFFICIENT');
    expect(await snapshot(h.store, ['attendance', 'services', 'ledger', 'accounts', 'audit'])).toBe(before);
  });

  test('a correction before the check-in or in the future is refused', async () => {
    h.clock.advance(10 * 60_000);
    const att = ok(await h.call('checkin', 'demo-member', 'checkIn', { token: await code() })).attendance;
    for (const checkOutAt of ['2026-11-26T01:00:00.000Z', '2027-01-01T00:00:00.000Z']) {
      expect(
        errorCode(
          await h.call('checkin', 'demo-station', 'correctCheckOut', {
            attendanceId: att.id,
            checkOutAt,
            note: '补签',
          }),
        ),
      ).toBe('INPUT.INVALID');
    }
  });

  test('checking out without checking in is refused', async () => {
    h.clock.advance(10 * 60_000);
    expect(errorCode(await h.call('checkin', 'demo-member', 'checkOut', { token: await code() }))).toBe(
      'CHECKIN.NOT_CHECKED_IN',
    );
  });

  test('members sign up while places remain; only members of the community', async () => {
    const small = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, { capacity: 1 })))
      .activity.id;
    expect(ok(await h.call('checkin', 'demo-member', 'signUp', { activityId: small }))).toMatchObject({
      changed: true,
      activity: { signed: 1, mySignUp: true },
    });
    expect(ok(await h.call('checkin', 'demo-member', 'signUp', { activityId: small })).changed).toBe(false);
    const [second] = addMembers(h, 1);
    expect(errorCode(await h.call('checkin', second as string, 'signUp', { activityId: small }))).toBe(
      'CHECKIN.ACTIVITY_FULL',
    );
    const [outsider] = addMembers(h, 1, 'xiaosu', 'x');
    expect(errorCode(await h.call('checkin', outsider as string, 'signUp', { activityId }))).toBe('AUTH.NOT_A_MEMBER');
    expect(errorCode(await h.call('checkin', outsider as string, 'checkIn', { token: await code('fixed') }))).toBe(
      'AUTH.NOT_A_MEMBER',
    );
  });

  test('members see upcoming activities of their community', async () => {
    const list = ok(await h.call('checkin', 'demo-member', 'listActivities', {}));
    // The demo activity started ten minutes before the clock; ours starts in ten minutes.
    expect(list.items.map((a: { id: string }) => a.id)).toEqual(['demoactv01', activityId]);
    expect(
      ok(await h.call('checkin', 'demo-district', 'listActivities', { communityId: 'huazhong' })).items,
    ).toHaveLength(2);
    expect(
      ok(await h.call('checkin', 'demo-district', 'listActivities', { communityId: 'xiaosu' })).items,
    ).toHaveLength(0);
    expect(errorCode(await h.call('checkin', 'demo-station', 'listActivities', { communityId: 'xiaosu' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
  });

  test.each([
    ['activityCode', 'demo-member'],
    ['activityCode', 'demo-orgadmin'],
    ['activityCode', 'demo-district'],
    ['createActivity', 'demo-member'],
    ['createActivity', 'demo-unitleader'],
    ['createActivity', 'demo-department'],
    ['checkIn', 'demo-station'],
    ['checkIn', 'demo-resident'],
    ['checkIn', 'demo-newmember'],
    ['correctCheckOut', 'demo-member'],
    ['correctCheckOut', 'demo-district'],
    ['closeActivity', 'demo-member'],
    ['activityAttendance', 'demo-member'],
    ['orgHalfYear', 'demo-member'],
    ['myService', 'demo-station'],
  ])('%s is refused to %s', async (action, openid) => {
    const before = await snapshot(h.store, ['activities', 'attendance', 'audit']);
    const data = {
      activityId,
      mode: 'fixed',
      token: 'Afaaaaaaaaaa.aaaaaaaaaaaa',
      attendanceId: 'x',
      checkOutAt: '2026-11-26T03:00:00.000Z',
      note: '补签原因',
      ...activityInput(h),
    };
    expect(errorCode(await h.call('checkin', openid, action, data))).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store, ['activities', 'attendance', 'audit'])).toBe(before);
  });

  test('a grid secretary may not run another grid’s activity', async () => {
    const grid2 = ok(
      await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, { gridId: 'huazhongg2' })),
    ).activity.id;
    expect(errorCode(await h.call('checkin', 'demo-grid', 'activityCode', { activityId: grid2 }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(errorCode(await h.call('checkin', 'demo-grid', 'activityCode', { activityId }))).toBe('AUTH.OUT_OF_SCOPE');
    const own = ok(await h.call('checkin', 'demo-grid', 'createActivity', activityInput(h))).activity.id;
    expect(ok(await h.call('checkin', 'demo-grid', 'activityCode', { activityId: own })).token).toBeTruthy();
  });

  test.each([
    [{ endAt: '2026-11-26T01:00:00.000Z' }, 'endAt'],
    [{ startAt: 'tomorrow' }, 'startAt'],
    [{ radiusM: 300 }, 'radiusM'],
    [{ capacity: -1 }, 'capacity'],
    [{ title: '' }, 'title'],
  ])('bad activity input %p is refused on %s', async (patch, field) => {
    const res = await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, patch));
    expect(errorCode(res)).toBe('INPUT.INVALID');
    expect(res.ok ? {} : res.error.fields).toHaveProperty(field);
  });
});

describe('activityDetail', () => {
  test('members and managers read it; managers are told they can manage; outsiders are refused', async () => {
    const h = createHarness();
    const { activity } = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h)));
    expect(ok(await h.call('checkin', 'demo-member', 'activityDetail', { activityId: activity.id }))).toMatchObject({
      canManage: false,
      mine: null,
      activity: { title: activity.title },
    });
    expect(ok(await h.call('checkin', 'demo-station', 'activityDetail', { activityId: activity.id })).canManage).toBe(
      true,
    );
    expect(ok(await h.call('checkin', 'demo-grid', 'activityDetail', { activityId: activity.id })).canManage).toBe(
      false,
    );
    const [outsider] = addMembers(h, 1, 'xiaosu', 'x');
    expect(errorCode(await h.call('checkin', outsider as string, 'activityDetail', { activityId: activity.id }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(errorCode(await h.call('checkin', 'demo-resident', 'activityDetail', { activityId: activity.id }))).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});

/** Issue 12, defect 10: an activity of 09:00–11:00 looked at 13:34 is over, whatever its status. */
test('an activity shows the phase the clock gives it', async () => {
  const h = createHarness();
  h.clock.set('2026-11-27T05:34:00.000Z'); // 13:34 Beijing
  const past = {
    title: '楼道清洁',
    place: '华中社区',
    capacity: 20,
    startAt: '2026-11-27T01:00:00.000Z',
    endAt: '2026-11-27T03:00:00.000Z',
  };
  const created = ok(await h.call('checkin', 'demo-station', 'createActivity', past)).activity;
  expect(created).toMatchObject({ status: 'open', phase: 'ended' });
  const later = ok(
    await h.call('checkin', 'demo-station', 'createActivity', {
      ...past,
      startAt: '2026-11-28T01:00:00.000Z',
      endAt: '2026-11-28T03:00:00.000Z',
    }),
  ).activity;
  expect(later.phase).toBe('upcoming');
  h.clock.set('2026-11-28T02:00:00.000Z');
  expect(ok(await h.call('checkin', 'demo-station', 'activityDetail', { activityId: later.id })).activity.phase).toBe(
    'ongoing',
  );
});
