import {
  activityInput,
  createHarness,
  errorCode,
  ok,
  problemInput,
  validReport,
  wishInput,
  type Harness,
} from '../../support/harness';

const rid = (n: number) => `tree-request-${n}`;

function everything(h: Harness): string {
  return JSON.stringify(['communities', 'grids', 'units', 'orgs', 'departments', 'audit'].map((c) => h.store.dump(c)));
}

describe('组织架构: the district manages its tree, a station its own grids and units', () => {
  test('the district browses level by level: communities, organisations, departments; grids; units', async () => {
    const h = createHarness();
    const top = ok(await h.call('org', 'demo-district', 'tree', {}));
    expect(top).toMatchObject({ districtName: '迎江区', manageDistrict: true, community: null, grid: null });
    expect(top.communities.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['华中社区', '孝肃社区', '龙狮社区']),
    );
    expect(top.orgs).toHaveLength(10);
    expect(top.departments).toHaveLength(6);
    const community = ok(await h.call('org', 'demo-district', 'tree', { communityId: 'huazhong' }));
    expect(community.grids.map((g: { name: string }) => g.name)).toEqual(['第一网格', '第二网格', '第三网格']);
    const grid = ok(await h.call('org', 'demo-district', 'tree', { gridId: 'huazhongg1' }));
    expect(grid.community).toMatchObject({ id: 'huazhong', name: '华中社区' });
    expect(grid.units).toHaveLength(6);
    expect(grid.units[0]).toMatchObject({ id: 'huazhongg1u1', seq: 1, retired: false });
  });

  test('the station sees its own community straight away, and no other', async () => {
    const h = createHarness();
    const own = ok(await h.call('org', 'demo-station', 'tree', {}));
    expect(own).toMatchObject({ manageDistrict: false, community: { id: 'huazhong' } });
    expect(own.grids).toHaveLength(3);
    expect(own.communities).toEqual([]);
    expect(errorCode(await h.call('org', 'demo-station', 'tree', { communityId: 'xiaosu' }))).toBe('AUTH.OUT_OF_SCOPE');
    expect(errorCode(await h.call('org', 'demo-station', 'tree', { gridId: 'xiaosug1' }))).toBe('AUTH.OUT_OF_SCOPE');
    expect(errorCode(await h.call('org', 'demo-district', 'tree', { communityId: 'nowhere' }))).toBe('NOT_FOUND');
  });

  test('other roles are refused every tree action, and nothing changes', async () => {
    const h = createHarness();
    const before = everything(h);
    for (const who of [
      'demo-member',
      'demo-grid',
      'demo-unitleader',
      'demo-orgadmin',
      'demo-department',
      'demo-resident',
    ])
      for (const [action, data] of [
        ['tree', {}],
        ['savePlace', { kind: 'unit', parentId: 'huazhongg1', name: '99栋1单元', requestId: rid(1) }],
        ['retirePlace', { kind: 'unit', id: 'huazhongg1u6' }],
        ['restorePlace', { kind: 'unit', id: 'huazhongg1u6' }],
        ['exportTree', {}],
        ['importTree', { fileId: '/uploads/0123456789abcdef0123/0123456789abcdef0123456789abcdef.xlsx' }],
      ] as const)
        expect(errorCode(await h.call('org', who, action, data))).toBe('AUTH.FORBIDDEN');
    expect(everything(h)).toBe(before);
  });

  test('the district adds a community with a generated id that fits a printed code; a retry adds it once', async () => {
    const h = createHarness();
    const input = { kind: 'community', name: '人民路社区', requestId: rid(2) };
    const first = ok(await h.call('org', 'demo-district', 'savePlace', input)).place;
    expect(first.id).toMatch(/^[a-z0-9]{1,14}$/);
    expect(ok(await h.call('org', 'demo-district', 'savePlace', input)).place.id).toBe(first.id);
    expect(h.store.dump('communities').filter((c) => c.name === '人民路社区')).toEqual([
      { _id: first.id, name: '人民路社区', districtId: 'yj' },
    ]);
    const audits = h.store.dump('audit').filter((a) => a.action === 'tree.community.create');
    expect(audits).toEqual([expect.objectContaining({ actor: 'demo-district', entityId: first.id, before: null })]);
    // Its code can be printed.
    expect(ok(await h.call('org', 'demo-district', 'places', {})).communities).toContainEqual({
      id: first.id,
      name: '人民路社区',
    });
  });

  test('the station adds and renames grids and units of its community only; never a community', async () => {
    const h = createHarness();
    const grid = ok(
      await h.call('org', 'demo-station', 'savePlace', {
        kind: 'grid',
        parentId: 'huazhong',
        name: '第四网格',
        requestId: rid(3),
      }),
    ).place;
    expect(grid).toMatchObject({ name: '第四网格', seq: 4, retired: false });
    const unit = ok(
      await h.call('org', 'demo-station', 'savePlace', {
        kind: 'unit',
        parentId: grid.id,
        name: '31栋1单元',
        requestId: rid(4),
      }),
    ).place;
    expect(h.store.dump('units').find((u) => u._id === unit.id)).toEqual({
      _id: unit.id,
      name: '31栋1单元',
      seq: 1,
      gridId: grid.id,
      communityId: 'huazhong',
      districtId: 'yj',
    });
    const renamed = ok(
      await h.call('org', 'demo-station', 'savePlace', {
        kind: 'unit',
        id: unit.id,
        name: '31栋一单元',
        seq: 5,
        requestId: rid(5),
      }),
    ).place;
    expect(renamed).toMatchObject({ name: '31栋一单元', seq: 5 });
    expect(h.store.dump('audit').find((a) => a.action === 'tree.unit.update')).toMatchObject({
      actor: 'demo-station',
      before: expect.objectContaining({ name: '31栋1单元' }),
      after: expect.objectContaining({ name: '31栋一单元', seq: 5 }),
    });

    const before = everything(h);
    for (const [data, code] of [
      [{ kind: 'grid', parentId: 'xiaosu', name: '新网格', requestId: rid(6) }, 'AUTH.OUT_OF_SCOPE'],
      [{ kind: 'unit', parentId: 'xiaosug1', name: '新单元', requestId: rid(7) }, 'AUTH.OUT_OF_SCOPE'],
      [{ kind: 'unit', id: 'xiaosug1u1', name: '改名', requestId: rid(8) }, 'AUTH.OUT_OF_SCOPE'],
      [{ kind: 'community', name: '新社区', requestId: rid(9) }, 'AUTH.FORBIDDEN'],
      [{ kind: 'community', id: 'huazhong', name: '华中新社区', requestId: rid(10) }, 'AUTH.FORBIDDEN'],
      [{ kind: 'department', name: '新部门', requestId: rid(11) }, 'AUTH.FORBIDDEN'],
      [{ kind: 'grid', parentId: 'huazhong', name: '第一网格', requestId: rid(12) }, 'ORG.NAME_TAKEN'],
      [
        { kind: 'unit', id: 'huazhongg1u1', parentId: 'huazhongg2', name: '01栋1单元', requestId: rid(13) },
        'INPUT.INVALID',
      ],
      [{ kind: 'unit', name: '无上级', requestId: rid(14) }, 'INPUT.INVALID'],
      [{ kind: 'unit', parentId: 'nowhere', name: '无上级', requestId: rid(15) }, 'NOT_FOUND'],
    ] as const)
      expect([data, errorCode(await h.call('org', 'demo-station', 'savePlace', data))]).toEqual([data, code]);
    expect(errorCode(await h.call('org', 'demo-station', 'retirePlace', { kind: 'community', id: 'huazhong' }))).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(errorCode(await h.call('org', 'demo-station', 'retirePlace', { kind: 'unit', id: 'xiaosug1u1' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(everything(h)).toBe(before);
    const taken = await h.call('org', 'demo-station', 'savePlace', {
      kind: 'grid',
      parentId: 'huazhong',
      name: '第一网格',
      requestId: rid(16),
    });
    expect(taken).toMatchObject({ ok: false, error: { message: '华中社区下已有名为“第一网格”的网格' } });
  });

  test('the district declares an organisation’s 在职党员数 (for 报到率): on adding, on editing, cleared; audited', async () => {
    const h = createHarness();
    const top = ok(await h.call('org', 'demo-district', 'tree', {}));
    // The demo's 区财政局机关党支部 declared 6; the others have not yet; other kinds have none.
    expect(top.orgs.find((o: { id: string }) => o.id === 'org1')).toMatchObject({ members: 6 });
    expect(top.orgs.filter((o: { members: number | null }) => o.members === null)).toHaveLength(9);
    for (const node of [...top.communities, ...top.departments]) expect(node.members).toBeNull();
    const grid = ok(await h.call('org', 'demo-district', 'tree', { gridId: 'huazhongg1' }));
    expect(grid.units.every((u: { members: number | null }) => u.members === null)).toBe(true);

    const added = ok(
      await h.call('org', 'demo-district', 'savePlace', {
        kind: 'org',
        name: '区审计局机关党支部',
        members: 120,
        requestId: rid(30),
      }),
    ).place;
    expect(added).toMatchObject({ kind: 'org', name: '区审计局机关党支部', seq: null, members: 120 });
    expect(h.store.dump('orgs').find((o) => o._id === added.id)).toEqual({
      _id: added.id,
      name: '区审计局机关党支部',
      districtId: 'yj',
      members: 120,
    });
    expect(h.store.dump('audit').find((a) => a.entityId === added.id)).toMatchObject({
      action: 'tree.org.create',
      before: null,
      after: expect.objectContaining({ members: 120 }),
    });
    // Added without one: not declared, and nothing stored for it.
    const undeclared = ok(
      await h.call('org', 'demo-district', 'savePlace', {
        kind: 'org',
        name: '区统计局机关党支部',
        requestId: rid(31),
      }),
    ).place;
    expect(undeclared.members).toBeNull();
    expect(h.store.dump('orgs').find((o) => o._id === undeclared.id)).not.toHaveProperty('members');

    // Edited: declared (0 is a number declared), left as it is when not sent, cleared with null.
    const save = (members: number | null | undefined, n: number) =>
      h.call('org', 'demo-district', 'savePlace', {
        kind: 'org',
        id: 'org2',
        name: '区教育局机关党支部',
        ...(members !== undefined ? { members } : {}),
        requestId: rid(n),
      });
    expect(ok(await save(0, 32)).place).toMatchObject({ id: 'org2', members: 0 });
    const audits = () => h.store.dump('audit').filter((a) => a.action === 'tree.org.update');
    expect(audits()).toEqual([
      expect.objectContaining({
        actor: 'demo-district',
        before: expect.not.objectContaining({ members: expect.anything() }),
        after: expect.objectContaining({ name: '区教育局机关党支部', members: 0 }),
      }),
    ]);
    expect(ok(await save(undefined, 33)).place.members).toBe(0);
    expect(ok(await save(0, 34)).place.members).toBe(0);
    expect(audits()).toHaveLength(1);
    expect(ok(await save(45, 35)).place.members).toBe(45);
    expect(ok(await save(null, 36)).place.members).toBeNull();
    expect(h.store.dump('orgs').find((o) => o._id === 'org2')).toMatchObject({ members: null });
    expect(
      audits().map((a) => [(a.before as { members?: number }).members, (a.after as { members: unknown }).members]),
    ).toEqual([
      [undefined, 0],
      [0, 45],
      [45, null],
    ]);
    // Renamed and declared at once, in one change.
    const both = ok(
      await h.call('org', 'demo-district', 'savePlace', {
        kind: 'org',
        id: 'org1',
        name: '区财政局党支部',
        members: 8,
        requestId: rid(37),
      }),
    ).place;
    expect(both).toMatchObject({ name: '区财政局党支部', members: 8 });
    const level = ok(await h.call('org', 'demo-district', 'tree', {}));
    expect(
      level.orgs
        .filter((o: { id: string }) => ['org1', 'org2', added.id].includes(o.id))
        .map((o: { id: string; members: number | null }) => [o.id, o.members])
        .sort(),
    ).toEqual(
      [
        [added.id, 120],
        ['org1', 8],
        ['org2', null],
      ].sort(),
    );
  });

  test('在职党员数: bad values and other kinds refused with the reason; the station may not declare it', async () => {
    const h = createHarness();
    const before = everything(h);
    const org = { kind: 'org', id: 'org1', name: '区财政局机关党支部' };
    for (const [members, reason] of [
      [-1, '在职党员数不能小于0'],
      [2.5, '在职党员数应为整数'],
      [1_000_001, '在职党员数最大1000000'],
      ['120', '在职党员数应为数字'],
      [Number.NaN, '在职党员数应为数字'],
    ] as const) {
      for (const data of [org, { kind: 'org', name: '区审计局机关党支部' }])
        expect(
          await h.call('org', 'demo-district', 'savePlace', { ...data, members, requestId: rid(40) }),
        ).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', fields: { members: reason } } });
    }
    // Any other kind sending it is told, not ignored.
    for (const [data, who] of [
      [{ kind: 'department', name: '区审计局', members: 5 }, 'demo-district'],
      [{ kind: 'community', id: 'huazhong', name: '华中社区', members: 5 }, 'demo-district'],
      [{ kind: 'unit', id: 'huazhongg1u1', name: '01栋1单元', members: null }, 'demo-station'],
    ] as const)
      expect(await h.call('org', who, 'savePlace', { ...data, requestId: rid(41) })).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID', fields: { members: '只有报到单位填写在职党员数' } },
      });
    // As today: a station admin changes no organisation, with or without the number.
    for (const data of [
      { ...org, members: 99 },
      { kind: 'org', name: '区审计局机关党支部', members: 5 },
    ])
      expect(errorCode(await h.call('org', 'demo-station', 'savePlace', { ...data, requestId: rid(42) }))).toBe(
        'AUTH.FORBIDDEN',
      );
    expect(everything(h)).toBe(before);
    // The largest number is taken.
    expect(
      ok(await h.call('org', 'demo-district', 'savePlace', { ...org, members: 1_000_000, requestId: rid(43) })).place
        .members,
    ).toBe(1_000_000);
  });

  test('retiring: refused while places under it are in use; kept, readable, out of the pickers; restored', async () => {
    const h = createHarness();
    // The demo member reported to 华中社区 01栋2单元: the unit is named by records.
    const refused = await h.call('org', 'demo-district', 'retirePlace', { kind: 'grid', id: 'huazhongg1' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ORG.PLACE_IN_USE', message: '第一网格下还有在用的单元，请先停用它们' },
    });
    expect(errorCode(await h.call('org', 'demo-district', 'retirePlace', { kind: 'community', id: 'huazhong' }))).toBe(
      'ORG.PLACE_IN_USE',
    );

    for (let u = 1; u <= 6; u++)
      ok(await h.call('org', 'demo-station', 'retirePlace', { kind: 'unit', id: `huazhongg1u${u}` }));
    const retired = ok(await h.call('org', 'demo-station', 'retirePlace', { kind: 'grid', id: 'huazhongg1' })).place;
    expect(retired).toMatchObject({ retired: true, retiredAt: h.clock.now().toISOString() });
    // Retiring again changes nothing and writes no second audit record.
    ok(await h.call('org', 'demo-station', 'retirePlace', { kind: 'grid', id: 'huazhongg1' }));
    expect(h.store.dump('audit').filter((a) => a.action === 'tree.grid.retire')).toHaveLength(1);
    // Kept (never deleted), and out of the pickers.
    expect(h.store.dump('grids').find((g) => g._id === 'huazhongg1')).toMatchObject({ name: '第一网格' });
    expect(h.store.dump('units').filter((u) => u.gridId === 'huazhongg1')).toHaveLength(6);
    const places = ok(
      await h.call('org', 'demo-resident', 'places', { communityId: 'huazhong', gridId: 'huazhongg1' }),
    );
    expect(places.grids.map((g: { id: string }) => g.id)).not.toContain('huazhongg1');
    expect(places.units).toEqual([]);
    // Still readable where records name it: the member's 报到 still shows its unit.
    const mine = ok(await h.call('checkin', 'demo-member', 'myReports', {}));
    expect(JSON.stringify(mine)).toContain('"unitName":"01栋2单元"');
    // The tree page lists it, marked, after those in use.
    const level = ok(await h.call('org', 'demo-station', 'tree', {}));
    expect(level.grids.map((g: { id: string; retired: boolean }) => [g.id, g.retired])).toEqual([
      ['huazhongg2', false],
      ['huazhongg3', false],
      ['huazhongg1', true],
    ]);
    // A retired place takes no new places and no new name.
    expect(
      errorCode(
        await h.call('org', 'demo-station', 'savePlace', {
          kind: 'unit',
          parentId: 'huazhongg1',
          name: '新单元',
          requestId: rid(20),
        }),
      ),
    ).toBe('ORG.PLACE_RETIRED');
    expect(errorCode(await h.call('org', 'demo-station', 'restorePlace', { kind: 'unit', id: 'huazhongg1u1' }))).toBe(
      'ORG.PLACE_RETIRED',
    );
    ok(await h.call('org', 'demo-station', 'restorePlace', { kind: 'grid', id: 'huazhongg1' }));
    const back = ok(await h.call('org', 'demo-station', 'restorePlace', { kind: 'unit', id: 'huazhongg1u1' })).place;
    expect(back).toMatchObject({ retired: false, retiredAt: null });
    expect(h.store.dump('audit').filter((a) => a.action === 'tree.unit.restore')).toHaveLength(1);
  });

  test('a retired unit and organisation leave the 报到 form and take no new 报到; the old ones still name them', async () => {
    const h = createHarness();
    ok(await h.call('org', 'demo-station', 'retirePlace', { kind: 'unit', id: 'huazhongg1u1' }));
    ok(await h.call('org', 'demo-district', 'retirePlace', { kind: 'org', id: 'org2' }));
    const token = h.token('huazhong');
    const form = ok(await h.call('checkin', 'demo-newmember', 'reportForm', { token }));
    expect(form.orgs.map((o: { id: string }) => o.id)).not.toContain('org2');
    expect(form.orgs.map((o: { id: string }) => o.id)).toContain('org1');
    const units = ok(await h.call('checkin', 'demo-newmember', 'gridUnits', { token, gridId: 'huazhongg1' })).units;
    expect(units.map((u: { id: string }) => u.id)).toEqual([
      'huazhongg1u2',
      'huazhongg1u3',
      'huazhongg1u4',
      'huazhongg1u5',
      'huazhongg1u6',
    ]);
    const before = h.store.dump('reports').length;
    const unit = await h.call('checkin', 'demo-newmember', 'submitReport', { ...validReport, token });
    expect(unit).toMatchObject({
      ok: false,
      error: { code: 'CHECKIN.UNIT_NOT_IN_COMMUNITY', fields: { unitId: '该单元已停用，请选择其他单元' } },
    });
    const org = await h.call('checkin', 'demo-newmember', 'submitReport', {
      ...validReport,
      unitId: 'huazhongg1u2',
      orgId: 'org2',
      token,
    });
    expect(org).toMatchObject({ ok: false, error: { code: 'CHECKIN.ORG_UNKNOWN' } });
    expect(h.store.dump('reports')).toHaveLength(before);
    ok(await h.call('checkin', 'demo-newmember', 'submitReport', { ...validReport, unitId: 'huazhongg1u2', token }));
  });

  test('a retired unit, grid or department takes no new wish, problem, service, activity or whistle', async () => {
    const h = createHarness();
    // A problem reported before the retirement, to be whistled after it.
    const problemId = ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id;
    for (let u = 1; u <= 6; u++)
      ok(await h.call('org', 'demo-station', 'retirePlace', { kind: 'unit', id: `huazhongg1u${u}` }));
    ok(await h.call('org', 'demo-station', 'retirePlace', { kind: 'grid', id: 'huazhongg1' }));
    ok(await h.call('org', 'demo-district', 'retirePlace', { kind: 'department', id: 'dept2' }));
    // The wish and the service read units through the place cache, which the retirement refreshed here.
    const retiredUnit = { unitId: '该单元已停用，请选择其他单元' };
    const before = JSON.stringify(
      ['wishes', 'problems', 'services', 'activities', 'whistles'].map((c) => h.store.dump(c)),
    );
    expect(await h.call('wish', 'demo-resident', 'postWish', wishInput)).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: retiredUnit },
    });
    expect(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: retiredUnit },
    });
    const service = { description: '楼道清洁', unitId: 'huazhongg1u1', date: '2026-11-25', hours: 1 };
    expect(await h.call('points', 'demo-member', 'logService', service)).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: retiredUnit },
    });
    expect(
      await h.call('checkin', 'demo-station', 'createActivity', activityInput(h, { gridId: 'huazhongg1' })),
    ).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { gridId: '该网格已停用，请选择其他网格' } },
    });
    const whistle = { problemId, action: 'whistle', departments: ['dept1', 'dept2'], leadDepartment: 'dept1' };
    expect(await h.call('report', 'demo-station', 'triage', whistle)).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID', fields: { departments: '所选职能部门已停用，请重新选择' } },
    });
    expect(
      JSON.stringify(['wishes', 'problems', 'services', 'activities', 'whistles'].map((c) => h.store.dump(c))),
    ).toBe(before);
    // The problem reported before still goes on, to the departments in use; other units still take new records.
    ok(await h.call('report', 'demo-station', 'triage', { ...whistle, departments: ['dept1'] }));
    ok(await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, unitId: 'huazhongg2u1' }));
  });

  test('the district retires an organisation and a department: they leave the 报到 form and the whistle choices', async () => {
    const h = createHarness();
    ok(await h.call('org', 'demo-district', 'retirePlace', { kind: 'department', id: 'dept6' }));
    const places = ok(await h.call('org', 'demo-resident', 'places', {}));
    expect(places.departments.map((d: { id: string }) => d.id)).not.toContain('dept6');
    expect(places.departments).toHaveLength(5);
    expect(errorCode(await h.call('org', 'demo-station', 'retirePlace', { kind: 'org', id: 'org1' }))).toBe(
      'AUTH.FORBIDDEN',
    );
  });
});
