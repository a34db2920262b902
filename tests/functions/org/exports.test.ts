import { existsSync, readFileSync } from 'node:fs';
import { periodicJobs } from '../../../cloudfunctions/deployed/timer/jobs';
import { whistleDeadlines } from '../../../cloudfunctions/whistle/whistle-deadlines.job';
import { Workbook } from 'exceljs';
import { createHarness, errorCode, ok, validReport, wishInput, type Harness } from '../../support/harness';

/**
 * The district's xlsx exports (issue 16, part 5), each opened back with exceljs and its rows checked against
 * the data: the title rows, the period, the counts, a masked phone where the reader sees masked; refusals per
 * role and scope; a bad period refused with a Chinese message; each export audited.
 */

const H2 = { from: '2026-07-01', to: '2026-12-31' };

/** The workbook behind an export's link (as the browser or the mini-program would fetch it). */
async function download(h: Harness, url: string): Promise<Workbook> {
  const [path = '', query = ''] = url.split('?');
  const found = h.files.open(path, new URLSearchParams(query));
  if (!found) throw new Error(`no file behind ${url}`);
  const wb = new Workbook();
  await wb.xlsx.load(readFileSync(found.file) as unknown as ArrayBuffer);
  return wb;
}

function rowsOf(wb: Workbook, sheet: string): string[][] {
  const rows: string[][] = [];
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

async function exported(h: Harness, who: string, action: string, input: object) {
  const result = ok<{ url: string; fileName: string; rows: number }>(await h.call('org', who, action, input));
  return { ...result, wb: await download(h, result.url) };
}

/** A wish posted by the demo resident and approved by the station: its id. */
async function openWish(h: Harness): Promise<string> {
  const id = ok(await h.call('wish', 'demo-resident', 'postWish', wishInput)).wish.id as string;
  ok(await h.call('wish', 'demo-station', 'reviewWish', { wishId: id, decision: 'approve' }));
  return id;
}

/** The rows under the title rows and the header, as objects by header. */
function records(rows: string[][]): Array<Record<string, string>> {
  const header = rows[4] ?? [];
  return rows.slice(5).map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] ?? ''])));
}

