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
