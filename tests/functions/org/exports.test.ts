import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { createHarness, errorCode, ok, type Harness } from '../../support/harness';

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