describe('导出: 报到回执汇总', () => {
  test('the district exports every 报到 of the period, title rows first, phones masked', async () => {
    const h = createHarness();
    const { wb, fileName, rows } = await exported(h, 'demo-district', 'exportEnrolments', H2);
    expect(fileName).toBe('迎江区在职党员进社区报到回执汇总2026-07-01至2026-12-31.xlsx');
    const sheet = rowsOf(wb, '报到回执');
    expect(sheet[0]?.[0]).toBe('迎江区在职党员进社区报到回执汇总');
    expect(sheet[1]?.[0]).toBe('统计期间：2026-07-01 至 2026-12-31');
    expect(sheet[2]?.[0]).toBe('范围：迎江区全区');
    expect(sheet[3]?.[0]).toBe('导出时间：2026-11-26 10:00');
    expect(sheet[4]).toEqual([
      '姓名',
      '手机号',
      '报到单位',
      '报到社区',
      '网格',
      '单元',
      '状态',
      '提交时间',
      '审核时间',
      '驳回原因',
    ]);
    const reports = h.store.dump('reports');
    expect(rows).toBe(reports.length);
    const list = records(sheet);
    expect(list.map((r) => r['姓名'])).toEqual(['张明', '黄建国', '何志强', '林小燕']);
    const zhang = list[0]!;
    expect(zhang['手机号']).toBe('138****0001');
    expect(zhang['报到社区']).toBe('华中社区');
    expect(zhang['状态']).toBe('已报到');
    expect(zhang['提交时间']).toBe('2026-09-03 10:00');
    expect(list.find((r) => r['姓名'] === '何志强')?.['状态']).toBe('待审核');
    // Audited: who exported what, which period and scope.
    const audit = h.store.dump('audit').filter((a) => a.action === 'export.enrolments');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'demo-district',
      after: { from: '2026-07-01', to: '2026-12-31', scope: { districtId: 'yj' }, rows: 4 },
    });
  });

  test('a period before any 报到 gives the title rows and the header only', async () => {
    const h = createHarness();
    const { wb, rows } = await exported(h, 'demo-district', 'exportEnrolments', {
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(rows).toBe(0);
    expect(rowsOf(wb, '报到回执')).toHaveLength(5);
  });

  test('the station sees its community in full; the organisation its own members, masked', async () => {
    const h = createHarness();
    const station = records(rowsOf((await exported(h, 'demo-station', 'exportEnrolments', H2)).wb, '报到回执'));
    expect(station.find((r) => r['姓名'] === '张明')?.['手机号']).toBe('13805560001');
    const org = await exported(h, 'demo-orgadmin', 'exportEnrolments', H2);
    const orgRows = records(rowsOf(org.wb, '报到回执'));
    expect(orgRows.map((r) => r['姓名']).sort()).toEqual(['何志强', '张明', '黄建国'].sort());
    expect(orgRows.every((r) => r['报到单位'] === orgRows[0]!['报到单位'])).toBe(true);
    expect(orgRows.every((r) => /^\d{3}\*{4}\d{4}$/.test(r['手机号']!))).toBe(true);
    expect(rowsOf(org.wb, '报到回执')[2]?.[0]).toMatch(/^范围：区财政局/);
  });

  test('one community of the district; another district’s community, or a station naming another, refused', async () => {
    const h = createHarness();
    const one = await exported(h, 'demo-district', 'exportEnrolments', { ...H2, communityId: 'huazhong' });
    expect(one.fileName).toBe('迎江区在职党员进社区报到回执汇总（华中社区）2026-07-01至2026-12-31.xlsx');
    expect(rowsOf(one.wb, '报到回执')[2]?.[0]).toBe('范围：华中社区');
    const elsewhere = (await h.store.find('communities', { where: {}, limit: 10 })).items.find(
      (c) => c._id !== 'huazhong',
    )!;
    expect(
      errorCode(await h.call('org', 'demo-station', 'exportEnrolments', { ...H2, communityId: elsewhere._id })),
    ).toBe('AUTH.OUT_OF_SCOPE');
    await h.store.insert('districts', { _id: 'dg', name: '大观区' });
    await h.store.insert('communities', { _id: 'dgc1', name: '大观社区', districtId: 'dg' });
    expect(errorCode(await h.call('org', 'demo-district', 'exportEnrolments', { ...H2, communityId: 'dgc1' }))).toBe(
      'AUTH.OUT_OF_SCOPE',
    );
    expect(errorCode(await h.call('org', 'demo-district', 'exportEnrolments', { ...H2, communityId: 'nowhere' }))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(await h.call('org', 'demo-orgadmin', 'exportEnrolments', { ...H2, communityId: 'huazhong' })),
    ).toBe('AUTH.OUT_OF_SCOPE');
  });
});

describe('导出: each reader’s scope', () => {
  test('a station exports its own community; the district every community, or the one it names', async () => {
    const h = createHarness();
    ok(
      await h.call('checkin', 'demo-newmember', 'submitReport', {
        token: h.token('xiaosu'),
        ...validReport,
        unitId: 'xiaosug2u1',
      }),
    );
    const names = async (who: string, action: string, input: object, sheet: string) =>
      records(rowsOf((await exported(h, who, action, input)).wb, sheet)).map((r) => r['姓名']);
    expect(await names('demo-station', 'exportEnrolments', H2, '报到回执')).not.toContain('李华');
    expect(await names('demo-district', 'exportEnrolments', H2, '报到回执')).toContain('李华');
    expect(await names('demo-district', 'exportEnrolments', { ...H2, communityId: 'xiaosu' }, '报到回执')).toEqual([
      '李华',
    ]);
    // The organisation sees the receipt of its member in another community.
    expect(await names('demo-orgadmin', 'exportEnrolments', H2, '报到回执')).toContain('李华');
    // A member of 华中社区 is in the station's 半年履责 and 积分; nobody of 孝肃社区 is approved yet.
    expect(await names('demo-station', 'exportHalfYear', H2, '半年履责')).toContain('张明');
    expect(await names('demo-district', 'exportHalfYear', { ...H2, communityId: 'xiaosu' }, '半年履责')).toEqual([]);
    expect(await names('demo-district', 'exportPoints', { ...H2, communityId: 'xiaosu' }, '党员积分')).toEqual([]);
  });
});

