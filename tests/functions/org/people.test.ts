import { inviteToken } from '../../../cloudfunctions/core/runtime/codes';
import { createHarness, errorCode, expectRace, ok, TEST_SECRET, type Harness } from '../../support/harness';

/**
 * Issue 15, part 1: people and roles in the app. The district appoints stations, departments' staff,
 * organisations' admins and its colleagues; a station its colleagues, grid secretaries and unit leaders.
 * Invitation codes: signed, expiring, one person each, approved by a granter over the same place.
 */

const grantsOf = (h: Harness, openid: string) =>
  h.store
    .dump('grants')
    .filter((g) => (g as unknown as { openid: string }).openid === openid)
    .map((g) => `${String(g.role)}:${String(g.scopeId)}`)
    .sort();

const audits = (h: Harness, action: string) => h.store.dump('audit').filter((a) => a.action === action);

/** A person who logged in and whose record exists (they reported once, or came by an invitation). */
function person(h: Harness, openid: string, name: string, phone: string, communityId: string | null = null) {
  h.store.insertMany('people', [
    { _id: openid, name, phone, communityId, orgId: null, unitId: null, createdAt: '2026-01-01T00:00:00.000Z' },
  ]);
}

describe('授予与撤销', () => {
  test('the district makes a station admin; it applies on the next call; the person is told; revoking takes it back', async () => {
    const h = createHarness();
    person(h, 'new-admin', '郑红', '13700001111');
    expect(errorCode(await h.call('checkin', 'new-admin', 'listReports', { status: 'pending' }))).toBe(
      'AUTH.FORBIDDEN',
    );
    const granted = ok(
      await h.call('org', 'demo-district', 'grantRole', {
        openid: 'new-admin',
        role: 'stationAdmin',
        scopeId: 'xiaosu',
      }),
    );
    expect(granted).toMatchObject({
      changed: true,
      holder: { name: '郑红', phone: '137****1111', role: 'stationAdmin', scopeName: '孝肃社区', revocable: true },
    });
    expect(grantsOf(h, 'new-admin')).toEqual(['stationAdmin:xiaosu']);
    expect(h.store.dump('grants').find((g) => g._id === 'new-admin~stationAdmin')).toMatchObject({
      districtId: 'yj',
      communityId: 'xiaosu',
      grantedBy: 'demo-district',
    });
    // The next call sees the role.
    ok(await h.call('checkin', 'new-admin', 'listReports', { status: 'pending' }));
    expect(ok(await h.call('org', 'new-admin', 'me', {})).grants).toEqual([
      { role: 'stationAdmin', scope: 'community', scopeId: 'xiaosu', scopeName: '孝肃社区' },
    ]);
    expect(h.store.dump('messages').filter((m) => m.to === 'new-admin')).toEqual([
      expect.objectContaining({
        title: '您有了新的身份',
        body: expect.stringContaining('「社区红领工作站」身份（孝肃社区）'),
      }),
    ]);
    // Twice: nothing new.
    expect(
      ok(
        await h.call('org', 'demo-district', 'grantRole', {
          openid: 'new-admin',
          role: 'stationAdmin',
          scopeId: 'xiaosu',
        }),
      ).changed,
    ).toBe(false);
    // The same role elsewhere is refused, not moved.
    const elsewhere = await h.call('org', 'demo-district', 'grantRole', {
      openid: 'new-admin',
      role: 'stationAdmin',
      scopeId: 'huazhong',
    });
    expect(errorCode(elsewhere)).toBe('ROLE.ALREADY_HELD');
    expect(elsewhere).toMatchObject({ error: { message: expect.stringContaining('孝肃社区') } });
    expect(audits(h, 'grant.add')).toHaveLength(1);

    const listed = ok(await h.call('org', 'demo-district', 'roleHolders', { role: 'stationAdmin' })).items;
    expect(listed.map((i: { openid: string }) => i.openid).sort()).toEqual(['demo-station', 'new-admin']);

    expect(
      ok(await h.call('org', 'demo-district', 'revokeRole', { openid: 'new-admin', role: 'stationAdmin' })),
    ).toEqual({ revoked: true });
    expect(grantsOf(h, 'new-admin')).toEqual([]);
    expect(errorCode(await h.call('checkin', 'new-admin', 'listReports', { status: 'pending' }))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(audits(h, 'grant.remove')).toEqual([
      expect.objectContaining({ actor: 'demo-district', entityId: 'new-admin~stationAdmin', after: null }),
    ]);
    expect(
      h.store
        .dump('messages')
        .filter((m) => m.to === 'new-admin')
        .map((m) => m.title),
    ).toEqual(['您有了新的身份', '您的身份已撤销']);
    // Twice: already gone.
    expect(
      errorCode(await h.call('org', 'demo-district', 'revokeRole', { openid: 'new-admin', role: 'stationAdmin' })),
    ).toBe('NOT_FOUND');
  });

  test('a station appoints unit leaders and grid secretaries of its own community only', async () => {
    const h = createHarness();
    person(h, 'neighbour', '冯梅', '13700002222', 'huazhong');
    ok(
      await h.call('org', 'demo-station', 'grantRole', {
        openid: 'neighbour',
        role: 'unitLeader',
        scopeId: 'huazhongg2u1',
      }),
    );
    expect(h.store.dump('grants').find((g) => g._id === 'neighbour~unitLeader')).toMatchObject({
      communityId: 'huazhong',
      districtId: 'yj',
    });
    // Another community's unit; a role the station does not give; the member role (reported, never appointed).
    const other = h.store.dump('units').find((u) => u.communityId === 'xiaosu')!._id;
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', {
          openid: 'neighbour',
          role: 'gridSecretary',
          scopeId: 'xiaosug1',
        }),
      ),
    ).toBe('AUTH.OUT_OF_SCOPE');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', { openid: 'neighbour', role: 'unitLeader', scopeId: other }),
      ),
    ).toBe('AUTH.OUT_OF_SCOPE');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', {
          openid: 'neighbour',
          role: 'unitLeader',
          scopeId: 'huazhongg1u3',
        }),
      ),
    ).toBe('ROLE.ALREADY_HELD');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', { openid: 'neighbour', role: 'department', scopeId: 'dept1' }),
      ),
    ).toBe('AUTH.FORBIDDEN');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', { openid: 'neighbour', role: 'member', scopeId: 'huazhong' }),
      ),
    ).toBe('AUTH.FORBIDDEN');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', {
          openid: 'nobody',
          role: 'unitLeader',
          scopeId: 'huazhongg1u3',
        }),
      ),
    ).toBe('ROLE.PERSON_UNKNOWN');
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'grantRole', {
          openid: 'neighbour',
          role: 'gridSecretary',
          scopeId: 'no-such-grid',
        }),
      ),
    ).toBe('NOT_FOUND');
    // The district sees the station's unit leaders; it does not remove them (the station does).
    const seen = ok(await h.call('org', 'demo-district', 'roleHolders', { role: 'unitLeader' })).items;
    expect(seen.find((i: { openid: string }) => i.openid === 'neighbour')).toMatchObject({ revocable: false });
    expect(
      errorCode(await h.call('org', 'demo-district', 'revokeRole', { openid: 'neighbour', role: 'unitLeader' })),
    ).toBe('AUTH.FORBIDDEN');
    // Nobody takes their own role away; a station does not remove the district.
    expect(
      errorCode(await h.call('org', 'demo-station', 'revokeRole', { openid: 'demo-station', role: 'stationAdmin' })),
    ).toBe('ROLE.SELF');
    expect(
      errorCode(await h.call('org', 'demo-station', 'revokeRole', { openid: 'demo-district', role: 'districtAdmin' })),
    ).toBe('AUTH.FORBIDDEN');
    // Roles the others cannot manage at all.
    for (const who of ['demo-member', 'demo-orgadmin', 'demo-department', 'demo-unitleader'])
      expect(
        errorCode(
          await h.call('org', who, 'grantRole', { openid: 'neighbour', role: 'unitLeader', scopeId: 'huazhongg1u3' }),
        ),
      ).toBe('AUTH.FORBIDDEN');
    expect(grantsOf(h, 'neighbour')).toEqual(['unitLeader:huazhongg2u1']);
  });

  test('search by name start or full phone, within the caller’s place; an organisation sees its members', async () => {
    const h = createHarness();
    person(h, 'p-xiaosu', '张丽', '13700003333', 'xiaosu');
    person(h, 'p-huazhong', '张伟', '13700004444', 'huazhong');
    const station = ok(await h.call('org', 'demo-station', 'findPeople', { q: '张' })).items;
    expect(station.map((p: { openid: string }) => p.openid)).toContain('p-huazhong');
    expect(station.map((p: { openid: string }) => p.openid)).not.toContain('p-xiaosu');
    const district = ok(await h.call('org', 'demo-district', 'findPeople', { q: '张' })).items;
    expect(district.map((p: { openid: string }) => p.openid)).toEqual(
      expect.arrayContaining(['p-huazhong', 'p-xiaosu']),
    );
    const byPhone = ok(await h.call('org', 'demo-district', 'findPeople', { q: '13700003333' })).items;
    expect(byPhone).toEqual([
      { openid: 'p-xiaosu', name: '张丽', phone: '137****3333', communityName: '孝肃社区', roles: [] },
    ]);
    expect(ok(await h.call('org', 'demo-station', 'findPeople', { q: '13700003333' })).items).toEqual([]);
    expect(ok(await h.call('org', 'demo-district', 'findPeople', { q: '' })).items).toEqual([]);
    const members = ok(await h.call('org', 'demo-orgadmin', 'findPeople', {})).items;
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((p: { phone: string | null }) => !p.phone || p.phone.includes('****'))).toBe(true);
    expect(errorCode(await h.call('org', 'demo-member', 'findPeople', { q: '张' }))).toBe('AUTH.FORBIDDEN');
  });

  test('what each granter may give, and over which places', async () => {
    const h = createHarness();
    const district = ok(await h.call('org', 'demo-district', 'grantOptions', {})).choices;
    expect(district.map((c: { role: string }) => c.role)).toEqual([
      'stationAdmin',
      'department',
      'orgAdmin',
      'districtAdmin',
    ]);
    expect(district[0].options.length).toBe(h.store.dump('communities').length);
    const station = ok(await h.call('org', 'demo-station', 'grantOptions', {})).choices;
    expect(station.map((c: { role: string }) => c.role)).toEqual(['gridSecretary', 'unitLeader', 'stationAdmin']);
    expect(station[1].options[0]).toMatchObject({ id: 'huazhongg1u1', group: expect.any(String) });
    expect(station[2].options).toEqual([{ id: 'huazhong', name: '华中社区', group: null }]);
  });
});

