import {
  activityInput,
  createHarness,
  errorCode,
  ok,
  reportAndWhistle,
  snapshot,
  wishInput,
} from '../../support/harness';

const HQ = { lat: 30.5146, lng: 117.0553 };

describe('设置: a community’s settings over the district’s defaults, in one place', () => {
  test('the station sets its rules; the next deadline, claim and activity follow them', async () => {
    const h = createHarness();
    const first = ok(await h.call('org', 'demo-station', 'settings', {}));
    expect(first).toMatchObject({ scope: 'community', scopeId: 'huazhong', scopeName: '华中社区' });
    expect(first.values).toMatchObject({
      deadlineRule: { kind: 'hours', hours: 72 },
      wishClaimDays: 7,
      remindHours: 12,
    });
    expect(first.sources.wishClaimDays).toBe('default');

    const saved = ok(
      await h.call('org', 'demo-station', 'saveSettings', {
        values: { deadlineRule: { kind: 'workdays', days: 3 }, remindHours: 6, wishClaimDays: 3, checkinRadiusM: 300 },
      }),
    );
    expect(saved.values).toMatchObject({ deadlineRule: { kind: 'workdays', days: 3 }, wishClaimDays: 3 });
    expect(saved.sources).toMatchObject({
      deadlineRule: 'community',
      wishClaimDays: 'community',
      pointsPerHour: 'default',
    });

    // A whistle on Thursday 26 November 2026, 10:00: Friday, Monday, Tuesday → due at the end of Tuesday 1 December.
    await reportAndWhistle(h);
    const whistle = h.store.dump('whistles')[0] as unknown as { deadlineAt: string; remindAt: string };
    expect(whistle.deadlineAt).toBe('2026-12-01T16:00:00.000Z');
    expect(whistle.remindAt).toBe('2026-12-01T10:00:00.000Z');

    const wishId = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id;
    ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId, decision: 'approve' }));
    const claimed = ok(await h.call('wish', 'demo-member', 'claimWish', { wishId })).wish;
    expect(claimed.claimExpiresAt).toBe(new Date(h.clock.now().getTime() + 3 * 86400_000).toISOString());

    const activity = ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, HQ))).activity;
    expect(activity.radiusM).toBe(300);
    // Without a place on the map there is nothing to measure from.
    expect(ok(await h.call('checkin', 'demo-station', 'createActivity', activityInput(h))).activity.radiusM).toBeNull();

    const audits = h.store.dump('audit').filter((a) => a.action === 'settings.community');
    expect(audits).toEqual([expect.objectContaining({ actor: 'demo-station', entityId: 'huazhong', before: null })]);
  });

  test('the district sets defaults every community without its own follows; null gives a setting back', async () => {
    const h = createHarness();
    const district = ok(
      await h.call('org', 'demo-district', 'saveSettings', { values: { pointsPerHour: 20, wishPoints: 15 } }),
    );
    expect(district).toMatchObject({ scope: 'district', values: { pointsPerHour: 20 } });
    const station = ok(await h.call('org', 'demo-station', 'settings', {}));
    expect(station.values.pointsPerHour).toBe(20);
    expect(station.sources.pointsPerHour).toBe('district');
    expect(ok(await h.call('points', 'demo-station', 'pointsSettings', {})).pointsPerHour).toBe(20);
    expect(ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.points).toBe(15);

    ok(await h.call('org', 'demo-station', 'saveSettings', { values: { pointsPerHour: 12 } }));
    expect(ok(await h.call('org', 'demo-station', 'settings', {})).values.pointsPerHour).toBe(12);
    // The district reads and sets one of its communities too.
    const read = ok(await h.call('org', 'demo-district', 'settings', { communityId: 'huazhong' }));
    expect(read.sources).toMatchObject({ pointsPerHour: 'community', wishPoints: 'district' });
    const back = ok(
      await h.call('org', 'demo-district', 'saveSettings', {
        communityId: 'huazhong',
        values: { pointsPerHour: null },
      }),
    );
    expect(back.values.pointsPerHour).toBe(20);
    expect(back.sources.pointsPerHour).toBe('district');
  });

  test('bad values, other scopes and other roles are refused and change nothing', async () => {
    const h = createHarness();
    const before = await snapshot(h.store, ['communitySettings', 'audit']);
    const refused = async (values: object, field: string) => {
      const res = await h.call('org', 'demo-station', 'saveSettings', { values });
      expect(errorCode(res)).toBe('INPUT.INVALID');
      expect(Object.keys((!res.ok && res.error.fields) || {}).join()).toContain(field);
    };
    await refused({ deadlineRule: { kind: 'hours', hours: 10 } }, 'deadlineRule');
    await refused({ deadlineRule: { kind: 'workdays', days: 0 } }, 'deadlineRule');
    await refused({ deadlineRule: { kind: 'weeks', weeks: 1 } }, 'deadlineRule');
    await refused({ remindHours: 0 }, 'remindHours');
    await refused({ deadlineRule: { kind: 'hours', hours: 24 }, remindHours: 30 }, 'remindHours');
    await refused({ maxHoursPerRecord: 0.3 }, 'maxHoursPerRecord');
    await refused({ checkinRadiusM: 30 }, 'checkinRadiusM');
    await refused({ wishClaimDays: 1.5 }, 'wishClaimDays');
    await refused({ pointsPerHour: '10' }, 'pointsPerHour');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'saveSettings', { communityId: 'xiaosu', values: { wishClaimDays: 5 } }),
      ),
    ).toBe('AUTH.OUT_OF_SCOPE');
    expect(errorCode(await h.call('org', 'demo-district', 'settings', { communityId: 'nowhere' }))).toBe('NOT_FOUND');
    expect(errorCode(await h.call('org', 'demo-member', 'settings', {}))).toBe('AUTH.FORBIDDEN');
    expect(errorCode(await h.call('org', 'demo-grid', 'saveSettings', { values: {} }))).toBe('AUTH.FORBIDDEN');
    expect(await snapshot(h.store, ['communitySettings', 'audit'])).toBe(before);
  });
});