describe('导出: who may take which, and the period', () => {
  test.each([
    ['demo-member', 'exportEnrolments'],
    ['demo-resident', 'exportHalfYear'],
    ['demo-department', 'exportPoints'],
    ['demo-grid', 'exportWishes'],
    ['demo-orgadmin', 'exportWishes'],
    ['demo-station', 'exportWhistles'],
    ['demo-orgadmin', 'exportWhistles'],
    ['demo-unitleader', 'exportEnrolments'],
  ])('%s may not take %s (nothing written, no file)', async (who, action) => {
    const h = createHarness();
    const before = h.store.dump('audit').length;
    const input = action === 'exportWhistles' ? { from: '2026-11-01', to: '2026-11-30' } : H2;
    expect(errorCode(await h.call('org', who, action, input))).toBe('AUTH.FORBIDDEN');
    expect(h.store.dump('audit')).toHaveLength(before);
  });

  test.each([
    ['exportEnrolments', { from: '2026-12-31', to: '2026-07-01' }, 'to', '结束日期不能早于开始日期'],
    ['exportEnrolments', { from: '2025-01-01', to: '2026-06-30' }, 'to', '导出期间最长一年'],
    ['exportEnrolments', { from: '2026-13-01', to: '2026-12-31' }, 'from', '日期格式不正确'],
    ['exportHalfYear', { from: '2026-07-01', to: '2026-11-30' }, 'from', '请选择一个半年度'],
    ['exportWhistles', { from: '2026-11-02', to: '2026-11-30' }, 'from', '请按整月选择'],
    ['exportWhistles', { from: '2025-11-01', to: '2026-11-30' }, 'to', '导出期间最长一年'],
  ])('%s refuses %j with a Chinese message on %s', async (action, input, field, message) => {
    const h = createHarness();
    const response = await h.call('org', 'demo-district', action, input);
    expect(errorCode(response)).toBe('INPUT.INVALID');
    if (response.ok) throw new Error('expected a refusal');
    expect((response.error.fields as Record<string, string>)[field]).toContain(message);
    expect(h.store.dump('audit').filter((a) => String(a.action).startsWith('export.'))).toHaveLength(0);
  });
});