describe('邀请码', () => {
  async function invite(h: Harness, by = 'demo-district', role = 'stationAdmin', scopeId = 'xiaosu', days = 7) {
    return ok(
      await h.call('org', by, 'createInvite', { requestId: `req-${role}-${scopeId}-${days}`, role, scopeId, days }),
    );
  }

  test('made, scanned, asked, approved: the role is granted and both sides are told', async () => {
    const h = createHarness();
    const made = await invite(h);
    expect(made.token.length).toBeLessThanOrEqual(32);
    expect(made).toMatchObject({ page: 'pages/org/join/index', invite: { status: 'open', scopeName: '孝肃社区' } });
    // A retried request answers with the same code.
    expect((await invite(h)).token).toBe(made.token);
    expect(h.store.dump('invites')).toHaveLength(1);

    expect(ok(await h.call('org', 'newcomer', 'inviteInfo', { token: made.token }))).toMatchObject({
      role: 'stationAdmin',
      scopeName: '孝肃社区',
      state: 'open',
    });
    const asked = ok(
      await h.call('org', 'newcomer', 'requestInvite', { token: made.token, name: '钱芳', phone: '13700005555' }),
    );
    expect(asked).toMatchObject({ state: 'mine', status: 'requested' });
    expect(h.store.dump('messages').filter((m) => m.to === 'demo-district')).toEqual([
      expect.objectContaining({ title: '新的身份申请', link: expect.stringContaining('tab=invites') }),
    ]);
    // Asking again answers the same; nobody else may use it.
    expect(
      ok(await h.call('org', 'newcomer', 'requestInvite', { token: made.token, name: '钱芳', phone: '13700005555' }))
        .state,
    ).toBe('mine');
    expect(
      errorCode(
        await h.call('org', 'someone', 'requestInvite', { token: made.token, name: '孙某', phone: '13700006666' }),
      ),
    ).toBe('INVITE.USED');

    const todo = ok(await h.call('org', 'demo-district', 'todo', {})).items;
    expect(todo.find((i: { key: string }) => i.key === 'invite.decide')).toMatchObject({
      count: 1,
      page: 'pages/org/people/index?tab=invites',
    });
    const listed = ok(await h.call('org', 'demo-district', 'invites', { status: 'requested' })).items;
    expect(listed).toEqual([
      expect.objectContaining({ id: made.invite.id, requester: { name: '钱芳', phone: '137****5555' } }),
    ]);
    // A station does not decide the district's invitations.
    expect(
      errorCode(await h.call('org', 'demo-station', 'decideInvite', { inviteId: made.invite.id, decision: 'approve' })),
    ).toBe('AUTH.OUT_OF_SCOPE');
    const approved = ok(
      await h.call('org', 'demo-district', 'decideInvite', { inviteId: made.invite.id, decision: 'approve' }),
    );
    expect(approved.invite.status).toBe('approved');
    expect(grantsOf(h, 'newcomer')).toEqual(['stationAdmin:xiaosu']);
    expect(h.store.dump('people').find((p) => p._id === 'newcomer')).toMatchObject({
      name: '钱芳',
      phone: '13700005555',
      communityId: null,
    });
    expect(
      h.store
        .dump('messages')
        .filter((m) => m.to === 'newcomer')
        .map((m) => m.title),
    ).toEqual(['身份申请已通过']);
    ok(await h.call('checkin', 'newcomer', 'listReports', { status: 'pending' }));
    expect(audits(h, 'grant.add')).toEqual([
      expect.objectContaining({ actor: 'demo-district', entityId: 'newcomer~stationAdmin' }),
    ]);
    expect(audits(h, 'invite.approve')).toHaveLength(1);
    // Twice: it was decided.
    expect(
      errorCode(
        await h.call('org', 'demo-district', 'decideInvite', { inviteId: made.invite.id, decision: 'approve' }),
      ),
    ).toBe('INVITE.BAD_STATE');

    // The new station admin invites a unit leader in turn, and rejects a request with a reason.
    const unit = h.store.dump('units').find((u) => u.communityId === 'xiaosu')!._id;
    const second = await invite(h, 'newcomer', 'unitLeader', unit);
    ok(await h.call('org', 'resident-2', 'requestInvite', { token: second.token, name: '林涛', phone: '13700007777' }));
    expect(
      errorCode(await h.call('org', 'newcomer', 'decideInvite', { inviteId: second.invite.id, decision: 'reject' })),
    ).toBe('INPUT.INVALID');
    ok(
      await h.call('org', 'newcomer', 'decideInvite', {
        inviteId: second.invite.id,
        decision: 'reject',
        reason: '不是本单元居民',
      }),
    );
    expect(grantsOf(h, 'resident-2')).toEqual([]);
    expect(h.store.dump('messages').filter((m) => m.to === 'resident-2')).toEqual([
      expect.objectContaining({ title: '身份申请未通过', body: '原因：不是本单元居民。如有疑问请联系邀请人。' }),
    ]);
  });

  test('forged, altered, expired, withdrawn and reused codes are refused and change nothing', async () => {
    const h = createHarness();
    const made = await invite(h, 'demo-station', 'gridSecretary', 'huazhongg2', 1);
    const before = JSON.stringify(h.store.dump('invites'));
    const forged = inviteToken('not-the-secret', made.invite.id);
    const altered = `${made.token.slice(0, -1)}${made.token.endsWith('A') ? 'B' : 'A'}`;
    const otherId = inviteToken(TEST_SECRET, 'abcdef0123');
    for (const token of [forged, altered, otherId, 'Rhuazhong.xxxxxxxxxxxxxxxx', '']) {
      const r = await h.call('org', 'newcomer', 'requestInvite', { token, name: '钱芳', phone: '13700005555' });
      expect([errorCode(r), token]).toEqual([token ? 'INVITE.INVALID' : 'INPUT.INVALID', token]);
    }
    expect(JSON.stringify(h.store.dump('invites'))).toBe(before);

    h.clock.advance(86_400_000 + 1000);
    expect(ok(await h.call('org', 'newcomer', 'inviteInfo', { token: made.token })).state).toBe('expired');
    expect(
      errorCode(
        await h.call('org', 'newcomer', 'requestInvite', { token: made.token, name: '钱芳', phone: '13700005555' }),
      ),
    ).toBe('INVITE.EXPIRED');
    expect(ok(await h.call('org', 'demo-station', 'invites', {})).items[0]).toMatchObject({ expired: true });

    const fresh = await invite(h, 'demo-station', 'gridSecretary', 'huazhongg2', 3);
    ok(await h.call('org', 'demo-station', 'revokeInvite', { inviteId: fresh.invite.id }));
    expect(
      errorCode(
        await h.call('org', 'newcomer', 'requestInvite', { token: fresh.token, name: '钱芳', phone: '13700005555' }),
      ),
    ).toBe('INVITE.INVALID');
    expect(errorCode(await h.call('org', 'demo-station', 'revokeInvite', { inviteId: fresh.invite.id }))).toBe(
      'INVITE.BAD_STATE',
    );
    // Bad contact details are refused with the field's message.
    const third = await invite(h, 'demo-station', 'gridSecretary', 'huazhongg3', 3);
    const bad = await h.call('org', 'newcomer', 'requestInvite', { token: third.token, name: 'x', phone: '12345' });
    expect(bad).toMatchObject({
      error: { code: 'INPUT.INVALID', fields: { name: expect.any(String), phone: '请填写11位手机号' } },
    });
    // Someone who already holds the role elsewhere cannot ask for it again.
    expect(
      errorCode(
        await h.call('org', 'demo-grid', 'requestInvite', { token: third.token, name: '孙丽', phone: '13700008888' }),
      ),
    ).toBe('ROLE.ALREADY_HELD');
    // Nor may one approve one's own request.
    ok(
      await h.call('org', 'demo-station', 'requestInvite', { token: third.token, name: '陈静', phone: '13700009999' }),
    );
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'decideInvite', { inviteId: third.invite.id, decision: 'approve' }),
      ),
    ).toBe('ROLE.SELF');
  });

  test('two people scanning one code at once: one asks, the other is told it is used', async () => {
    const h = createHarness();
    const made = await invite(h);
    const results = await Promise.all(
      ['a-1', 'a-2', 'a-3'].map((who, i) =>
        h.call('org', who, 'requestInvite', { token: made.token, name: '同时申请', phone: `1370000000${i}` }),
      ),
    );
    expectRace(results, 1, 'INVITE.USED');
    expect(h.store.dump('messages').filter((m) => m.to === 'demo-district')).toHaveLength(1);
  });

  test('a code for a place retired since cannot be approved', async () => {
    const h = createHarness();
    const made = await invite(h, 'demo-station', 'unitLeader', 'huazhongg1u3');
    ok(await h.call('org', 'newcomer', 'requestInvite', { token: made.token, name: '钱芳', phone: '13700005555' }));
    await h.store.update('units', { _id: 'huazhongg1u3' }, { retiredAt: '2026-11-26T03:00:00.000Z' });
    expect(
      errorCode(await h.call('org', 'demo-station', 'decideInvite', { inviteId: made.invite.id, decision: 'approve' })),
    ).toBe('ROLE.SCOPE_RETIRED');
    expect(grantsOf(h, 'newcomer')).toEqual([]);
  });
});