describe('导出: 党员半年履责台账', () => {
  test('each approved member against the half-year rule, as the organisation’s own page counts it', async () => {
    const h = createHarness();
    // 张明 serves once (logged and confirmed) and claims a wish: he meets the rule; 黄建国 does neither.
    ok(
      await h.call('points', 'demo-member', 'logService', {
        description: '楼道清洁',
        unitId: 'huazhongg1u1',
        date: '2026-11-25',
        hours: 1,
      }),
    );
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId: await openWish(h) }));
    const { wb, rows, fileName } = await exported(h, 'demo-district', 'exportHalfYear', H2);
    expect(fileName).toBe('迎江区党员半年履责台账2026-07-01至2026-12-31.xlsx');
    const sheet = rowsOf(wb, '半年履责');
    expect(sheet[0]?.[0]).toBe('迎江区党员半年履责台账');
    expect(sheet[1]?.[0]).toBe('统计期间：2026-07-01 至 2026-12-31');
    const list = records(sheet);
    expect(rows).toBe(h.store.dump('reports').filter((r) => r.status === 'approved').length);
    expect(list.find((r) => r['姓名'] === '张明')).toMatchObject({
      手机号: '138****0001',
      '参加服务（次）': '1',
      '认领岗位/心愿（个）': '1',
      是否达标: '达标',
      未达标项: '',
    });
    expect(list.find((r) => r['姓名'] === '黄建国')).toMatchObject({
      '参加服务（次）': '0',
      '认领岗位/心愿（个）': '0',
      是否达标: '未达标',
      未达标项: '未参加服务活动；未认领岗位、项目或微心愿',
    });
    // The organisation's export agrees with its own 党员半年履责 page, member by member.
    const page = ok(await h.call('checkin', 'demo-orgadmin', 'orgHalfYear', { limit: 100 }));
    const org = records(rowsOf((await exported(h, 'demo-orgadmin', 'exportHalfYear', H2)).wb, '半年履责'));
    for (const item of page.items as Array<{
      name: string;
      record: { services: number; claims: number; met: boolean };
    }>) {
      const row = org.find((r) => r['姓名'] === item.name);
      if (!row) continue; // a person of the organisation not (yet) approved in a community
      expect([Number(row['参加服务（次）']), Number(row['认领岗位/心愿（个）']), row['是否达标']]).toEqual([
        item.record.services,
        item.record.claims,
        item.record.met ? '达标' : '未达标',
      ]);
    }
    expect(org.length).toBeGreaterThan(0);
    // The first half-year, before any of it: nobody served.
    const h1 = records(
      rowsOf(
        (await exported(h, 'demo-station', 'exportHalfYear', { from: '2026-01-01', to: '2026-06-30' })).wb,
        '半年履责',
      ),
    );
    expect(h1.every((r) => r['是否达标'] === '未达标')).toBe(true);
    expect(h1.find((r) => r['姓名'] === '张明')?.['手机号']).toBe('13805560001');
  });
});

describe('导出: 微心愿台账', () => {
  test('each wish of the period with its state, claimant and confirmation; the district sees the phone masked', async () => {
    const h = createHarness();
    const wishId = await openWish(h);
    await h.call('wish', 'demo-resident', 'postWish', { ...wishInput, title: '更换楼道坏掉的灯泡' });
    ok(await h.call('wish', 'demo-member', 'claimWish', { wishId }));
    ok(await h.call('wish', 'demo-member', 'fulfilWish', { wishId, note: '已陪同复查' }));
    ok(await h.call('wish', 'demo-resident', 'confirmWish', { wishId, fulfilled: true }));
    const { wb, rows } = await exported(h, 'demo-district', 'exportWishes', H2);
    const sheet = rowsOf(wb, '微心愿');
    expect(sheet[0]?.[0]).toBe('迎江区微心愿台账');
    const wishes = h.store.dump('wishes');
    expect(rows).toBe(wishes.length);
    const list = records(sheet);
    expect(list.find((r) => r['心愿'] === '帮忙修理漏水的水龙头')).toMatchObject({
      类别: '维修服务',
      社区: '华中社区',
      居民: '王秀英',
      居民电话: '136****1111',
      状态: '已完成',
      认领党员: '张明',
      确认人: '居民',
      积分: '10',
    });
    const done = list.find((r) => r['心愿'] === '帮忙修理漏水的水龙头')!;
    expect(done['认领时间']).toBe('2026-11-26 10:00');
    expect(done['确认时间']).toBe('2026-11-26 10:00');
    expect(list.find((r) => r['心愿'] === '更换楼道坏掉的灯泡')?.['状态']).toBe('待审核');
    // The station reads its community's numbers in full.
    const station = records(rowsOf((await exported(h, 'demo-station', 'exportWishes', H2)).wb, '微心愿'));
    expect(station.find((r) => r['心愿'] === '帮忙修理漏水的水龙头')?.['居民电话']).toBe('13600001111');
  });
});

describe('导出: 积分台账', () => {
  test('members with their balances, and their entries of the period', async () => {
    const h = createHarness();
    const id = ok(
      await h.call('points', 'demo-member', 'logService', {
        description: '楼道清洁',
        unitId: 'huazhongg1u1',
        date: '2026-11-25',
        hours: 2,
      }),
    ).service.id;
    ok(await h.call('points', 'demo-unitleader', 'reviewServices', { serviceIds: [id], decision: 'confirm' }));
    const { wb, rows } = await exported(h, 'demo-station', 'exportPoints', H2);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员积分', '积分明细']);
    const members = records(rowsOf(wb, '党员积分'));
    const entries = records(rowsOf(wb, '积分明细'));
    expect(rowsOf(wb, '积分明细')[0]?.[0]).toBe('迎江区志愿服务积分台账');
    expect(rowsOf(wb, '积分明细')[2]?.[0]).toBe('范围：华中社区');
    expect(rows).toBe(members.length + entries.length);
    const accounts = new Map(h.store.dump('accounts').map((a) => [a._id, a.balance]));
    const approved = h.store.dump('reports').filter((r) => r.status === 'approved' && r.communityId === 'huazhong');
    expect(members.map((m) => m['姓名']).sort()).toEqual(approved.map((r) => String(r.name)).sort());
    for (const r of approved)
      expect(members.find((m) => m['姓名'] === r.name)?.['积分余额']).toBe(String(accounts.get(String(r.openid)) ?? 0));
    expect(members.find((m) => m['姓名'] === '张明')?.['积分余额']).not.toBe('0');
    const ledger = h.store
      .dump('ledger')
      .filter((e) => approved.some((r) => r.openid === e.openid) && String(e.at) >= '2026-06-30T16:00:00.000Z');
    expect(entries).toHaveLength(ledger.length);
    expect(entries.at(-1)).toMatchObject({ 姓名: '张明', 社区: '华中社区', 类型: '获得', 积分: '20' });
    // Before the service: the member sheet as it is, no entries.
    const before = await exported(h, 'demo-orgadmin', 'exportPoints', { from: '2026-01-01', to: '2026-06-30' });
    expect(records(rowsOf(before.wb, '积分明细'))).toEqual([]);
    expect(records(rowsOf(before.wb, '党员积分')).every((m) => /^\d{3}\*{4}\d{4}$/.test(m['手机号']!))).toBe(true);
  });
});

describe('导出: 吹哨报到考核表', () => {
  const problemInput = {
    category: '环境卫生',
    description: '3栋楼下垃圾堆放多日无人清运，气味很大',
    unitId: 'huazhongg1u1',
    phone: '13600002222',
  };

  test('per department and month, as the monthly statistics count them; a department sees its own rows', async () => {
    const h = createHarness();
    const submit = async () =>
      ok(await h.call('report', 'demo-resident', 'submitProblem', problemInput)).problem.id as string;
    const whistle = (problemId: string, departments: string[]) =>
      h.call('report', 'demo-station', 'triage', {
        problemId,
        action: 'whistle',
        departments,
        leadDepartment: 'dept1',
      });
    await h.store.insert('grants', {
      _id: 'd2~department',
      openid: 'd2user',
      role: 'department',
      scope: 'department',
      scopeId: 'dept2',
      grantedBy: 't',
      at: 't',
    });
    const [p1, p2, p3] = [await submit(), await submit(), await submit()];
    ok(await whistle(p1, ['dept1', 'dept2']));
    ok(await whistle(p2, ['dept1']));
    ok(await whistle(p3, ['dept1']));
    for (const [who, p] of [
      ['demo-department', p1],
      ['d2user', p1],
      ['demo-department', p2],
    ] as const)
      ok(await h.call('report', who, 'acknowledge', { problemId: p }));
    h.clock.advance(24 * 3600_000);
    ok(await h.call('report', 'demo-department', 'respond', { problemId: p1, result: '已清运' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: p1 }));
    ok(await h.call('report', 'demo-resident', 'rate', { problemId: p1, satisfied: true }));
    h.clock.advance(3 * 24 * 3600_000);
    await whistleDeadlines(h.runtime);
    ok(await h.call('report', 'demo-department', 'respond', { problemId: p2, result: '已清运' }));
    ok(await h.call('report', 'demo-station', 'confirmResult', { problemId: p2 }));
    ok(await h.call('report', 'demo-resident', 'rate', { problemId: p2, satisfied: false }));

    const period = { from: '2026-10-01', to: '2026-11-30' };
    const { wb, rows, fileName } = await exported(h, 'demo-district', 'exportWhistles', period);
    expect(fileName).toBe('迎江区吹哨报到考核表2026-10-01至2026-11-30.xlsx');
    const sheet = rowsOf(wb, '考核表');
    expect(sheet[0]?.[0]).toBe('迎江区吹哨报到考核表');
    expect(sheet[1]?.[0]).toBe('统计期间：2026-10-01 至 2026-11-30');
    expect(rows).toBe(2);
    expect(records(sheet)).toEqual([
      {
        月份: '2026-11',
        职能部门: '区城管局',
        接哨数: '3',
        按时报到: '2',
        按时反馈: '1',
        办结: '2',
        满意: '1',
        已评价: '2',
        逾期未反馈: '1',
        响应率: '66.7%',
        按时反馈率: '33.3%',
        办结率: '66.7%',
        满意率: '50%',
        考核积分: '2',
      },
      {
        月份: '2026-11',
        职能部门: '区住建局',
        接哨数: '1',
        按时报到: '1',
        按时反馈: '1',
        办结: '1',
        满意: '1',
        已评价: '1',
        逾期未反馈: '0',
        响应率: '100%',
        按时反馈率: '100%',
        办结率: '100%',
        满意率: '100%',
        考核积分: '2',
      },
    ]);
    // The same rules as the monthly statistics: rates and points agree, department by department.
    const stats = ok(await h.call('report', 'demo-district', 'problemStats', { month: '2026-11' }));
    for (const d of stats.departments as Array<{ name: string; whistled: number; points: number }>)
      expect(records(sheet).find((r) => r['职能部门'] === d.name)).toMatchObject({
        接哨数: String(d.whistled),
        考核积分: String(d.points),
      });
    const own = await exported(h, 'demo-department', 'exportWhistles', period);
    expect(records(rowsOf(own.wb, '考核表')).map((r) => r['职能部门'])).toEqual(['区城管局']);
    expect(rowsOf(own.wb, '考核表')[2]?.[0]).toBe('范围：区城管局');
    const audit = h.store.dump('audit').filter((a) => a.action === 'export.whistles');
    expect(audit.map((a) => [a.actor, (a.after as { scope: object }).scope])).toEqual([
      ['demo-district', { districtId: 'yj' }],
      ['demo-department', { departmentId: 'dept1' }],
    ]);
  });
});

describe('导出: files kept an hour', () => {
  test('the periodic job deletes an exported file (数据导出 and the tree’s) from storage an hour after it was made', async () => {
    const h = createHarness();
    const fileOf = (url: string) => {
      const [path = '', query = ''] = url.split('?');
      return h.files.open(path, new URLSearchParams(query))!.file;
    };
    const made = ok(await h.call('org', 'demo-district', 'exportEnrolments', H2));
    const tree = ok(await h.call('org', 'demo-district', 'exportTree', {}));
    const files = [fileOf(made.url), fileOf(tree.url)];
    expect(files.every((f) => existsSync(f))).toBe(true);
    h.clock.advance(59 * 60_000);
    expect(await periodicJobs(h.runtime)).toMatchObject({ removedExports: 0 });
    expect(files.every((f) => existsSync(f))).toBe(true);
    h.clock.advance(2 * 60_000);
    expect(await periodicJobs(h.runtime)).toMatchObject({ removedExports: 2 });
    expect(files.some((f) => existsSync(f))).toBe(false);
    expect(await periodicJobs(h.runtime)).toMatchObject({ removedExports: 0 });
  });
});
